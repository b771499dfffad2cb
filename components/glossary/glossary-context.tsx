'use client';

import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { TermId } from '@/lib/doc/schema';
import { buildGlossarySnapshot, createGlossaryStore, type GlossarySnapshot } from '@/lib/sync/glossary-store';

type GlossaryContextValue = {
  glossary: GlossarySnapshot;
  /** The term open in the glossary panel (set by clicking a highlight, a collision link, …). */
  openTermId: TermId | null;
  openTerm: (id: TermId | null) => void;
};

const EMPTY = buildGlossarySnapshot([]);
const GlossaryContext = createContext<GlossaryContextValue>({ glossary: EMPTY, openTermId: null, openTerm: () => {} });

/** Shares the live glossary (terms, matcher, duplicates) and "open this term" with the board. */
export function GlossaryProvider({ board, onOpenTerm, children }: { board: Y.Doc; onOpenTerm?: () => void; children: ReactNode }) {
  const store = useMemo(() => createGlossaryStore(board), [board]);
  const glossary = useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
  const [openTermId, setOpenTermId] = useState<TermId | null>(null);
  const value = useMemo(
    () => ({
      glossary,
      openTermId,
      openTerm: (id: TermId | null) => {
        setOpenTermId(id);
        // Lets the board bring the glossary into view when a term is opened from elsewhere.
        if (id) onOpenTerm?.();
      },
    }),
    [glossary, openTermId, onOpenTerm],
  );
  return <GlossaryContext.Provider value={value}>{children}</GlossaryContext.Provider>;
}

export function useGlossary(): GlossaryContextValue {
  return useContext(GlossaryContext);
}
