import * as Y from 'yjs';
import { applyTextChange } from './text-diff';

/** Reading and writing the fields of a record stored as a Y.Map (shared by all accessors). */
export type Fields = Y.Map<unknown>;

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
