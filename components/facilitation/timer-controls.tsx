'use client';

import { useState } from 'react';
import { timerActions } from '@/lib/doc/timer';
import { useFacilitation } from './facilitation-context';

/** Start, pause, add time, reset — the facilitator's only. */
export function TimerControls() {
  const { doc, clock, facilitation } = useFacilitation();
  const [minutes, setMinutes] = useState(5);
  const { timer } = facilitation;
  const button = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100';
  return (
    <div role="group" aria-label="Timer controls" className="flex flex-wrap items-center gap-1">
      {timer.status === 'running' ? (
        <button type="button" className={button} onClick={() => timerActions.pause(doc, clock.now())}>
          Pause
        </button>
      ) : (
        <button type="button" className={button} onClick={() => timerActions.start(doc, clock.now(), timer.totalMs > 0 ? undefined : minutes * 60_000)}>
          {timer.status === 'paused' ? 'Resume' : 'Start timer'}
        </button>
      )}
      {timer.totalMs === 0 && (
        <>
          <label htmlFor="timer-minutes" className="sr-only">
            Minutes
          </label>
          <input id="timer-minutes" type="number" min={1} max={600} value={minutes} onChange={(e) => setMinutes(Math.max(1, Number(e.target.value) || 1))} className="w-16 rounded border border-slate-300 px-1 py-1 text-sm" />
          <span className="text-sm">min</span>
        </>
      )}
      <button type="button" className={button} onClick={() => timerActions.add(doc, 60_000, clock.now())}>
        +1 min
      </button>
      <button type="button" className={button} onClick={() => timerActions.reset(doc)}>
        Reset
      </button>
    </div>
  );
}
