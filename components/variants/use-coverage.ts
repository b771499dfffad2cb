import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Coverage } from '@/lib/glossary/coverage';
import { createCoverageStore } from '@/lib/sync/variants-store';

const EMPTY: Coverage = { steps: [], covered: 0, total: 0, share: 0, candidates: [], hotspots: [] };

/** The coverage meter's figures, live (recomputed lazily after steps, terms or variants change). */
export function useCoverage(board: Y.Doc): Coverage {
  const store = useMemo(() => createCoverageStore(board), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
}
