import { useSyncExternalStore } from 'react';

/**
 * A localStorage item as React state: the raw string (a primitive, so snapshots compare by
 * value), updated by writes in this tab (`notifyStorageChanged`) and in other tabs ('storage').
 * `undefined` during server rendering and hydration.
 */
const listeners = new Set<() => void>();

export function notifyStorageChanged(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function useStorageItem(key: string): string | null | undefined {
  return useSyncExternalStore(
    subscribe,
    () => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    () => undefined,
  );
}
