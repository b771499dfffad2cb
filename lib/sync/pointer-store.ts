import type { Awareness } from 'y-protocols/awareness';
import { listPointers, type WallPointer } from '../presence';

const NONE: readonly WallPointer[] = [];

/** Others' pointers for `useSyncExternalStore`: the snapshot changes (by reference) only when a pointer does. */
export function createPointerStore(awareness: Awareness) {
  let snapshot: readonly WallPointer[] = NONE;
  let key = '[]';
  return {
    getSnapshot(): readonly WallPointer[] {
      const next = listPointers(awareness.getStates(), awareness.clientID);
      const nextKey = JSON.stringify(next);
      if (nextKey !== key) {
        key = nextKey;
        snapshot = next.length === 0 ? NONE : next;
      }
      return snapshot;
    },
    subscribe(listener: () => void): () => void {
      awareness.on('change', listener);
      return () => awareness.off('change', listener);
    },
  };
}

export const NO_POINTERS = NONE;
