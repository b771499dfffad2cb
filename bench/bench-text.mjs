import * as Y from 'yjs';

/**
 * The text the benchmarks type into and time. It must fit the board's schema, which the server
 * checks every update against (a free `Y.Text` root is refused with 4400): a step's rich-text
 * description, `step:bench`, holding paragraphs of text. Each writer types into a paragraph
 * of its own, created on first use (empty, so its tokens all arrive as text inserts).
 */
export const BENCH_ROOT = 'step:bench';

/** @param {Y.Doc} doc @returns {Y.XmlText} */
export function benchText(doc) {
  const fragment = doc.getXmlFragment(BENCH_ROOT);
  const mine = /** @type {{ benchText?: Y.XmlText }} */ (doc);
  if (mine.benchText) return mine.benchText;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.transact(() => {
    fragment.insert(fragment.length, [paragraph]);
    paragraph.insert(0, [text]);
  });
  mine.benchText = text;
  return text;
}

/**
 * Calls `onDelta(delta)` for text that arrives in any paragraph of the bench text, in
 * transactions whose origin is `origin` (what came from the server).
 * @param {Y.Doc} doc @param {unknown} origin @param {(delta: Array<{ insert?: unknown }>) => void} onDelta
 */
export function observeBenchText(doc, origin, onDelta) {
  doc.getXmlFragment(BENCH_ROOT).observeDeep((events, transaction) => {
    if (transaction.origin !== origin) return;
    for (const event of events) if (event.target instanceof Y.XmlText) onDelta(event.delta);
  });
}
