import * as Y from 'yjs';
import { definitionFragment, glossaryUndoScope, mergeTerms } from '../doc/glossary';
import { metricsUndoScope } from '../doc/metrics';
import { processUndoScope } from '../doc/process';
import { signalsUndoScope } from '../doc/signals';
import type { TermId } from '../doc/schema';
import { LOCAL_ORIGIN } from '../doc/schema';

export type UndoState = { readonly canUndo: boolean; readonly canRedo: boolean };

/**
 * Board-level undo/redo for this user only: the manager tracks transactions made with the
 * local origin, so undo never reverts someone else's work. Rich-text descriptions have their
 * own undo inside the editor.
 */
export function createBoardUndo(doc: Y.Doc) {
  const manager = new Y.UndoManager([...processUndoScope(doc), ...glossaryUndoScope(doc), ...metricsUndoScope(doc), ...signalsUndoScope(doc)], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 500,
  });
  let state: UndoState = { canUndo: false, canRedo: false };
  const listeners = new Set<() => void>();
  const refresh = () => {
    const next = { canUndo: manager.canUndo(), canRedo: manager.canRedo() };
    if (next.canUndo === state.canUndo && next.canRedo === state.canRedo) return;
    state = next;
    for (const l of listeners) l();
  };
  for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) manager.on(event, refresh);
  return {
    undo: () => void manager.undo(),
    redo: () => void manager.redo(),
    /** Ends the current capture group, so the next edit is undone on its own. */
    stopCapturing: () => manager.stopCapturing(),
    getSnapshot: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Merges two terms as one undoable step. The kept term's definition fragment is a root
     * type outside the board scope, so it joins the scope first: undo then removes the
     * appended definition along with restoring the merged term.
     */
    mergeTerms(keptId: TermId, mergedId: TermId) {
      manager.addToScope(definitionFragment(doc, keptId));
      manager.stopCapturing();
      mergeTerms(doc, keptId, mergedId);
      manager.stopCapturing();
    },
    destroy: () => manager.destroy(),
  };
}

export type BoardUndo = ReturnType<typeof createBoardUndo>;
