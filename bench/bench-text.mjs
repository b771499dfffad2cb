import * as Y from 'yjs';

/**
 * Where the benchmarks type and time their edits. It must be a place the board's schema
 * accepts, since our server checks every update against it and closes the socket of a client
 * that sends anything else (a free `Y.Text` root is refused with 4400; so is text past a
 * field's limit). It is a step's rich-text description: the step is created by lib/'s own
 * accessor (`addStep`, on the main thread, which also gives the description its first
 * paragraph), and the root's name (`stepDescriptionField(id)`) is handed to the clients that
 * type or listen. The same edits go to every server measured, whether it checks them or not.
 *
 * A description holds at most 20,000 characters (RICH_TEXT_MAX_LENGTH): a token is about 22
 * ("499:1764589302123.456;"), so one writer types at most ~800 into one step, and each of many
 * writers gets a step of its own.
 */

/** The text node of the description's first paragraph (the one `addStep` made). @param {Y.Doc} doc @param {string} root @returns {Y.XmlText} */
export function benchText(doc, root) {
  const paragraph = doc.getXmlFragment(root).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error(`bench: ${root} has no paragraph to type into (was the step created and synced?)`);
  return text;
}

/**
 * Calls `onDelta(delta)` for text that arrives in the descriptions `roots`, in transactions
 * whose origin is `origin` (what came from the server).
 * @param {Y.Doc} doc @param {unknown} origin @param {string[]} roots @param {(delta: Array<{ insert?: unknown }>) => void} onDelta
 */
export function observeBenchText(doc, origin, roots, onDelta) {
  for (const root of roots) {
    doc.getXmlFragment(root).observeDeep((events, transaction) => {
      if (transaction.origin !== origin) return;
      for (const event of events) if (event.target instanceof Y.XmlText) onDelta(event.delta);
    });
  }
}

/** The edit tokens ("seq:sent;") in a description. @param {Y.Doc} doc @param {string} root @returns {string[]} */
export function benchTokens(doc, root) {
  const paragraph = doc.getXmlFragment(root).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  return text instanceof Y.XmlText ? text.toString().split(';').filter(Boolean) : [];
}
