import type { Awareness } from 'y-protocols/awareness';
import type { PresenceEntry } from '../presence';
import { listPresence } from '../presence';

/**
 * A cached, subscribable view of who is present, for `useSyncExternalStore`: the snapshot
 * only changes (by reference) when the list of people does.
 */
export type PresenceStore = {
  getSnapshot(): readonly PresenceEntry[];
  subscribe(listener: () => void): () => void;
};

export function createPresenceStore(awareness: Awareness): PresenceStore {
  const listeners = new Set<() => void>();
  let snapshot: readonly PresenceEntry[] = [];
  let key = '';
  const refresh = () => {
    const next = listPresence(awareness.getStates(), awareness.clientID);
    const nextKey = JSON.stringify(next);
    if (nextKey === key) return;
    key = nextKey;
    snapshot = next;
    for (const listener of listeners) listener();
  };
  refresh();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      if (listeners.size === 0) awareness.on('change', refresh);
      listeners.add(listener);
      refresh();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) awareness.off('change', refresh);
      };
    },
  };
}
