'use client';

import { useBoardUndoContext } from './board-undo-context';

/** Undo / redo buttons for this user's own board changes (also Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z). */
export function UndoControls() {
  const { undo, state } = useBoardUndoContext();
  return (
    <div className="flex gap-1" role="group" aria-label="Undo and redo">
      <button type="button" onClick={undo.undo} disabled={!state.canUndo} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100 disabled:opacity-40" aria-keyshortcuts="Control+Z Meta+Z">
        Undo
      </button>
      <button type="button" onClick={undo.redo} disabled={!state.canRedo} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100 disabled:opacity-40" aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
        Redo
      </button>
    </div>
  );
}
