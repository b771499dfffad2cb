/**
 * A cached, lazily rebuilt snapshot over a document subscription, for `useSyncExternalStore`:
 * a change marks the snapshot stale; the next read rebuilds it once, however many updates
 * arrived in between. The subscription is held only while someone listens.
 */
export type SnapshotStore<T> = {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
};

export function createSnapshotStore<T>(subscribe: (onChange: () => void) => () => void, build: () => T): SnapshotStore<T> {
  let snapshot: T | null = null;
  const listeners = new Set<() => void>();
  let unsubscribe: (() => void) | null = null;
  return {
    getSnapshot() {
      snapshot ??= build();
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= subscribe(() => {
        snapshot = null;
        for (const l of listeners) l();
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unsubscribe?.();
          unsubscribe = null;
          // Nobody is told about changes now, so the cached snapshot may go stale.
          snapshot = null;
        }
      };
    },
  };
}
