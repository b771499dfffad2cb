import * as Y from 'yjs';

/** Plain-text views of rich-text fragments (for search, tooltips, CSV) and the reverse. */

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'horizontalRule']);

export function fragmentToPlainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const parts: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert?: unknown }>) if (typeof op.insert === 'string') parts.push(op.insert);
      return;
    }
    const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
    for (const child of children) {
      walk(child);
      if (child instanceof Y.XmlElement && BLOCKS.has(child.nodeName) && child.nodeName !== 'listItem') parts.push('\n');
    }
  };
  walk(fragment);
  return parts.join('').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Gives a new rich-text field its first, empty paragraph. Call it in the transaction that
 * creates the record. Why: an editor shows an empty fragment as one empty paragraph but writes
 * nothing until the first keystroke, so on an empty fragment every person's first keystroke
 * creates a paragraph of their own and three people typing at once end up in three paragraphs.
 */
export function initRichText(fragment: Y.XmlFragment): void {
  if (fragment.length === 0) fragment.insert(0, [paragraphOf()]);
}

/**
 * A paragraph with an empty text node. The text node matters as much as the paragraph: typed
 * into a paragraph without one, each person's first character creates a text node of their own,
 * and the editor binding cannot map two adjacent text nodes onto the one it shows.
 */
function paragraphOf(text = ''): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** Replaces a fragment's content with paragraphs of plain text (one per line); never leaves it empty. */
export function setFragmentPlainText(fragment: Y.XmlFragment, text: string): void {
  const lines = text.trim() === '' ? [''] : text.split(/\r?\n/);
  const replace = () => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    fragment.insert(0, lines.map((line) => paragraphOf(line)));
  };
  // One change, never a moment with the old text gone and the new one not there yet.
  if (fragment.doc) fragment.doc.transact(replace);
  else replace();
}

/** Appends copies of `source`'s content to `target` (used when merging two definitions). */
export function appendFragmentCopy(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const copies = (source.toArray() as Array<Y.XmlElement | Y.XmlText>).map((node) => node.clone());
  if (copies.length > 0) target.insert(target.length, copies);
}
