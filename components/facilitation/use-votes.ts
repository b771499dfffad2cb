import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createVotesStore, type VotesSnapshot } from '@/lib/sync/votes-store';

const NONE: VotesSnapshot = { ballots: () => new Map(), answers: () => new Map() };

export function useVotes(board: Y.Doc): VotesSnapshot {
  const store = useMemo(() => createVotesStore(board), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
}
