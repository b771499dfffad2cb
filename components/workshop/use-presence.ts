import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceEntry } from '@/lib/presence';
import { createPresenceStore } from '@/lib/sync/presence-store';

const EMPTY: readonly PresenceEntry[] = [];

/** Who is here, live (one entry per person). */
export function usePresence(awareness: Awareness): readonly PresenceEntry[] {
  const store = useMemo(() => createPresenceStore(awareness), [awareness]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
}
