'use client';

import { formatDuration, remainingMs, timerPhase } from '@/lib/clock';
import { useFacilitation } from './facilitation-context';
import { useClockValue } from './use-server-now';

const PHASE_CLASS = {
  normal: 'bg-slate-900 text-white',
  warning: 'bg-amber-400 text-slate-950',
  critical: 'bg-red-700 text-white',
  // A few pulses that change size, not opacity (contrast stays above 4.5:1), then it stays.
  over: 'bg-red-700 text-white animate-[times-up_0.8s_ease-in-out_4] motion-reduce:animate-none',
} as const;

/** The shared timer: the same remaining time everywhere, with warnings at 20 % and 5 % left. */
export function TimerDisplay({ large = false }: { large?: boolean }) {
  const { facilitation, clock } = useFacilitation();
  const { timer } = facilitation;
  // The whole seconds left, as shown: one render a second while it runs, none otherwise.
  const left = useClockValue(clock, (now) => Math.ceil(remainingMs(timer, now) / 1000) * 1000, timer.status === 'running');
  if (timer.status === 'idle' && timer.totalMs === 0) return null;
  // The phase at the moment the display shows (a running timer has `left` to go at endsAt - left).
  const phase = timerPhase(timer, timer.status === 'running' ? timer.endsAt - left : 0);
  const label = phase === 'over' ? "Time's up" : formatDuration(left);
  return (
    <div
      role="timer"
      aria-label="Timer"
      data-phase={phase}
      data-remaining-ms={left}
      className={`inline-flex items-center gap-2 rounded-lg font-mono font-bold tabular-nums ${PHASE_CLASS[phase]} ${large ? 'px-[2vh] py-[1vh] text-[9vh] leading-none' : 'px-3 py-1 text-xl'}`}
    >
      {label}
      {timer.status === 'paused' && <span className={large ? 'text-[3vh]' : 'text-sm'}>paused</span>}
      {phase === 'warning' && <span className="sr-only">20 % of the time left</span>}
      {phase === 'critical' && <span className="sr-only">5 % of the time left</span>}
    </div>
  );
}
