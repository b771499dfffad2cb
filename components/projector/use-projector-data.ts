import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getStepDescription, subscribeStepDescriptions } from '@/lib/doc/process';
import type { StepId } from '@/lib/doc/schema';
import { createSignalsStore, type SignalsSnapshot } from '@/lib/sync/signals-store';

/** A step's description as plain text, live. */
export function useStepDescription(board: Y.Doc, id: StepId): string {
  const subscribe = useCallback((onChange: () => void) => subscribeStepDescriptions(board, onChange), [board]);
  return useSyncExternalStore(subscribe, () => getStepDescription(board, id), () => '');
}

const NO_SIGNALS: SignalsSnapshot = { flags: [], counts: new Map(), parking: [], mine: new Set() };

/** Flags (counts only) and the parking lot, live; the projector has no flags of its own. */
export function useProjectorSignals(board: Y.Doc): SignalsSnapshot {
  const store = useMemo(() => createSignalsStore(board, ''), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_SIGNALS);
}
