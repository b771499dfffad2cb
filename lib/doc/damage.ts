import * as Y from 'yjs';
import { rootShape, type DocumentShape, type Shape } from './shape';

/**
 * Records stored before the server checked every update against the schema (or written by a
 * future version) may not have the shape the accessors expect. Readers skip them, so a page or
 * an export never fails on them; this module finds them, from the same shape declaration the
 * server validates with, so that the facilitator can see how many are hidden and remove them.
 */
export type DamagedEntry = {
  /** The root map and, for a nested record, the path of keys to the entry. */
  readonly path: readonly string[];
  readonly reason: string;
};

function fits(shape: Shape, value: unknown): boolean {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string' && (!shape.oneOf || shape.oneOf.includes(value));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'record':
    case 'collection':
      return value instanceof Y.Map;
    case 'text':
      // Older data stored some text fields as plain strings; readers accept both.
      return (value instanceof Y.Text && !(value instanceof Y.XmlText)) || typeof value === 'string';
    case 'rich':
      return false;
  }
}

function scan(map: Y.Map<unknown>, shape: Shape, path: string[], found: DamagedEntry[]): void {
  if (shape.kind === 'collection') {
    for (const [key, value] of map.entries()) {
      if (!fits(shape.entry, value)) found.push({ path: [...path, key], reason: `not a ${shape.entry.kind}` });
      else if (value instanceof Y.Map) scan(value, shape.entry, [...path, key], found);
    }
  } else if (shape.kind === 'record') {
    for (const [key, value] of map.entries()) {
      const field = Object.hasOwn(shape.fields, key) ? shape.fields[key]! : null;
      // Readers fall back field by field (a missing text reads as empty and is recreated by the
      // next edit), so only the damaged field is reported and removed, not its whole record.
      if (!field) found.push({ path: [...path, key], reason: 'unknown field' });
      else if (!fits(field, value)) found.push({ path: [...path, key], reason: `not a ${field.kind}` });
      else if (value instanceof Y.Map) scan(value, field, [...path, key], found);
    }
  }
}

/** Entries of the document's root maps that do not fit its shape. */
export function findDamaged(doc: Y.Doc, shape: DocumentShape): DamagedEntry[] {
  const found: DamagedEntry[] = [];
  for (const name of Object.keys(shape.roots)) {
    const root = rootShape(shape, name);
    if (!root || (root.kind !== 'collection' && root.kind !== 'record') || !doc.share.has(name)) continue;
    scan(doc.getMap(name), root, [name], found);
  }
  return found;
}

/** Deletes damaged entries: a whole entry of a collection, or one field of a record. */
export function removeDamaged(doc: Y.Doc, entries: readonly DamagedEntry[], origin?: unknown): void {
  if (entries.length === 0) return;
  doc.transact(() => {
    for (const { path } of entries) {
      let parent: Y.Map<unknown> | null = doc.getMap(path[0]!);
      for (const key of path.slice(1, -1)) {
        const next: unknown = parent?.get(key);
        parent = next instanceof Y.Map ? (next as Y.Map<unknown>) : null;
      }
      if (path.length >= 2) parent?.delete(path[path.length - 1]!);
    }
  }, origin);
}
