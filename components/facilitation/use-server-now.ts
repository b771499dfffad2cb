import { useCallback, useSyncExternalStore } from 'react';
import type { ServerClock } from '@/lib/sync/server-clock';

/** The server's time, re-rendering every `stepMs` (quantised, so snapshots are stable in between). */
export function useServerNow(clock: ServerClock, stepMs = 250): number {
  const subscribe = useCallback(
    (listener: () => void) => {
      const interval = setInterval(listener, stepMs);
      const stop = clock.subscribe(listener);
      return () => {
        clearInterval(interval);
        stop();
      };
    },
    [clock, stepMs],
  );
  return useSyncExternalStore(subscribe, () => Math.floor(clock.now() / stepMs) * stepMs, () => 0);
}
