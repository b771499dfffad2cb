import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { normalizeTermName, type NameOwner } from '../glossary/normalize';
import { BoardLimitError } from './process';
import { appendFragmentCopy, fragmentToPlainText, setFragmentPlainText } from './rich-text';
import {
  BoardRoot,
  EXAMPLE_KINDS,
  LOCAL_ORIGIN,
  TERM_STATUSES,
  termDefinitionField,
  type AliasRecord,
  type ExampleKind,
  type ExampleRecord,
  type TermId,
  type TermRecord,
  type TermStatus,
} from './schema';
import { type Fields, readText, writeText } from './fields';
import { newRecordId } from './ids';

/** Accessors for the glossary: terms, aliases by team, examples, merge. */


function termsMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.terms);
}

export function definitionFragment(doc: Y.Doc, id: TermId): Y.XmlFragment {
  return doc.getXmlFragment(termDefinitionField(id));
}



function subMap(map: Fields, field: string): Y.Map<Fields> {
  let value = map.get(field);
  if (!(value instanceof Y.Map)) {
    value = new Y.Map<Fields>();
    map.set(field, value);
  }
  return value as Y.Map<Fields>;
}

function readAliases(map: Fields): AliasRecord[] {
  const aliases = map.get('aliases');
  if (!(aliases instanceof Y.Map)) return [];
  return [...(aliases as Y.Map<Fields>).entries()]
    .map(([id, a]) => ({ id, text: readText(a, 'text'), team: readText(a, 'team') }))
    .filter((a) => a.text !== '')
    .sort((a, b) => a.team.localeCompare(b.team) || a.text.localeCompare(b.text) || a.id.localeCompare(b.id));
}

function readExamples(map: Fields): ExampleRecord[] {
  const examples = map.get('examples');
  if (!(examples instanceof Y.Map)) return [];
  return [...(examples as Y.Map<Fields>).entries()]
    .map(([id, e]) => ({
      id,
      text: readText(e, 'text'),
      kind: ((EXAMPLE_KINDS as readonly unknown[]).includes(e.get('kind')) ? e.get('kind') : 'is') as ExampleKind,
      createdAt: typeof e.get('createdAt') === 'number' ? (e.get('createdAt') as number) : 0,
    }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'is' ? -1 : 1) || a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map(({ id, text: t, kind }) => ({ id, text: t, kind }));
}

function readTerm(doc: Y.Doc, id: string, map: Fields): TermRecord {
  const status = map.get('status');
  return {
    id: id as TermId,
    name: readText(map, 'name'),
    owner: readText(map, 'owner'),
    status: (TERM_STATUSES as readonly unknown[]).includes(status) ? (status as TermStatus) : 'proposed',
    aliases: readAliases(map),
    examples: readExamples(map),
    definition: fragmentToPlainText(definitionFragment(doc, id as TermId)),
    createdAt: typeof map.get('createdAt') === 'number' ? (map.get('createdAt') as number) : 0,
  };
}

/** Terms sorted A–Z by name (case-insensitive), then by id. */
export function listTerms(doc: Y.Doc): TermRecord[] {
  return [...termsMap(doc).entries()]
    .map(([id, map]) => readTerm(doc, id, map))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}


/** Every term name and alias, for collision checks. */
export function nameOwners(terms: readonly TermRecord[]): NameOwner[] {
  return terms.flatMap((t) => [
    { termId: t.id, termName: t.name, via: 'name' as const, text: t.name },
    ...t.aliases.map((a) => ({ termId: t.id, termName: t.name, via: 'alias' as const, text: a.text, team: a.team })),
  ]);
}

export function addTerm(
  doc: Y.Doc,
  input: { name: string; definition?: string; status?: TermStatus; aliases?: ReadonlyArray<{ text: string; team: string }> },
  origin: unknown = LOCAL_ORIGIN,
): TermId {
  const name = input.name.trim().replace(/\s+/g, ' ').slice(0, LIMITS.termNameMaxLength);
  if (!name) throw new BoardLimitError('A term needs a name.');
  const terms = termsMap(doc);
  if (terms.size >= LIMITS.maxTerms) throw new BoardLimitError(`A glossary can have at most ${LIMITS.maxTerms} terms.`);
  const id = newRecordId() as TermId;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    terms.set(id, map);
    map.set('name', new Y.Text(name));
    map.set('owner', new Y.Text());
    map.set('status', input.status ?? 'proposed');
    map.set('createdAt', Date.now());
    map.set('aliases', new Y.Map());
    map.set('examples', new Y.Map());
    for (const alias of input.aliases ?? []) addAlias(doc, id, alias, origin);
    if (input.definition) setFragmentPlainText(definitionFragment(doc, id), input.definition);
  }, origin);
  return id;
}

export function setTermText(doc: Y.Doc, id: TermId, field: 'name' | 'owner', value: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = value.replace(/[\r\n]+/g, ' ').slice(0, field === 'name' ? LIMITS.termNameMaxLength : LIMITS.displayNameMaxLength * 2);
  const map = termsMap(doc).get(id);
  if (!map) return clamped;
  doc.transact(() => writeText(map, field, clamped), origin);
  return clamped;
}

export function setTermStatus(doc: Y.Doc, id: TermId, status: TermStatus, origin: unknown = LOCAL_ORIGIN): void {
  const map = termsMap(doc).get(id);
  if (map && map.get('status') !== status) doc.transact(() => map.set('status', status), origin);
}

export function addAlias(doc: Y.Doc, termId: TermId, alias: { text: string; team: string }, origin: unknown = LOCAL_ORIGIN): string | null {
  const map = termsMap(doc).get(termId);
  const textValue = alias.text.trim().replace(/\s+/g, ' ').slice(0, LIMITS.aliasMaxLength);
  if (!map || !textValue) return null;
  const aliases = subMap(map, 'aliases');
  if (aliases.size >= LIMITS.maxAliasesPerTerm) throw new BoardLimitError(`A term can have at most ${LIMITS.maxAliasesPerTerm} aliases.`);
  const id = newRecordId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    aliases.set(id, entry);
    entry.set('text', textValue);
    entry.set('team', alias.team.trim().slice(0, LIMITS.teamMaxLength));
  }, origin);
  return id;
}

export function removeAlias(doc: Y.Doc, termId: TermId, aliasId: string, origin: unknown = LOCAL_ORIGIN): void {
  const aliases = termsMap(doc).get(termId)?.get('aliases');
  if (aliases instanceof Y.Map && aliases.has(aliasId)) doc.transact(() => aliases.delete(aliasId), origin);
}

export function addExample(doc: Y.Doc, termId: TermId, example: { text: string; kind: ExampleKind }, origin: unknown = LOCAL_ORIGIN): string | null {
  const map = termsMap(doc).get(termId);
  const textValue = example.text.trim().slice(0, LIMITS.exampleMaxLength);
  if (!map || !textValue) return null;
  const examples = subMap(map, 'examples');
  if (examples.size >= LIMITS.maxExamplesPerTerm) throw new BoardLimitError(`A term can have at most ${LIMITS.maxExamplesPerTerm} examples.`);
  const id = newRecordId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    examples.set(id, entry);
    entry.set('text', textValue);
    entry.set('kind', example.kind);
    entry.set('createdAt', Date.now());
  }, origin);
  return id;
}

export function removeExample(doc: Y.Doc, termId: TermId, exampleId: string, origin: unknown = LOCAL_ORIGIN): void {
  const examples = termsMap(doc).get(termId)?.get('examples');
  if (examples instanceof Y.Map && examples.has(exampleId)) doc.transact(() => examples.delete(exampleId), origin);
}

export function deleteTerm(doc: Y.Doc, id: TermId, origin: unknown = LOCAL_ORIGIN): void {
  const terms = termsMap(doc);
  if (terms.has(id)) doc.transact(() => terms.delete(id), origin);
}

/**
 * Merges `mergedId` into `keptId` in one transaction: the merged term's name becomes an alias,
 * its aliases and examples move over (aliases that would repeat a name are dropped), its
 * definition is appended, its owner is kept if the kept term has none; then it is deleted.
 * Nothing written by anyone is lost, and one undo restores both terms.
 */
export function mergeTerms(doc: Y.Doc, keptId: TermId, mergedId: TermId, origin: unknown = LOCAL_ORIGIN): void {
  const terms = termsMap(doc);
  const kept = terms.get(keptId);
  const merged = terms.get(mergedId);
  if (!kept || !merged || keptId === mergedId) return;
  doc.transact(() => {
    const keptRecord = readTerm(doc, keptId, kept);
    const mergedRecord = readTerm(doc, mergedId, merged);
    const known = new Set([keptRecord.name, ...keptRecord.aliases.map((a) => a.text)].map(normalizeTermName));
    const aliases = subMap(kept, 'aliases');
    for (const alias of [{ text: mergedRecord.name, team: '' }, ...mergedRecord.aliases]) {
      const key = normalizeTermName(alias.text);
      if (!key || known.has(key)) continue;
      known.add(key);
      const entry = new Y.Map<unknown>();
      aliases.set(newRecordId(), entry);
      entry.set('text', alias.text);
      entry.set('team', alias.team);
    }
    const examples = subMap(kept, 'examples');
    for (const example of mergedRecord.examples) {
      const entry = new Y.Map<unknown>();
      examples.set(newRecordId(), entry);
      entry.set('text', example.text);
      entry.set('kind', example.kind);
      entry.set('createdAt', Date.now());
    }
    if (!keptRecord.owner && mergedRecord.owner) setTermText(doc, keptId, 'owner', mergedRecord.owner, origin);
    appendFragmentCopy(definitionFragment(doc, keptId), definitionFragment(doc, mergedId));
    terms.delete(mergedId);
  }, origin);
}

/** The shared types a glossary undo must track: the terms map and the definitions touched by merges. */
export function glossaryUndoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [termsMap(doc) as Y.AbstractType<unknown>];
}

/** Calls `onChange` after any change to terms or to a term definition. */
export function subscribeGlossary(doc: Y.Doc, onChange: () => void): () => void {
  const terms: unknown = termsMap(doc);
  const handler = (transaction: Y.Transaction) => {
    for (const type of transaction.changedParentTypes.keys()) {
      if (type === terms || (type.parent === null && Y.findRootTypeKey(type).startsWith('term:'))) return onChange();
    }
    for (const type of transaction.changed.keys()) {
      if (type === terms || (type.parent === null && type instanceof Y.XmlFragment && Y.findRootTypeKey(type).startsWith('term:'))) return onChange();
    }
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** Adds many terms in one transaction (one undo step); refuses all if the limit would be crossed. */
export function importTerms(
  doc: Y.Doc,
  rows: ReadonlyArray<{ name: string; definition: string; status: TermStatus; aliases: ReadonlyArray<{ text: string; team: string }> }>,
  origin: unknown = LOCAL_ORIGIN,
): TermId[] {
  if (termsMap(doc).size + rows.length > LIMITS.maxTerms) {
    throw new BoardLimitError(`Importing ${rows.length} terms would pass the limit of ${LIMITS.maxTerms} terms.`);
  }
  const ids: TermId[] = [];
  doc.transact(() => {
    for (const row of rows) ids.push(addTerm(doc, row, origin));
  }, origin);
  return ids;
}
