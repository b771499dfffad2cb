import * as Y from 'yjs';

/**
 * Test data that fits the board's declared shape (lib/doc/schema.ts), which the server checks
 * every update against: a sequence that shows duplicates (unlike map entries) is a rich-text
 * description, `step:<name>`, holding one paragraph of text. Tests that count tokens typed into
 * it use it instead of a free-form Y.Array or Y.Text root, which the server refuses.
 */
export function sharedText(doc: Y.Doc, name: string): Y.XmlText {
  const fragment = doc.getXmlFragment(`step:${name}`);
  const existing = fragment.get(0);
  if (existing instanceof Y.XmlElement && existing.get(0) instanceof Y.XmlText) return existing.get(0) as Y.XmlText;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.transact(() => {
    fragment.insert(0, [paragraph]);
    paragraph.insert(0, [text]);
  });
  return text;
}

/** The `;`-terminated tokens of a shared text, in document order (reading never creates it). */
export function tokensOf(doc: Y.Doc, name: string): string[] {
  const paragraph = doc.getXmlFragment(`step:${name}`).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  return text instanceof Y.XmlText ? text.toString().split(';').filter(Boolean) : [];
}

/** Appends `token;` at the end of a shared text. */
export function appendToken(doc: Y.Doc, name: string, token: string | number): void {
  const text = sharedText(doc, name);
  text.insert(text.length, `${token};`);
}
