import type * as Y from 'yjs';
import { FacilitationRoot, LOCAL_ORIGIN, parseItemKey } from './schema';

/** Locks: agreed items, read-only for participants until the facilitator reopens them. */

function locksMap(doc: Y.Doc): Y.Map<boolean> {
  return doc.getMap<boolean>(FacilitationRoot.locks);
}

/** The locked items, as item keys (malformed keys are ignored). */
export function listLocks(doc: Y.Doc): Set<string> {
  return new Set([...locksMap(doc).entries()].filter(([key, on]) => on === true && parseItemKey(key)).map(([key]) => key));
}

export function setLock(doc: Y.Doc, itemKey: string, locked: boolean, origin: unknown = LOCAL_ORIGIN): void {
  const locks = locksMap(doc);
  doc.transact(() => (locked ? locks.set(itemKey, true) : locks.delete(itemKey)), origin);
}
