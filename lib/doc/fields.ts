import * as Y from 'yjs';
import { applyTextChange, clampText } from './text-diff';

/** Reading and writing the fields of a record stored as a Y.Map (shared by all accessors). */
export type Fields = Y.Map<unknown>;

/**
 * A write refused because a board limit would be crossed (or its input is unusable); the
 * message is for the user. Accessors throw it before `doc.transact`, so a refused write has
 * written nothing: Yjs has no rollback, and anything written before a throw inside a
 * transaction would sync to everyone.
 */
export class BoardLimitError extends Error {}

/** A text field's value: a Y.Text (merges concurrent typing) or, from older data, a string. */
export function readText(map: Fields, field: string): string {
  const value = map.get(field);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

export function readString(map: Fields, field: string): string {
  const value = map.get(field);
  return typeof value === 'string' ? value : '';
}

export function readNumber(map: Fields, field: string): number {
  const value = map.get(field);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function readOneOf<T extends string>(map: Fields, field: string, allowed: readonly T[], fallback: T): T {
  const value = map.get(field);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A nested record map (aliases, examples, the timer), or null when missing or malformed. */
/**
 * The entries of a collection that are records (Y.Maps). Anything else stored under a
 * collection (data written before the server validated updates) is skipped, never read as a
 * record: `findDamaged` (damage.ts) reports it instead.
 */
export function recordEntries<T>(collection: Y.Map<T>): Array<[string, Fields]> {
  const records: Array<[string, Fields]> = [];
  for (const [id, value] of collection.entries()) if ((value as unknown) instanceof Y.Map) records.push([id, value as unknown as Fields]);
  return records;
}

/** One record of a collection, or undefined when missing or not a record. */
export function recordAt<T>(collection: Y.Map<T>, id: string): Fields | undefined {
  const value: unknown = collection.get(id);
  return value instanceof Y.Map ? (value as Fields) : undefined;
}

export function readMap(map: Y.Map<unknown>, field: string): Fields | null {
  const value = map.get(field);
  return value instanceof Y.Map ? (value as Fields) : null;
}

/** The nested map at `field`, created if missing. Call inside a transaction. */
export function writeMap(map: Y.Map<unknown>, field: string): Fields {
  return readMap(map, field) ?? (map.set(field, new Y.Map<unknown>()) as Fields);
}

/** A single-line text as typed into a plain field: line breaks become spaces, cut to `max` at a whole grapheme. */
export function clampLine(value: string, max: number): string {
  return clampText(value.replace(/[\r\n]+/g, ' '), max);
}

/** Sets a text field to `value` by a minimal edit of its Y.Text (created if missing). Call inside a transaction. */
export function writeText(map: Fields, field: string, value: string): void {
  let target = map.get(field);
  if (!(target instanceof Y.Text)) {
    target = new Y.Text();
    map.set(field, target);
  }
  const text = target as Y.Text;
  applyTextChange(text, text.toString(), value);
}
