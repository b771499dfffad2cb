import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createBoardUndo, type BoardUndo, type UndoState } from '@/lib/sync/board-undo';

const NONE: UndoState = { canUndo: false, canRedo: false };

/**
 * This user's undo/redo for the board, with Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and Ctrl+Y)
 * anywhere on the page except inside a rich-text editor, which has its own history.
 */
export function useBoardUndo(board: Y.Doc): { undo: BoardUndo; state: UndoState } {
  const undo = useMemo(() => createBoardUndo(board), [board]);
  useEffect(() => () => undo.destroy(), [undo]);
  const state = useSyncExternalStore(undo.subscribe, undo.getSnapshot, () => NONE);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('.ProseMirror')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
  return { undo, state };
}
