'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { TeamVocabulary } from '@/lib/glossary/vocabulary';
import { createTeamVocabularyStore } from '@/lib/sync/glossary-store';

const EMPTY: TeamVocabulary = { columns: [], rows: [] };

/** The live team vocabulary of a board: every team present, aliases without a team included. */
export function useTeamVocabulary(board: Y.Doc): TeamVocabulary {
  const store = useMemo(() => createTeamVocabularyStore(board), [board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
}
