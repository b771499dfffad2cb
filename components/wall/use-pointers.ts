import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { WallPointer } from '@/lib/presence';
import { NO_POINTERS, createPointerStore } from '@/lib/sync/pointer-store';

/** Others' pointers on the wall, live. */
export function usePointers(awareness: Awareness): readonly WallPointer[] {
  const store = useMemo(() => createPointerStore(awareness), [awareness]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_POINTERS);
}
