/**
 * The server's clock, as seen from a client: every client shows the same remaining time even
 * when machine clocks disagree. Offset estimation is NTP-style: for each sample the server's
 * time is assumed to be read half-way through the round trip; the sample with the shortest
 * round trip is the most trustworthy.
 */
export type ClockSample = { sentAt: number; serverTime: number; receivedAt: number };

/** serverTime ≈ localTime + offset */
export function estimateOffset(samples: readonly ClockSample[]): number {
  const best = [...samples].sort((a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt))[0];
  if (!best) return 0;
  return best.serverTime - (best.sentAt + best.receivedAt) / 2;
}

export type TimerState =
  | { status: 'idle'; totalMs: number }
  | { status: 'running'; totalMs: number; endsAt: number }
  | { status: 'paused'; totalMs: number; remainingMs: number };

/** Remaining milliseconds at server time `now` (never negative). */
export function remainingMs(timer: TimerState, now: number): number {
  if (timer.status === 'running') return Math.max(0, timer.endsAt - now);
  if (timer.status === 'paused') return Math.max(0, timer.remainingMs);
  return timer.totalMs;
}

export function startTimer(timer: TimerState, now: number, totalMs?: number): TimerState {
  if (totalMs !== undefined) return { status: 'running', totalMs, endsAt: now + totalMs };
  if (timer.status === 'paused') return { status: 'running', totalMs: timer.totalMs, endsAt: now + timer.remainingMs };
  if (timer.status === 'running') return timer;
  return { status: 'running', totalMs: timer.totalMs, endsAt: now + timer.totalMs };
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  return timer.status === 'running' ? { status: 'paused', totalMs: timer.totalMs, remainingMs: remainingMs(timer, now) } : timer;
}

/** Adds time to the remaining time (and to the total, so the warnings stay proportional). */
export function addTime(timer: TimerState, ms: number, now: number): TimerState {
  if (timer.status === 'running') {
    const endsAt = Math.max(now, timer.endsAt) + ms;
    return { status: 'running', totalMs: timer.totalMs + ms, endsAt };
  }
  if (timer.status === 'paused') return { status: 'paused', totalMs: timer.totalMs + ms, remainingMs: timer.remainingMs + ms };
  return { status: 'idle', totalMs: timer.totalMs + ms };
}

export function resetTimer(timer: TimerState): TimerState {
  return { status: 'idle', totalMs: timer.totalMs };
}

export type TimerPhase = 'normal' | 'warning' | 'critical' | 'over';

/** Warnings at 20 % and 5 % of the total left; "over" when time is up while running. */
export function timerPhase(timer: TimerState, now: number): TimerPhase {
  const left = remainingMs(timer, now);
  if (timer.status !== 'idle' && left <= 0) return 'over';
  if (timer.totalMs <= 0 || timer.status === 'idle') return 'normal';
  const fraction = left / timer.totalMs;
  return fraction <= 0.05 ? 'critical' : fraction <= 0.2 ? 'warning' : 'normal';
}

/** How long a running timer has been at zero ("Time's up" for this long); 0 otherwise. */
export function overrunMs(timer: TimerState, now: number): number {
  return timer.status === 'running' ? Math.max(0, now - timer.endsAt) : 0;
}

export function formatDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
