import { useCallback, useSyncExternalStore } from 'react';
import type { ServerClock } from '@/lib/sync/server-clock';

/**
 * A value read from the server's clock (the seconds left on the timer, the current second),
 * re-read every `stepMs` while `active` and whenever the clock is corrected. React re-renders
 * only when the value changes, so a seconds count costs one render a second, of the component
 * that reads it; while nothing is running (`active` false) no interval runs at all and the page
 * can go idle.
 */
export function useClockValue<T extends string | number>(clock: ServerClock, read: (now: number) => T, active: boolean, stepMs = 250): T {
  const subscribe = useCallback(
    (listener: () => void) => {
      const interval = active ? setInterval(listener, stepMs) : undefined;
      const stop = clock.subscribe(listener);
      return () => {
        clearInterval(interval);
        stop();
      };
    },
    [clock, stepMs, active],
  );
  return useSyncExternalStore(
    subscribe,
    () => read(clock.now()),
    () => read(0),
  );
}

/** The server's time in whole `stepMs` (quantised, so snapshots are stable in between); ticks only while `active`. */
export function useServerNow(clock: ServerClock, stepMs = 1000, active = true): number {
  return useClockValue(clock, (now) => Math.floor(now / stepMs) * stepMs, active, Math.min(stepMs, 250));
}
