import type * as Y from 'yjs';
import { listMetrics, subscribeMetrics } from '../doc/metrics';
import { itemKey, type MetricRecord, type ParkingRecord } from '../doc/schema';
import { flaggedBy, listParking, subscribeSignals, summarizeFlags, type FlagSummary } from '../doc/signals';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type SignalsSnapshot = {
  readonly flags: readonly FlagSummary[];
  /** Flag count by item key. */
  readonly counts: ReadonlyMap<string, number>;
  readonly parking: readonly ParkingRecord[];
  /** Item keys flagged by this browser's token. */
  readonly mine: ReadonlySet<string>;
};

export function createSignalsStore(doc: Y.Doc, token: string): SnapshotStore<SignalsSnapshot> {
  return createSnapshotStore(
    (onChange) => subscribeSignals(doc, onChange),
    () => {
      const flags = summarizeFlags(doc);
      return { flags, counts: new Map(flags.map((f) => [itemKey(f.item), f.count])), parking: listParking(doc), mine: flaggedBy(doc, token) };
    },
  );
}

export function createMetricsStore(doc: Y.Doc): SnapshotStore<readonly MetricRecord[]> {
  return createSnapshotStore((onChange) => subscribeMetrics(doc, onChange), () => listMetrics(doc));
}
