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

/** Replaces a fragment's content with paragraphs of plain text (one per line). */
export function setFragmentPlainText(fragment: Y.XmlFragment, text: string): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  const paragraphs = text.split(/\r?\n/).map((line) => {
    const paragraph = new Y.XmlElement('paragraph');
    if (line) paragraph.insert(0, [new Y.XmlText(line)]);
    return paragraph;
  });
  if (text.trim() !== '') fragment.insert(0, paragraphs);
}

/** Appends copies of `source`'s content to `target` (used when merging two definitions). */
export function appendFragmentCopy(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const copies = (source.toArray() as Array<Y.XmlElement | Y.XmlText>).map((node) => node.clone());
  if (copies.length > 0) target.insert(target.length, copies);
}
