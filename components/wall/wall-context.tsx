'use client';

import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { StepId, StickyId, StickyKind } from '@/lib/doc/schema';
import type { Identity } from '@/lib/presence';

/**
 * What the wall's nodes need besides their own data: the board and stable actions. The actions
 * never change identity (they read the latest state through a ref), so a node re-renders only
 * when its own data does.
 */
export type WallActions = {
  board: Y.Doc;
  identity: Identity;
  openStep: (id: StepId) => void;
  addNote: (stepId: StepId) => void;
  editNote: (id: StickyId | null) => void;
  /** Alt+arrows on a note: to the step before/after, or up/down within its step. */
  nudgeNote: (id: StickyId, direction: 'left' | 'right' | 'up' | 'down') => void;
  moveStepBy: (id: StepId, by: -1 | 1) => void;
  deleteNote: (id: StickyId) => void;
  setNoteKind: (id: StickyId, kind: StickyKind) => void;
  noteToStep: (id: StickyId) => void;
  noteToTerm: (id: StickyId) => void;
  focusMetric: (id: string) => void;
};

export const WallContext = createContext<WallActions | null>(null);

export function useWallActions(): WallActions {
  const value = useContext(WallContext);
  if (!value) throw new Error('useWallActions outside the wall');
  return value;
}
