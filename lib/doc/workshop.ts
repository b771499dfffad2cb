import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { BoardRoot, LOCAL_ORIGIN, SCHEMA_VERSION, SEED_ORIGIN } from './schema';
import { clampLine } from './fields';
import { applyTextChange } from './text-diff';

/** Accessors for workshop-level fields of the board document. */

function titleText(doc: Y.Doc): Y.Text {
  return doc.getText(BoardRoot.title);
}

export function getTitle(doc: Y.Doc): string {
  return titleText(doc).toString();
}

/** Normalises a title typed by a user: no line breaks, at most the title limit. */
export function clampTitle(title: string): string {
  return clampLine(title, LIMITS.titleMaxLength);
}

/**
 * Sets the title to `next` by a minimal edit of the shared text, so concurrent typists merge.
 * Returns the title as stored (clamped to the limit).
 */
export function setTitle(doc: Y.Doc, next: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = clampTitle(next);
  doc.transact(() => {
    const text = titleText(doc);
    applyTextChange(text, text.toString(), clamped);
  }, origin);
  return clamped;
}

export function subscribeTitle(doc: Y.Doc, onChange: (title: string) => void): () => void {
  const text = titleText(doc);
  const handler = () => onChange(text.toString());
  text.observe(handler);
  return () => text.unobserve(handler);
}

export function getSchemaVersion(doc: Y.Doc): number | null {
  const value = doc.getMap(BoardRoot.meta).get('schemaVersion');
  return typeof value === 'number' ? value : null;
}

/**
 * A new board with its schema version and title, created once by the server when a workshop is
 * created (never by a client on load: every client would insert it again).
 */
export function seedBoardBase(title: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(BoardRoot.meta).set('schemaVersion', SCHEMA_VERSION);
    titleText(doc).insert(0, clampTitle(title));
  }, SEED_ORIGIN);
  return doc;
}

/** The initial board as one update (title only). */
export function seedBoard(title: string): Uint8Array {
  const doc = seedBoardBase(title);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
