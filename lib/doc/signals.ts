import { compareCodePoints, compareNamesStrict } from '../compare';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { BoardLimitError, type Fields, recordAt, recordEntries, readNumber, readString, readText, writeText } from './fields';
import { newRecordId } from './ids';
import { subscribeRoots } from './subscribe';
import { clampText } from './text-diff';
import { BoardRoot, LOCAL_ORIGIN, itemKey, parseItemKey, type ItemRef, type ParkingRecord } from './schema';

/** "I don't understand" flags and the parking lot. */

/**
 * Flags are one flat map entry per (item, token): `${itemKey}#${token}` → team. Flat, because
 * two people flagging a fresh item at once would otherwise each create the item's nested map
 * and one of the two maps (with its flag) would lose.
 */
function flagsMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(BoardRoot.flags);
}

function parkingMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.parking);
}

function flagKey(item: ItemRef, token: string): string {
  return `${itemKey(item)}#${token}`;
}

function splitFlagKey(key: string): { item: ItemRef; token: string } | null {
  const hash = key.lastIndexOf('#');
  const item = hash > 0 ? parseItemKey(key.slice(0, hash)) : null;
  return item ? { item, token: key.slice(hash + 1) } : null;
}

/**
 * Raises or lowers this person's flag on an item. `token` is the person's opaque flag token
 * (random, per browser and workshop; never shown with a name); a token counts once.
 */
export function setFlag(doc: Y.Doc, item: ItemRef, token: string, team: string, on: boolean, origin: unknown = LOCAL_ORIGIN): void {
  const flags = flagsMap(doc);
  const key = flagKey(item, token);
  if (on && flags.get(key) !== team) doc.transact(() => flags.set(key, team), origin);
  else if (!on && flags.has(key)) doc.transact(() => flags.delete(key), origin);
}

/** Clears every flag on an item (the facilitator, once it has been discussed). */
export function clearFlags(doc: Y.Doc, item: ItemRef, origin: unknown = LOCAL_ORIGIN): void {
  const flags = flagsMap(doc);
  const prefix = `${itemKey(item)}#`;
  const keys = [...flags.keys()].filter((k) => k.startsWith(prefix));
  if (keys.length > 0) doc.transact(() => keys.forEach((k) => flags.delete(k)), origin);
}

export type FlagSummary = {
  readonly item: ItemRef;
  readonly count: number;
  /** Counts by team ('' = no team), for the facilitator's heat map. */
  readonly byTeam: ReadonlyMap<string, number>;
};

/** Flags by item, most flagged first. */
export function summarizeFlags(doc: Y.Doc): FlagSummary[] {
  const byItem = new Map<string, { item: ItemRef; count: number; byTeam: Map<string, number> }>();
  for (const [key, team] of flagsMap(doc).entries()) {
    const parsed = splitFlagKey(key);
    if (!parsed) continue;
    const k = itemKey(parsed.item);
    const summary = byItem.get(k) ?? { item: parsed.item, count: 0, byTeam: new Map<string, number>() };
    const name = typeof team === 'string' ? team : '';
    summary.count++;
    summary.byTeam.set(name, (summary.byTeam.get(name) ?? 0) + 1);
    byItem.set(k, summary);
  }
  return [...byItem.values()].sort((a, b) => b.count - a.count || compareCodePoints(itemKey(a.item), itemKey(b.item)));
}

/** The items (as item keys) this token has flagged. */
export function flaggedBy(doc: Y.Doc, token: string): Set<string> {
  const keys = new Set<string>();
  for (const key of flagsMap(doc).keys()) {
    const parsed = splitFlagKey(key);
    if (parsed && parsed.token === token) keys.add(itemKey(parsed.item));
  }
  return keys;
}

export function addParkingItem(doc: Y.Doc, input: { text: string; source: ItemRef | null; createdBy: string; createdAt?: number }, origin: unknown = LOCAL_ORIGIN): string {
  const text = clampText(input.text.trim(), LIMITS.parkingTextMaxLength);
  if (!text) throw new BoardLimitError('Write what should be parked.');
  const parking = parkingMap(doc);
  if (parking.size >= LIMITS.maxParkingItems) throw new BoardLimitError(`The parking lot can hold at most ${LIMITS.maxParkingItems} items.`);
  const id = newRecordId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    parking.set(id, map);
    map.set('text', new Y.Text(text));
    map.set('source', input.source ? itemKey(input.source) : '');
    map.set('resolved', false);
    map.set('createdBy', input.createdBy);
    map.set('createdAt', input.createdAt ?? Date.now());
  }, origin);
  return id;
}

export function setParkingText(doc: Y.Doc, id: string, value: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = clampText(value, LIMITS.parkingTextMaxLength);
  const map = recordAt(parkingMap(doc), id);
  if (map) doc.transact(() => writeText(map, 'text', clamped), origin);
  return clamped;
}

export function setParkingResolved(doc: Y.Doc, id: string, resolved: boolean, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(parkingMap(doc), id);
  if (map && map.get('resolved') !== resolved) doc.transact(() => map.set('resolved', resolved), origin);
}

export function deleteParkingItem(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  const parking = parkingMap(doc);
  if (parking.has(id)) doc.transact(() => parking.delete(id), origin);
}

/** Parking lot items, open ones first, oldest first. */
export function listParking(doc: Y.Doc): ParkingRecord[] {
  return recordEntries(parkingMap(doc))
    .map(([id, map]) => ({
      id,
      text: readText(map, 'text'),
      source: parseItemKey(readString(map, 'source')),
      resolved: map.get('resolved') === true,
      createdBy: readString(map, 'createdBy'),
      createdAt: readNumber(map, 'createdAt'),
    }))
    .sort((a, b) => Number(a.resolved) - Number(b.resolved) || a.createdAt - b.createdAt || compareNamesStrict(a.text, b.text) || compareCodePoints(a.id, b.id));
}

export function signalsUndoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [parkingMap(doc) as Y.AbstractType<unknown>];
}

/** Calls `onChange` after any change to flags or the parking lot. */
export function subscribeSignals(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.flags, BoardRoot.parking] }, onChange);
}
