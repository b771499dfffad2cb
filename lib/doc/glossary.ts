import { compareCodePoints, compareNames, compareNamesStrict } from '../compare';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { normalizeTermName, type NameOwner } from '../glossary/normalize';
import { appendFragmentCopy, fragmentToPlainText, initRichText, setFragmentPlainText } from './rich-text';
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
import { BoardLimitError, type Fields, recordAt, recordEntries, clampLine, readMap, readNumber, readOneOf, readText, writeMap, writeText } from './fields';
import { newRecordId } from './ids';
import { subscribeRoots } from './subscribe';
import { clampText } from './text-diff';

/** Accessors for the glossary: terms, aliases by team, examples, merge. */

function termsMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.terms);
}

export function definitionFragment(doc: Y.Doc, id: TermId): Y.XmlFragment {
  return doc.getXmlFragment(termDefinitionField(id));
}

function readAliases(map: Fields): AliasRecord[] {
  const aliases = readMap(map, 'aliases');
  if (!aliases) return [];
  return recordEntries(aliases)
    .map(([id, a]) => ({ id, text: readText(a, 'text'), team: readText(a, 'team') }))
    .filter((a) => a.text !== '')
    .sort((a, b) => compareNamesStrict(a.team, b.team) || compareNamesStrict(a.text, b.text) || compareCodePoints(a.id, b.id));
}

function readExamples(map: Fields): ExampleRecord[] {
  const examples = readMap(map, 'examples');
  if (!examples) return [];
  return recordEntries(examples)
    .map(([id, e]) => ({ id, text: readText(e, 'text'), kind: readOneOf(e, 'kind', EXAMPLE_KINDS, 'is'), createdAt: readNumber(e, 'createdAt') }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'is' ? -1 : 1) || a.createdAt - b.createdAt || compareCodePoints(a.id, b.id))
    .map(({ id, text: t, kind }) => ({ id, text: t, kind }));
}

function readTerm(doc: Y.Doc, id: string, map: Fields): TermRecord {
  return {
    id: id as TermId,
    name: readText(map, 'name'),
    owner: readText(map, 'owner'),
    status: readOneOf(map, 'status', TERM_STATUSES, 'proposed'),
    aliases: readAliases(map),
    examples: readExamples(map),
    definition: fragmentToPlainText(definitionFragment(doc, id as TermId)),
    createdAt: readNumber(map, 'createdAt'),
  };
}

/** Terms sorted A–Z by name (case-insensitive), then by id. */
export function listTerms(doc: Y.Doc): TermRecord[] {
  return recordEntries(termsMap(doc))
    .map(([id, map]) => readTerm(doc, id, map))
    .sort((a, b) => compareNames(a.name, b.name) || compareCodePoints(a.id, b.id));
}


/** Every term name and alias, for collision checks. */
export function nameOwners(terms: readonly TermRecord[]): NameOwner[] {
  return terms.flatMap((t) => [
    { termId: t.id, termName: t.name, via: 'name' as const, text: t.name },
    ...t.aliases.map((a) => ({ termId: t.id, termName: t.name, via: 'alias' as const, text: a.text, team: a.team })),
  ]);
}

/** A term as `addTerm` and `importTerms` take it. */
export type TermInput = {
  readonly name: string;
  readonly definition?: string;
  readonly status?: TermStatus;
  readonly aliases?: ReadonlyArray<{ readonly text: string; readonly team: string }>;
};

/** A name or alias as stored: trimmed, inner whitespace collapsed, cut to `max` at a whole grapheme. */
function cleanWord(text: string, max: number): string {
  return clampText(text.trim().replace(/\s+/g, ' '), max);
}

/** The aliases of an input that would be stored (an alias with no text is skipped). */
function storedAliases(aliases: TermInput['aliases']): Array<{ text: string; team: string }> {
  return (aliases ?? [])
    .map((a) => ({ text: cleanWord(a.text, LIMITS.aliasMaxLength), team: clampText(a.team.trim(), LIMITS.teamMaxLength) }))
    .filter((a) => a.text !== '');
}

/** A reason `addTerm` refuses a term; `message` is for the user. */
export type TermProblem = { readonly field: 'name' | 'aliases'; readonly message: string };

/**
 * Every reason `addTerm` would refuse this term ([] = it can be added). The CSV preview shows
 * them per row, so that a row that would be refused is never imported. (The glossary's own
 * term limit depends on the document: see `addTerm` and `importTerms`.)
 */
export function termInputProblems(input: Pick<TermInput, 'name' | 'aliases'>): TermProblem[] {
  const problems: TermProblem[] = [];
  if (!cleanWord(input.name, LIMITS.termNameMaxLength)) problems.push({ field: 'name', message: 'A term needs a name.' });
  const aliases = storedAliases(input.aliases).length;
  if (aliases > LIMITS.maxAliasesPerTerm) {
    problems.push({ field: 'aliases', message: `A term can have at most ${LIMITS.maxAliasesPerTerm} aliases (this one has ${aliases}).` });
  }
  return problems;
}

/** Writes a new alias entry into a term's aliases map. Call inside a transaction. */
function writeAlias(aliases: Fields, alias: { text: string; team: string }): string {
  const id = newRecordId();
  const entry = new Y.Map<unknown>();
  aliases.set(id, entry);
  entry.set('text', alias.text);
  entry.set('team', alias.team);
  return id;
}

/** Writes a new term. Call inside a transaction, with an input `termInputProblems` accepts. */
function writeTerm(doc: Y.Doc, input: TermInput): TermId {
  const id = newRecordId() as TermId;
  const map = new Y.Map<unknown>();
  termsMap(doc).set(id, map);
  map.set('name', new Y.Text(cleanWord(input.name, LIMITS.termNameMaxLength)));
  map.set('owner', new Y.Text());
  map.set('status', input.status ?? 'proposed');
  map.set('createdAt', Date.now());
  const aliases = writeMap(map, 'aliases');
  writeMap(map, 'examples');
  for (const alias of storedAliases(input.aliases)) writeAlias(aliases, alias);
  // Its first paragraph comes with it, so that people typing in it at once share one paragraph.
  if (input.definition) setFragmentPlainText(definitionFragment(doc, id), input.definition);
  else initRichText(definitionFragment(doc, id));
  return id;
}

/** Adds a term with its aliases and definition; refuses (writing nothing) if a limit would be crossed. */
export function addTerm(doc: Y.Doc, input: TermInput, origin: unknown = LOCAL_ORIGIN): TermId {
  const [problem] = termInputProblems(input);
  if (problem) throw new BoardLimitError(problem.message);
  if (termsMap(doc).size >= LIMITS.maxTerms) throw new BoardLimitError(`A glossary can have at most ${LIMITS.maxTerms} terms.`);
  let id: TermId | undefined;
  doc.transact(() => {
    id = writeTerm(doc, input);
  }, origin);
  return id!;
}

export function setTermText(doc: Y.Doc, id: TermId, field: 'name' | 'owner', value: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = clampLine(value, field === 'name' ? LIMITS.termNameMaxLength : LIMITS.displayNameMaxLength * 2);
  const map = recordAt(termsMap(doc), id);
  if (!map) return clamped;
  doc.transact(() => writeText(map, field, clamped), origin);
  return clamped;
}

export function setTermStatus(doc: Y.Doc, id: TermId, status: TermStatus, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(termsMap(doc), id);
  if (map && map.get('status') !== status) doc.transact(() => map.set('status', status), origin);
}

export function addAlias(doc: Y.Doc, termId: TermId, alias: { text: string; team: string }, origin: unknown = LOCAL_ORIGIN): string | null {
  const map = recordAt(termsMap(doc), termId);
  const [stored] = storedAliases([alias]);
  if (!map || !stored) return null;
  if ((readMap(map, 'aliases')?.size ?? 0) >= LIMITS.maxAliasesPerTerm) throw new BoardLimitError(`A term can have at most ${LIMITS.maxAliasesPerTerm} aliases.`);
  let id = '';
  doc.transact(() => {
    id = writeAlias(writeMap(map, 'aliases'), stored);
  }, origin);
  return id;
}

export function removeAlias(doc: Y.Doc, termId: TermId, aliasId: string, origin: unknown = LOCAL_ORIGIN): void {
  const term = recordAt(termsMap(doc), termId);
  const aliases = term ? readMap(term, 'aliases') : null;
  if (aliases?.has(aliasId)) doc.transact(() => aliases.delete(aliasId), origin);
}

export function addExample(doc: Y.Doc, termId: TermId, example: { text: string; kind: ExampleKind }, origin: unknown = LOCAL_ORIGIN): string | null {
  const map = recordAt(termsMap(doc), termId);
  const textValue = clampText(example.text.trim(), LIMITS.exampleMaxLength);
  if (!map || !textValue) return null;
  if ((readMap(map, 'examples')?.size ?? 0) >= LIMITS.maxExamplesPerTerm) throw new BoardLimitError(`A term can have at most ${LIMITS.maxExamplesPerTerm} examples.`);
  const id = newRecordId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    writeMap(map, 'examples').set(id, entry);
    entry.set('text', textValue);
    entry.set('kind', example.kind);
    entry.set('createdAt', Date.now());
  }, origin);
  return id;
}

export function removeExample(doc: Y.Doc, termId: TermId, exampleId: string, origin: unknown = LOCAL_ORIGIN): void {
  const term = recordAt(termsMap(doc), termId);
  const examples = term ? readMap(term, 'examples') : null;
  if (examples?.has(exampleId)) doc.transact(() => examples.delete(exampleId), origin);
}

export function deleteTerm(doc: Y.Doc, id: TermId, origin: unknown = LOCAL_ORIGIN): void {
  const terms = termsMap(doc);
  if (terms.has(id)) doc.transact(() => terms.delete(id), origin);
}

/** What a merge adds to the kept term: the merged term's name and aliases that repeat no name, and its examples. */
function mergePlan(doc: Y.Doc, kept: Fields, keptId: TermId, merged: Fields, mergedId: TermId) {
  const keptRecord = readTerm(doc, keptId, kept);
  const mergedRecord = readTerm(doc, mergedId, merged);
  const known = new Set([keptRecord.name, ...keptRecord.aliases.map((a) => a.text)].map(normalizeTermName));
  const aliases: Array<{ text: string; team: string }> = [];
  for (const alias of [{ text: mergedRecord.name, team: '' }, ...mergedRecord.aliases]) {
    const key = normalizeTermName(alias.text);
    if (!key || known.has(key)) continue;
    known.add(key);
    aliases.push({ text: alias.text, team: alias.team });
  }
  const aliasCount = (readMap(kept, 'aliases')?.size ?? 0) + aliases.length;
  const exampleCount = (readMap(kept, 'examples')?.size ?? 0) + mergedRecord.examples.length;
  const problem =
    aliasCount > LIMITS.maxAliasesPerTerm
      ? `Merged, "${keptRecord.name}" would have ${aliasCount} aliases; a term can have at most ${LIMITS.maxAliasesPerTerm}. Remove some first.`
      : exampleCount > LIMITS.maxExamplesPerTerm
        ? `Merged, "${keptRecord.name}" would have ${exampleCount} examples; a term can have at most ${LIMITS.maxExamplesPerTerm}. Remove some first.`
        : null;
  return { keptRecord, mergedRecord, aliases, problem };
}

/** Why merging `mergedId` into `keptId` would be refused (a limit of the kept term), or null when it can be merged. */
export function mergeProblem(doc: Y.Doc, keptId: TermId, mergedId: TermId): string | null {
  const kept = recordAt(termsMap(doc), keptId);
  const merged = recordAt(termsMap(doc), mergedId);
  return kept && merged && keptId !== mergedId ? mergePlan(doc, kept, keptId, merged, mergedId).problem : null;
}

/**
 * Merges `mergedId` into `keptId` in one transaction: the merged term's name becomes an alias,
 * its aliases and examples move over (aliases that would repeat a name are dropped), its
 * definition is appended, its owner is kept if the kept term has none; then it is deleted.
 * Nothing written by anyone is lost, and one undo restores both terms. Refused (nothing
 * written) when the kept term would pass its alias or example limit: see `mergeProblem`.
 */
export function mergeTerms(doc: Y.Doc, keptId: TermId, mergedId: TermId, origin: unknown = LOCAL_ORIGIN): void {
  const terms = termsMap(doc);
  const kept = recordAt(terms, keptId);
  const merged = recordAt(terms, mergedId);
  if (!kept || !merged || keptId === mergedId) return;
  const { keptRecord, mergedRecord, aliases, problem } = mergePlan(doc, kept, keptId, merged, mergedId);
  if (problem) throw new BoardLimitError(problem);
  doc.transact(() => {
    const keptAliases = writeMap(kept, 'aliases');
    for (const alias of aliases) writeAlias(keptAliases, alias);
    const examples = writeMap(kept, 'examples');
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
  return subscribeRoots(doc, { maps: [BoardRoot.terms], fragmentPrefixes: [termDefinitionField('')] }, onChange);
}

/**
 * Adds many terms in one transaction (one undo step). Every row is checked first: if any row
 * would be refused, or the glossary would pass its term limit, nothing is written.
 */
export function importTerms(doc: Y.Doc, rows: ReadonlyArray<TermInput>, origin: unknown = LOCAL_ORIGIN): TermId[] {
  if (termsMap(doc).size + rows.length > LIMITS.maxTerms) {
    throw new BoardLimitError(`Importing ${rows.length} terms would pass the limit of ${LIMITS.maxTerms} terms.`);
  }
  for (const row of rows) {
    const [problem] = termInputProblems(row);
    if (problem) throw new BoardLimitError(`${row.name.trim() || 'A term without a name'}: ${problem.message} Nothing was imported.`);
  }
  const ids: TermId[] = [];
  doc.transact(() => {
    for (const row of rows) ids.push(writeTerm(doc, row));
  }, origin);
  return ids;
}
