import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { SnapshotStore } from '@/lib/sync/snapshot-store';
import { NO_VARIANTS, createVariantsStore, type VariantsSnapshot } from '@/lib/sync/variants-store';

// One store per board, shared by every term row, editor and focus list: one subscription to the
// document however many components read the variants.
const stores = new WeakMap<Y.Doc, SnapshotStore<VariantsSnapshot>>();

/** Every team definition on the board (by item key) and which items are contested, live. */
export function useVariants(board: Y.Doc): VariantsSnapshot {
  let store = stores.get(board);
  if (!store) stores.set(board, (store = createVariantsStore(board)));
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_VARIANTS);
}
