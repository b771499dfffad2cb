import { compareCodePoints } from '../compare';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { cleanName, cleanTeam } from '../presence';
import { composeDefinition, splitClauses } from '../glossary/variant-text';
import { BoardLimitError, type Fields, readNumber, readString, recordAt } from './fields';
import { setFragmentPlainText } from './rich-text';
import { subscribeRoots } from './subscribe';
import { applyTextChange, clampText } from './text-diff';
import {
  BoardRoot,
  LOCAL_ORIGIN,
  RICH_TEXT_MAX_LENGTH,
  VARIANT_AUTHOR_KEY_MAX_LENGTH,
  VARIANT_PARTS,
  itemKey,
  metricDefinitionField,
  parseItemKey,
  termDefinitionField,
  variantPartField,
  variantTextField,
  type VariantPart,
} from './schema';

/**
 * Competing definitions: where teams mean different things by the same word, each team adds its
 * own wording of a term or metric (a variant), the room sees them side by side and converges on
 * one agreed definition, and the variants stay as history ("Sales East's definition before the
 * agreement").
 *
 * One variant per team, by construction: a variant is named by its item and its team (see
 * schema.ts), never by a fresh id, so two people of one team adding "our definition" at the same
 * moment write into one variant, and two teams adding theirs at once both keep theirs. Teams are
 * compared normalised (`teamKey`): "Sales East" and "sales  east" are one team.
 */

/** A board item that can have variants. */
export type VariantItem = { readonly kind: 'term' | 'metric'; readonly id: string };

export type VariantAuthor = { readonly id: string; readonly name: string; readonly at: number };

export type VariantRecord = {
  readonly item: VariantItem;
  /** `${ItemKey}#${teamKey}`: names the variant's texts. */
  readonly key: string;
  /** The team as its first author wrote it. */
  readonly team: string;
  readonly teamKey: string;
  readonly text: string;
  /** A metric variant's formula parts; null for a term. */
  readonly parts: Readonly<Record<VariantPart, string>> | null;
  /** Who wrote in it, first first. */
  readonly authors: readonly VariantAuthor[];
  /** When its first author started it. */
  readonly createdAt: number;
};

/** Who is writing: the participant's id and display name. */
export type VariantWriter = { readonly id: string; readonly name: string };

/** A team as variants compare it: Unicode-normalised, spacing collapsed, lower case. */
export function teamKey(team: string): string {
  return clampText(cleanTeam(team.normalize('NFKC')).toLocaleLowerCase('en'), LIMITS.teamMaxLength);
}

export function variantKeyOf(item: VariantItem, team: string): string {
  return `${itemKey(item)}#${teamKey(team)}`;
}

function authorsMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.variantAuthors);
}

function itemsMap(doc: Y.Doc, item: VariantItem): Y.Map<Fields> {
  return doc.getMap<Fields>(item.kind === 'term' ? BoardRoot.terms : BoardRoot.metrics);
}

/** `${ItemKey}#${teamKey}#${participantId}` → its parts; null for a malformed key. */
function parseAuthorKey(key: string): { item: VariantItem; teamKey: string; participantId: string } | null {
  const first = key.indexOf('#');
  const last = key.lastIndexOf('#');
  if (first <= 0 || last <= first) return null;
  const ref = parseItemKey(key.slice(0, first));
  const team = key.slice(first + 1, last);
  const participantId = key.slice(last + 1);
  if (!ref || (ref.kind !== 'term' && ref.kind !== 'metric') || !team || !participantId) return null;
  return { item: { kind: ref.kind, id: ref.id }, teamKey: team, participantId };
}

function readVariant(doc: Y.Doc, item: VariantItem, key: string, entries: ReadonlyArray<{ participantId: string; map: Fields }>): VariantRecord {
  const authors = entries
    .map(({ participantId, map }) => ({ id: participantId, name: readString(map, 'name'), team: readString(map, 'team'), at: readNumber(map, 'at') }))
    .sort((a, b) => a.at - b.at || compareCodePoints(a.id, b.id));
  const team = authors.find((a) => a.team)?.team ?? key.slice(key.indexOf('#') + 1);
  const parts = item.kind === 'metric' ? (Object.fromEntries(VARIANT_PARTS.map((p) => [p, doc.getText(variantPartField(p, key)).toString()])) as Record<VariantPart, string>) : null;
  return {
    item,
    key,
    team,
    teamKey: key.slice(key.indexOf('#') + 1),
    text: doc.getText(variantTextField(key)).toString(),
    parts,
    authors: authors.map(({ id, name, at }) => ({ id, name, at })),
    createdAt: authors[0]?.at ?? 0,
  };
}

/** Every variant on the board, by item key, oldest first (then by team), the same on every client. */
export function listAllVariants(doc: Y.Doc): Map<string, VariantRecord[]> {
  const grouped = new Map<string, { item: VariantItem; entries: Array<{ participantId: string; map: Fields }> }>();
  for (const [key, value] of authorsMap(doc).entries()) {
    if (!((value as unknown) instanceof Y.Map)) continue; // reported by findDamaged, never read
    const parsed = parseAuthorKey(key);
    if (!parsed || !recordAt(itemsMap(doc, parsed.item), parsed.item.id)) continue;
    const variantKey = `${itemKey(parsed.item)}#${parsed.teamKey}`;
    let group = grouped.get(variantKey);
    if (!group) grouped.set(variantKey, (group = { item: parsed.item, entries: [] }));
    group.entries.push({ participantId: parsed.participantId, map: value });
  }
  const byItem = new Map<string, VariantRecord[]>();
  for (const [key, { item, entries }] of grouped) {
    const list = byItem.get(itemKey(item)) ?? [];
    list.push(readVariant(doc, item, key, entries));
    byItem.set(itemKey(item), list);
  }
  for (const list of byItem.values()) list.sort((a, b) => a.createdAt - b.createdAt || compareCodePoints(a.teamKey, b.teamKey));
  return byItem;
}

export function listVariants(doc: Y.Doc, item: VariantItem): VariantRecord[] {
  return listAllVariants(doc).get(itemKey(item)) ?? [];
}

/** The teams (by key) that have a variant on an item. */
function teamsOf(doc: Y.Doc, item: VariantItem): Set<string> {
  const prefix = `${itemKey(item)}#`;
  const teams = new Set<string>();
  for (const key of authorsMap(doc).keys()) {
    if (!key.startsWith(prefix)) continue;
    const parsed = parseAuthorKey(key);
    if (parsed) teams.add(parsed.teamKey);
  }
  return teams;
}

function authorKey(variantKey: string, writer: VariantWriter): string {
  return `${variantKey}#${writer.id}`;
}

/**
 * Why the item's variants cannot change now (a message for the user), or null: once a term or
 * metric is agreed (locked or not), its variants are the history of how it was agreed, so
 * adding, editing, removing and converging again wait until it is reopened (its status set
 * back). Checked before any write, so a refused change writes nothing.
 */
export function historyProblem(doc: Y.Doc, item: VariantItem): string | null {
  const map = recordAt(itemsMap(doc, item), item.id);
  if (!map) return `This ${item.kind} no longer exists.`;
  if (map.get('status') === 'agreed') return `This ${item.kind} is agreed: its team definitions are kept as history. Reopen it to change them.`;
  return null;
}

function checkHistory(doc: Y.Doc, item: VariantItem): Fields {
  const problem = historyProblem(doc, item);
  if (problem) throw new BoardLimitError(problem);
  return recordAt(itemsMap(doc, item), item.id)!;
}

/**
 * Why `addVariant` would refuse this team's variant (a message for the user), or null. Writing
 * in an existing variant is never refused by the variant limit.
 */
export function variantProblem(doc: Y.Doc, item: VariantItem, team: string, writer: VariantWriter): string | null {
  const key = teamKey(team);
  if (!key) return 'A variant belongs to a team: set your team first.';
  if (!/^[0-9a-z-]{1,64}$/i.test(writer.id)) return 'Join the workshop first.';
  const history = historyProblem(doc, item);
  if (history) return history;
  const variantKey = variantKeyOf(item, team);
  if (authorKey(variantKey, writer).length > VARIANT_AUTHOR_KEY_MAX_LENGTH) return 'That team name is too long.';
  const teams = teamsOf(doc, item);
  if (!teams.has(key) && teams.size >= LIMITS.maxVariantsPerItem) return `A ${item.kind} can have at most ${LIMITS.maxVariantsPerItem} team definitions.`;
  if (!authorsMap(doc).has(authorKey(variantKey, writer)) && authorsMap(doc).size >= LIMITS.maxVariantAuthors) return 'This board holds as many team definitions as it can.';
  return null;
}

/** Records `writer` as an author of the variant if they are not one yet. Call inside a transaction. */
function writeAuthor(doc: Y.Doc, variantKey: string, team: string, writer: VariantWriter): void {
  const key = authorKey(variantKey, writer);
  if (authorsMap(doc).has(key)) return;
  const entry = new Y.Map<unknown>();
  authorsMap(doc).set(key, entry as Fields);
  entry.set('name', cleanName(writer.name));
  entry.set('team', cleanTeam(team));
  entry.set('at', Date.now());
}

function checked(doc: Y.Doc, item: VariantItem, team: string, writer: VariantWriter): string {
  const problem = variantProblem(doc, item, team, writer);
  if (problem) throw new BoardLimitError(problem);
  return variantKeyOf(item, team);
}

/**
 * Adds `team`'s variant of an item (or joins it: someone of the team may have started it),
 * with `writer` as an author and, if given, its first wording. Returns the variant's key.
 * Refused (nothing written) without a team, past the limit of variants, or on a deleted item.
 */
export function addVariant(doc: Y.Doc, item: VariantItem, team: string, writer: VariantWriter, text = '', origin: unknown = LOCAL_ORIGIN): string {
  const key = checked(doc, item, team, writer);
  doc.transact(() => {
    writeAuthor(doc, key, team, writer);
    if (text) writeVariantText(doc, key, text);
  }, origin);
  return key;
}

function writeVariantText(doc: Y.Doc, key: string, value: string): string {
  const clamped = clampText(value, LIMITS.variantTextMaxLength);
  const shared = doc.getText(variantTextField(key));
  applyTextChange(shared, shared.toString(), clamped);
  return clamped;
}

/**
 * Sets a variant's wording by a minimal edit of its shared text (people of one team typing in it
 * at once merge character by character); the writer becomes an author. Returns the value as
 * stored (cut to the limit at a whole character).
 */
export function setVariantText(doc: Y.Doc, item: VariantItem, team: string, value: string, writer: VariantWriter, origin: unknown = LOCAL_ORIGIN): string {
  const key = checked(doc, item, team, writer);
  let stored = '';
  doc.transact(() => {
    writeAuthor(doc, key, team, writer);
    stored = writeVariantText(doc, key, value);
  }, origin);
  return stored;
}

/** Sets one formula part of a metric variant (numerator, denominator, unit, target). */
export function setVariantPart(doc: Y.Doc, item: VariantItem, team: string, part: VariantPart, value: string, writer: VariantWriter, origin: unknown = LOCAL_ORIGIN): string {
  if (item.kind !== 'metric') throw new BoardLimitError('Only a metric has formula parts.');
  const key = checked(doc, item, team, writer);
  const clamped = clampText(value.replace(/[\r\n]+/g, ' '), LIMITS.metricFieldMaxLength);
  doc.transact(() => {
    writeAuthor(doc, key, team, writer);
    const shared = doc.getText(variantPartField(part, key));
    applyTextChange(shared, shared.toString(), clamped);
  }, origin);
  return clamped;
}

/**
 * Removes a team's variant: its authors and its texts. Someone of the team typing in it at the
 * same moment keeps it (their edit adds them as an author again): an edit wins over a removal.
 */
export function removeVariant(doc: Y.Doc, item: VariantItem, team: string, origin: unknown = LOCAL_ORIGIN): void {
  checkHistory(doc, item);
  const key = variantKeyOf(item, team);
  const prefix = `${key}#`;
  const authors = authorsMap(doc);
  const keys = [...authors.keys()].filter((k) => k.startsWith(prefix) && k.lastIndexOf('#') === key.length);
  if (keys.length === 0) return;
  doc.transact(() => {
    for (const k of keys) authors.delete(k);
    const text = doc.getText(variantTextField(key));
    if (text.length > 0) text.delete(0, text.length);
    if (item.kind === 'metric') {
      for (const part of VARIANT_PARTS) {
        const shared = doc.getText(variantPartField(part, key));
        if (shared.length > 0) shared.delete(0, shared.length);
      }
    }
  }, origin);
}

// ---- converging ---------------------------------------------------------------------------

function convergedMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(BoardRoot.convergedFrom);
}

/** The older form: one JSON list of team names on the item (boards written before the map). */
function legacyConvergedFrom(map: Fields | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(map ? readString(map, 'convergedFrom') || '[]' : '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string').slice(0, LIMITS.maxVariantsPerItem) : [];
  } catch {
    return [];
  }
}

/**
 * Whose variants each item's agreed wording was built from (team names, in pick order; teams
 * that two people picked at once at the same place are ordered by team), by item key.
 */
export function listAllConvergedFrom(doc: Y.Doc): Map<string, string[]> {
  const grouped = new Map<string, Array<{ team: string; key: string; order: number }>>();
  for (const [key, value] of convergedMap(doc).entries()) {
    const hash = key.lastIndexOf('#');
    if (hash <= 0 || typeof value !== 'string') continue;
    try {
      const parsed = JSON.parse(value) as { team?: unknown; order?: unknown };
      if (typeof parsed.team !== 'string' || !parsed.team) continue;
      const item = key.slice(0, hash);
      const list = grouped.get(item) ?? [];
      list.push({ team: parsed.team, key: key.slice(hash + 1), order: typeof parsed.order === 'number' ? parsed.order : 0 });
      grouped.set(item, list);
    } catch {
      // a malformed entry is not shown
    }
  }
  return new Map(
    [...grouped].map(([item, list]) => [item, list.sort((a, b) => a.order - b.order || compareCodePoints(a.key, b.key)).map((e) => e.team).slice(0, LIMITS.maxVariantsPerItem)]),
  );
}

/** Whose variants the agreed wording was built from (team names), for the handbook. */
export function getConvergedFrom(doc: Y.Doc, item: VariantItem, all: Map<string, string[]> = listAllConvergedFrom(doc)): string[] {
  return all.get(itemKey(item)) ?? legacyConvergedFrom(recordAt(itemsMap(doc, item), item.id));
}

function definitionField(item: VariantItem): string {
  return item.kind === 'term' ? termDefinitionField(item.id) : metricDefinitionField(item.id);
}

/** Writes the agreed wording and whose variants it came from. Call inside a transaction. */
function writeAgreed(doc: Y.Doc, item: VariantItem, map: Fields, text: string, teams: readonly string[]): void {
  setFragmentPlainText(doc.getXmlFragment(definitionField(item)), text);
  // Replaces the entries this client sees; a concurrent convergence's entries are not seen, so both stay.
  const prefix = `${itemKey(item)}#`;
  const converged = convergedMap(doc);
  for (const key of [...converged.keys()]) if (key.startsWith(prefix)) converged.delete(key);
  if (map.has('convergedFrom')) map.delete('convergedFrom');
  const seen = new Set<string>();
  for (const team of teams) {
    const key = teamKey(team);
    if (!key || seen.has(key) || seen.size >= LIMITS.maxVariantsPerItem) continue;
    converged.set(`${prefix}${key}`, JSON.stringify({ team: cleanTeam(team), order: seen.size }));
    seen.add(key);
  }
  // Converging is discussion: a proposed item moves on; a parked one keeps its status (an agreed one never gets here).
  if (map.get('status') === 'proposed' || map.get('status') === undefined) map.set('status', 'discussing');
}

/**
 * Starts the agreed definition from one team's variant: its wording replaces the item's
 * definition (and, for a metric, its formula parts fill the metric's). Two people doing this at
 * once with different variants both land: the definition then holds both wordings, one after
 * the other, the same for everyone, and the room trims it — nothing is lost.
 */
export function startAgreedFrom(doc: Y.Doc, item: VariantItem, team: string, origin: unknown = LOCAL_ORIGIN): void {
  const map = checkHistory(doc, item);
  const variant = listVariants(doc, item).find((v) => v.teamKey === teamKey(team));
  if (!variant) throw new BoardLimitError('That team definition no longer exists.');
  doc.transact(() => {
    writeAgreed(doc, item, map, variant.text, [variant.team]);
    if (variant.parts) {
      for (const part of VARIANT_PARTS) {
        if (!variant.parts[part]) continue;
        const shared = map.get(part);
        if (shared instanceof Y.Text) applyTextChange(shared, shared.toString(), variant.parts[part]);
        else map.set(part, new Y.Text(variant.parts[part]));
      }
    }
  }, origin);
}

/** A clause picked from a team's variant: `index` into `splitClauses(variant.text)`. */
export type ClausePick = { readonly team: string; readonly index: number };

/** The agreed wording that `agreeFromClauses` would write for these picks (in pick order, each clause once). */
export function composeFromClauses(variants: readonly VariantRecord[], picks: readonly ClausePick[]): { text: string; teams: string[] } {
  const seen = new Set<string>();
  const clauses: string[] = [];
  const teams: string[] = [];
  for (const pick of picks) {
    const variant = variants.find((v) => v.teamKey === teamKey(pick.team));
    const clause = variant ? splitClauses(variant.text)[pick.index] : undefined;
    const id = `${teamKey(pick.team)}#${pick.index}`;
    if (!variant || clause === undefined || seen.has(id)) continue;
    seen.add(id);
    clauses.push(clause);
    if (!teams.includes(variant.team)) teams.push(variant.team);
  }
  return { text: composeDefinition(clauses), teams };
}

/**
 * Builds the agreed definition from clauses picked across variants ("budget confirmed" from
 * Sales East, "a demo is booked" from Sales West), in the order picked. Refused (nothing
 * written) when no pick names an existing clause.
 */
export function agreeFromClauses(doc: Y.Doc, item: VariantItem, picks: readonly ClausePick[], origin: unknown = LOCAL_ORIGIN): string {
  const map = checkHistory(doc, item);
  const { text, teams } = composeFromClauses(listVariants(doc, item), picks);
  if (!text) throw new BoardLimitError('Pick at least one clause.');
  // Never reached with the limits as set (see LIMITS.variantTextMaxLength); said rather than cut.
  if (text.length > RICH_TEXT_MAX_LENGTH) throw new BoardLimitError('The picked clauses are longer than a definition can be.');
  doc.transact(() => writeAgreed(doc, item, map, text, teams), origin);
  return text;
}

/** Calls `onChange` after any change to variants (authors or texts). */
export function subscribeVariants(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.variantAuthors], fragmentPrefixes: [variantTextField(''), 'variantPart:'] }, onChange);
}
