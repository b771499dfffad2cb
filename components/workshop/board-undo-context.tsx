'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { BoardUndo, UndoState } from '@/lib/sync/board-undo';
import { useBoardUndo } from './use-board-undo';

type Value = { undo: BoardUndo; state: UndoState } | null;
const BoardUndoContext = createContext<Value>(null);

/** One undo history per user per board, shared by the process map and the glossary. */
export function BoardUndoProvider({ board, children }: { board: Y.Doc; children: ReactNode }) {
  const value = useBoardUndo(board);
  return <BoardUndoContext.Provider value={value}>{children}</BoardUndoContext.Provider>;
}

export function useBoardUndoContext(): NonNullable<Value> {
  const value = useContext(BoardUndoContext);
  if (!value) throw new Error('useBoardUndoContext outside BoardUndoProvider');
  return value;
}
