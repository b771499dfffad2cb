import { useEffect, useState } from 'react';

type Idle = { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number; cancelIdleCallback?: (handle: number) => void };

/** After the browser has painted and handled input: idle time where there is such a thing, else a short timer. */
function whenIdle(callback: () => void): () => void {
  const w = window as unknown as Idle;
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const handle = w.requestIdleCallback(callback, { timeout: 100 });
    return () => w.cancelIdleCallback!(handle);
  }
  const handle = window.setTimeout(callback, 16);
  return () => window.clearTimeout(handle);
}

/**
 * How many of `total` items to render in full: `initial` at once, then `batch` more each time
 * the browser is idle, until all are there. A large board (150 steps, 1,000 notes, 500 terms)
 * becomes usable after the first screen is built instead of after all of it; the rest follows
 * within a second or two, between the user's keystrokes rather than instead of them. Once every
 * item has been shown, items added later show at once.
 */
export function useProgressiveCount(total: number, { initial, batch }: { initial: number; batch: number }): number {
  const [state, setState] = useState({ count: initial, complete: total <= initial });
  const { count, complete } = state;
  useEffect(() => {
    if (complete) return;
    if (count >= total) {
      // Everything has been shown once; from now on, all of it always is.
      return whenIdle(() => setState({ count, complete: true }));
    }
    return whenIdle(() => setState({ count: count + batch, complete: false }));
  }, [count, complete, total, batch]);
  return complete ? total : Math.min(count, total);
}
