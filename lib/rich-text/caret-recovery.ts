import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Selection, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Keeps each typist's words whole when several people type at one spot of a rich-text field.
 * Two small overrides of `@tiptap/y-tiptap` 3.0.9 (pinned exactly in package.json for this
 * reason; revisit both when upgrading), installed from outside rather than by patching it:
 *
 * 1. **The caret after a remote change.** y-tiptap restores the local selection from Yjs
 *    relative positions, then "recovers" it (`recoverSelectionEndpoint`) whenever the
 *    paragraph's text changed, by matching text prefixes and reusing the old raw offset. Where
 *    others are typing, that puts the caret at the wrong place among identical characters
 *    (the class of bug reported as y-prosemirror issue 161). The relative positions it records
 *    are left-associated (a caret sticks to the character just typed), which is exactly what
 *    keeps a run of typing together, so after every remote change we resolve them ourselves and
 *    use them while the items they point at are alive. Only when an anchor item was deleted (a
 *    paragraph moved by drag and drop is deleted and re-inserted) do we leave upstream's
 *    content-based recovery in charge. It reads the binding's `beforeTransactionSelection`,
 *    which y-tiptap sets before each Yjs transaction and clears after it.
 *
 * 2. **Where a keystroke lands in Yjs.** The binding writes local edits by diffing the
 *    paragraph's old and new text from the left (`simpleDiff`), so a space typed next to
 *    someone else's space is recorded as inserted after *their* space: the next letter is then
 *    anchored to another person's character and concurrent typing interleaves (" Cleo Ana was
 *    here. was here."). For a plain keystroke or deletion inside one text-only paragraph we
 *    apply the step to the Y.XmlText at its exact offset first; the binding's diff then finds
 *    nothing left to do (and still corrects anything we did not handle).
 */

type RelativeSelection = {
  readonly type: string;
  readonly anchor: Y.RelativePosition | null;
  readonly head: Y.RelativePosition | null;
};

type Binding = {
  readonly doc: Y.Doc;
  readonly type: Y.XmlFragment;
  readonly mapping: Map<unknown, unknown>;
  readonly beforeTransactionSelection: RelativeSelection | null;
  _prosemirrorChanged(doc: ProseMirrorNode): void;
};

type SyncMeta = { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;

export const caretRecoveryKey = new PluginKey('common-ground/caret-recovery');

function bindingOf(state: EditorState): Binding | null {
  return (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null;
}

/** False when the item a relative position is anchored to (or its parent) has been deleted. */
function isAnchorAlive(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item ?? position.type;
  if (id === null) return true; // the root fragment itself: never deleted
  try {
    return !Y.getItem(doc.store, id).deleted;
  } catch {
    return false; // not in this document
  }
}

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as SyncMeta;
  return tr.docChanged && meta?.isChangeOrigin === true && meta.isUndoRedoOperation !== true;
}

/** The selection the recorded relative positions resolve to, or null to keep upstream's. */
export function selectionFromYjs(state: EditorState): Selection | null {
  const binding = bindingOf(state);
  const relative = binding?.beforeTransactionSelection;
  if (!binding || !relative || relative.type !== 'text' || !relative.anchor || !relative.head) return null;
  if (!isAnchorAlive(binding.doc, relative.anchor) || !isAnchorAlive(binding.doc, relative.head)) return null;
  const anchor = relativePositionToAbsolutePosition(binding.doc, binding.type, relative.anchor, binding.mapping as never);
  const head = relativePositionToAbsolutePosition(binding.doc, binding.type, relative.head, binding.mapping as never);
  const size = state.doc.content.size;
  if (anchor === null || head === null || anchor > size || head > size) return null;
  const $anchor = state.doc.resolve(anchor);
  const $head = state.doc.resolve(head);
  if (!$anchor.parent.inlineContent || !$head.parent.inlineContent) return null;
  return TextSelection.between($anchor, $head);
}

function plainTextOf(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}

/**
 * Applies a local keystroke (one step inserting or deleting text inside one text-only
 * paragraph) to the paragraph's Y.XmlText at its exact offset. Anything else is left to the
 * binding's own diff. Call inside the binding's Yjs transaction.
 */
export function applyKeystroke(binding: Binding, tr: Transaction): void {
  if (tr.steps.length !== 1) return;
  const step = tr.steps[0];
  if (!(step instanceof ReplaceStep)) return;
  const { from, to, slice } = step;
  const $from = tr.before.resolve(from);
  const block = $from.parent;
  if (!block.isTextblock || to > $from.end() || slice.openStart !== 0 || slice.openEnd !== 0) return;
  let textOnly = true;
  block.forEach((child) => (textOnly &&= child.isText));
  let inserted = '';
  slice.content.forEach((child) => {
    if (child.isText) inserted += child.text;
    else textOnly = false;
  });
  if (!textOnly || (inserted === '' && to === from)) return;
  const position = Y.createAbsolutePositionFromRelativePosition(
    absolutePositionToRelativePosition(from, binding.type, binding.mapping as never),
    binding.doc,
  );
  const text = position?.type;
  // Only when Yjs holds exactly what the editor showed before the keystroke.
  if (!(text instanceof Y.XmlText) || plainTextOf(text) !== block.textContent) return;
  const offset = $from.parentOffset;
  if (to > from) text.delete(offset, to - from);
  // Formatting attributes are set by the binding's diff right after (it applies every mark).
  if (inserted) text.insert(offset, inserted);
}

export function caretRecoveryPlugin(): Plugin {
  // Local edits since the binding last wrote to Yjs (normally one keystroke).
  const pending: Transaction[] = [];
  return new Plugin({
    key: caretRecoveryKey,
    state: {
      init: () => null,
      apply(tr) {
        if (tr.getMeta(ySyncPluginKey) !== undefined) pending.length = 0; // the binding's own, or remote
        else if (tr.docChanged) pending.push(tr);
        return null;
      },
    },
    view(view) {
      const binding = bindingOf(view.state);
      if (binding) {
        const write = binding._prosemirrorChanged.bind(binding);
        binding._prosemirrorChanged = (doc) => {
          binding.doc.transact(() => {
            const edits = pending.splice(0);
            if (edits.length === 1) applyKeystroke(binding, edits[0]!);
            write(doc);
          }, ySyncPluginKey);
        };
      }
      return {};
    },
    appendTransaction(transactions, _oldState, state) {
      if (!transactions.some(isRemoteChange)) return null;
      const selection = selectionFromYjs(state);
      if (!selection || selection.eq(state.selection)) return null;
      // Marked like the sync plugin's own transaction, so its state (undo capture) is unchanged.
      return state.tr.setSelection(selection).setMeta('addToHistory', false).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    },
  });
}

/** The Tiptap extension that installs the plugin; add it after `Collaboration`. */
export const CaretRecovery = Extension.create({
  name: 'caretRecovery',
  addProseMirrorPlugins() {
    return [caretRecoveryPlugin()];
  },
});
