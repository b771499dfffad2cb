import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getDecision, listDecisions, subscribeDecisions, type Decision } from '@/lib/doc/sessions';

/** The decision (time and consensus counts) recorded when an item was agreed, live; null before. */
export function useDecision(facilitation: Y.Doc, itemKey: string): Decision | null {
  const subscribe = useCallback((onChange: () => void) => subscribeDecisions(facilitation, onChange), [facilitation]);
  // A string snapshot: equal decisions compare equal, so nothing re-renders until one is recorded.
  const raw = useSyncExternalStore(subscribe, () => JSON.stringify(getDecision(facilitation, itemKey)), () => 'null');
  return useMemo(() => JSON.parse(raw) as Decision | null, [raw]);
}

/** Every recorded decision, oldest first, live. */
export function useDecisions(facilitation: Y.Doc): Decision[] {
  const subscribe = useCallback((onChange: () => void) => subscribeDecisions(facilitation, onChange), [facilitation]);
  const raw = useSyncExternalStore(subscribe, () => JSON.stringify(listDecisions(facilitation)), () => '[]');
  return useMemo(() => JSON.parse(raw) as Decision[], [raw]);
}
