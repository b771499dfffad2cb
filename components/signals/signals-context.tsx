'use client';

import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { MetricRecord } from '@/lib/doc/schema';
import { flagToken } from '@/lib/identity';
import { createSignalsStore, type SignalsSnapshot } from '@/lib/sync/signals-store';
import { useMetrics } from '@/components/metrics/use-metrics';
import { browserStorage } from '@/components/ui/browser-storage';

type SignalsValue = {
  board: Y.Doc;
  signals: SignalsSnapshot;
  metrics: readonly MetricRecord[];
  /** Item keys this browser has flagged. */
  mine: ReadonlySet<string>;
  token: string;
  team: string;
};

const EMPTY_SIGNALS: SignalsSnapshot = { flags: [], counts: new Map(), parking: [], mine: new Set() };
const SignalsContext = createContext<SignalsValue | null>(null);

/** Live metrics, flags and parking lot, and this browser's anonymous flag token. */
export function SignalsProvider({ board, workshopId, team, children }: { board: Y.Doc; workshopId: string; team: string; children: ReactNode }) {
  const token = useMemo(() => flagToken(browserStorage(), workshopId), [workshopId]);
  const signalsStore = useMemo(() => createSignalsStore(board, token), [board, token]);
  const signals = useSyncExternalStore(signalsStore.subscribe, signalsStore.getSnapshot, () => EMPTY_SIGNALS);
  const metrics = useMetrics(board);
  const value = useMemo(() => ({ board, signals, metrics, mine: signals.mine, token, team }), [board, signals, metrics, token, team]);
  return <SignalsContext.Provider value={value}>{children}</SignalsContext.Provider>;
}

export function useSignals(): SignalsValue {
  const value = useContext(SignalsContext);
  if (!value) throw new Error('useSignals outside SignalsProvider');
  return value;
}

