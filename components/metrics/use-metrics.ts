import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { MetricRecord } from '@/lib/doc/schema';
import { createMetricsStore } from '@/lib/sync/signals-store';

const NONE: readonly MetricRecord[] = [];

/** The metrics, live, A–Z. */
export function useMetrics(board: Y.Doc): readonly MetricRecord[] {
  const store = useMemo(() => createMetricsStore(board), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
}
