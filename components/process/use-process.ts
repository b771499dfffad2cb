import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createProcessStore, type ProcessSnapshot } from '@/lib/sync/process-store';

const EMPTY: ProcessSnapshot = { steps: [], stickiesByStep: new Map(), loose: [] };

/** The process map (steps in order, stickies by step), live. */
export function useProcess(board: Y.Doc): ProcessSnapshot {
  const store = useMemo(() => createProcessStore(board), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
}
