import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { parseGlossaryCsv } from '../glossary/csv';
import { AGENDA_LIMITS, addAgendaItem, listAgenda } from './agenda';
import { BoardLimitError } from './fields';
import { addAlias, addExample, addTerm, importTerms, listTerms, mergeProblem, mergeTerms } from './glossary';
import { newRecordId } from './ids';
import { addMetric, listMetrics } from './metrics';
import { addStep, addSticky, listSteps, listStickies } from './process';
import { BoardRoot, type StepId } from './schema';
import { addParkingItem, listParking } from './signals';

/**
 * A refused write is never half written: every accessor checks its limits before
 * `doc.transact`, because Yjs has no rollback and whatever a transaction wrote before a throw
 * syncs to everyone. Each test brings a document to a limit, attempts the write that crosses
 * it, and checks that the write was refused and changed nothing: same state vector, same
 * snapshot, no update emitted.
 */

function snapshot(doc: Y.Doc) {
  return {
    steps: listSteps(doc),
    stickies: listStickies(doc),
    terms: listTerms(doc),
    metrics: listMetrics(doc),
    parking: listParking(doc),
    agenda: listAgenda(doc),
  };
}

function expectRefusedAndUnchanged(doc: Y.Doc, write: () => unknown, message?: RegExp): void {
  const vector = Y.encodeStateVector(doc);
  const state = Y.encodeStateAsUpdate(doc);
  const before = snapshot(doc);
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  try {
    expect(write).toThrow(BoardLimitError);
    if (message) expect(write).toThrow(message);
  } finally {
    doc.off('update', count);
  }
  expect(updates).toBe(0);
  expect(Y.encodeStateVector(doc)).toEqual(vector);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  expect(snapshot(doc)).toEqual(before);
}

const aliases = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Word ${i}`, team: i % 2 ? 'Team East' : '' }));

/**
 * Fills a root map with `count` empty records in one transaction: test setup for limits on
 * record counts (thousands of accessor calls would only slow the test down; the limits count
 * entries).
 */
function fillRoot(doc: Y.Doc, root: string, count: number): void {
  doc.transact(() => {
    const map = doc.getMap<Y.Map<unknown>>(root);
    for (let i = 0; i < count; i++) map.set(newRecordId(), new Y.Map());
  });
}

describe('a refused write changes nothing', () => {
  it('process: the step limit', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < LIMITS.maxSteps; i++) addStep(doc, { title: `s${i}` });
    expectRefusedAndUnchanged(doc, () => addStep(doc, { title: 'one too many' }), /at most 200 steps/);
  });

  it('process: the sticky limit', () => {
    const doc = new Y.Doc();
    const step = addStep(doc, { title: 'Qualify' });
    fillRoot(doc, BoardRoot.stickies, LIMITS.maxStickies);
    expectRefusedAndUnchanged(doc, () => addSticky(doc, { stepId: step, kind: 'idea', text: 'x', authorId: 'a', authorName: 'A' }));
  });

  it('process: a sticky on a step that no longer exists', () => {
    const doc = new Y.Doc();
    addStep(doc, { title: 'Qualify' });
    expectRefusedAndUnchanged(doc, () => addSticky(doc, { stepId: 'gone' as StepId, kind: 'idea', text: 'x', authorId: 'a', authorName: 'A' }));
  });

  it('glossary: a term without a name', () => {
    const doc = new Y.Doc();
    addTerm(doc, { name: 'Lead' });
    expectRefusedAndUnchanged(doc, () => addTerm(doc, { name: '  \n ', aliases: aliases(2), definition: 'x' }), /needs a name/);
  });

  it('glossary: the term limit', () => {
    const doc = new Y.Doc();
    importTerms(doc, Array.from({ length: LIMITS.maxTerms }, (_, i) => ({ name: `Term ${i}`, definition: '', status: 'proposed' as const, aliases: [] })));
    expect(listTerms(doc)).toHaveLength(LIMITS.maxTerms);
    expectRefusedAndUnchanged(doc, () => addTerm(doc, { name: 'One too many', aliases: aliases(1) }));
  });

  it('glossary: a new term with 31 aliases is refused whole (it used to keep the term and 30 aliases)', () => {
    const doc = new Y.Doc();
    addTerm(doc, { name: 'Lead' });
    expectRefusedAndUnchanged(doc, () => addTerm(doc, { name: 'Deal', aliases: aliases(LIMITS.maxAliasesPerTerm + 1), definition: 'A chance to sell.' }), /at most 30 aliases/);
    // 30 is allowed, and an alias with no text does not count.
    const id = addTerm(doc, { name: 'Deal', aliases: [...aliases(LIMITS.maxAliasesPerTerm), { text: '  ', team: 'Team East' }] });
    expect(listTerms(doc).find((t) => t.id === id)!.aliases).toHaveLength(LIMITS.maxAliasesPerTerm);
  });

  it('glossary: the alias limit of an existing term', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { name: 'Deal', aliases: aliases(LIMITS.maxAliasesPerTerm) });
    expectRefusedAndUnchanged(doc, () => addAlias(doc, id, { text: 'Opportunity', team: 'Team West' }));
  });

  it('glossary: the example limit', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { name: 'Deal' });
    for (let i = 0; i < LIMITS.maxExamplesPerTerm; i++) addExample(doc, id, { text: `Example ${i}`, kind: i % 2 ? 'is' : 'isNot' });
    expectRefusedAndUnchanged(doc, () => addExample(doc, id, { text: 'One too many', kind: 'is' }));
  });

  it("glossary: a merge that would pass the kept term's alias limit", () => {
    const doc = new Y.Doc();
    const kept = addTerm(doc, { name: 'Deal', aliases: aliases(LIMITS.maxAliasesPerTerm - 2) });
    // Its name and two aliases would move over: 28 + 3 = 31.
    const merged = addTerm(doc, { name: 'Opportunity', aliases: [{ text: 'Opp', team: 'Team West' }, { text: 'Chance', team: '' }] });
    expect(mergeProblem(doc, kept, merged)).toMatch(/would have 31 aliases/);
    expectRefusedAndUnchanged(doc, () => mergeTerms(doc, kept, merged), /would have 31 aliases/);
    // An alias that repeats a name is dropped, so it does not count: 28 + 2 = 30 is fine.
    const repeat = addTerm(doc, { name: 'Prospect', aliases: [{ text: 'Word 1', team: '' }, { text: 'Lead', team: '' }] });
    expect(mergeProblem(doc, kept, repeat)).toBeNull();
    mergeTerms(doc, kept, repeat);
    expect(listTerms(doc).find((t) => t.id === kept)!.aliases).toHaveLength(LIMITS.maxAliasesPerTerm);
  });

  it("glossary: a merge that would pass the kept term's example limit", () => {
    const doc = new Y.Doc();
    const kept = addTerm(doc, { name: 'Deal' });
    const merged = addTerm(doc, { name: 'Opportunity' });
    for (let i = 0; i < LIMITS.maxExamplesPerTerm; i++) addExample(doc, kept, { text: `Example ${i}`, kind: 'is' });
    addExample(doc, merged, { text: 'One more', kind: 'isNot' });
    expectRefusedAndUnchanged(doc, () => mergeTerms(doc, kept, merged), /would have 31 examples/);
  });

  it('glossary import: a row with 31 aliases after valid rows writes nothing at all', () => {
    const doc = new Y.Doc();
    addTerm(doc, { name: 'Lead' });
    const rows = [
      { name: 'Forecast', definition: 'What we expect to close.', status: 'proposed' as const, aliases: aliases(2) },
      { name: 'Deal', definition: '', status: 'agreed' as const, aliases: aliases(LIMITS.maxAliasesPerTerm + 1) },
    ];
    expectRefusedAndUnchanged(doc, () => importTerms(doc, rows), /Deal: A term can have at most 30 aliases/);
  });

  it('glossary import: a row without a name writes nothing at all', () => {
    const doc = new Y.Doc();
    const rows = [
      { name: 'Forecast', definition: '', status: 'proposed' as const, aliases: [] },
      { name: ' ', definition: 'Orphan definition', status: 'proposed' as const, aliases: [] },
    ];
    expectRefusedAndUnchanged(doc, () => importTerms(doc, rows));
  });

  it('glossary import: the term limit', () => {
    const doc = new Y.Doc();
    fillRoot(doc, BoardRoot.terms, LIMITS.maxTerms - 1);
    const rows = [
      { name: 'Forecast', definition: '', status: 'proposed' as const, aliases: [] },
      { name: 'Pipeline', definition: '', status: 'proposed' as const, aliases: [] },
    ];
    expectRefusedAndUnchanged(doc, () => importTerms(doc, rows), /limit of 1000 terms/);
  });

  it('metrics: a metric without a name', () => {
    const doc = new Y.Doc();
    addMetric(doc, { name: 'Win rate' });
    expectRefusedAndUnchanged(doc, () => addMetric(doc, { name: '   ' }));
  });

  it('metrics: the metric limit', () => {
    const doc = new Y.Doc();
    fillRoot(doc, BoardRoot.metrics, LIMITS.maxMetrics);
    expectRefusedAndUnchanged(doc, () => addMetric(doc, { name: 'Win rate', attachment: { kind: 'none' } }));
  });

  it('parking lot: an item without text', () => {
    const doc = new Y.Doc();
    addParkingItem(doc, { text: 'Pricing', source: null, createdBy: 'Ana' });
    expectRefusedAndUnchanged(doc, () => addParkingItem(doc, { text: ' \n', source: null, createdBy: 'Ana' }));
  });

  it('parking lot: the item limit', () => {
    const doc = new Y.Doc();
    fillRoot(doc, BoardRoot.parking, LIMITS.maxParkingItems);
    expectRefusedAndUnchanged(doc, () => addParkingItem(doc, { text: 'Pricing', source: null, createdBy: 'Ana' }));
  });

  it('agenda: the item limit (a BoardLimitError, like every other limit)', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < AGENDA_LIMITS.maxItems; i++) addAgendaItem(doc, { title: `Item ${i}`, minutes: 5 });
    expectRefusedAndUnchanged(doc, () => addAgendaItem(doc, { title: 'One too many', minutes: 5 }));
  });
});

describe('the glossary CSV preview checks every limit per row', () => {
  const csv = (rows: string[]) => ['name,definition,aliases,status', ...rows].join('\n');
  const semicolonList = (n: number) => Array.from({ length: n }, (_, i) => `Word ${i}`).join('; ');

  it('flags a row with 31 aliases; a row with 30 is fine', () => {
    const parsed = parseGlossaryCsv(csv([`Deal,,${semicolonList(31)},`, `Opportunity,,${semicolonList(30)},agreed`]));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.rows.map((r) => r.errors)).toEqual([['A term can have at most 30 aliases (this one has 31).'], []]);
  });

  it('flags a name, an alias or a team over its length limit (the import would cut them)', () => {
    const long = (n: number) => 'x'.repeat(n);
    const parsed = parseGlossaryCsv(
      csv([
        `${long(LIMITS.termNameMaxLength + 1)},,,`,
        `Deal,,${long(LIMITS.aliasMaxLength + 1)},`,
        `Lead,,${long(LIMITS.teamMaxLength + 1)}: Prospect,`,
        `Pipeline,,${long(LIMITS.teamMaxLength)}: ${long(LIMITS.aliasMaxLength)},`,
      ]),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const [name, alias, team, fine] = parsed.rows;
    expect(name!.errors).toEqual([`The name is longer than ${LIMITS.termNameMaxLength} characters.`]);
    expect(alias!.errors).toEqual([expect.stringMatching(/^The alias "x+…" is longer than 80 characters\.$/)]);
    expect(team!.errors).toEqual([expect.stringMatching(/^The team "x+…" is longer than 60 characters\.$/)]);
    expect(fine!.errors).toEqual([]);
  });

  it('every row the preview accepts can be imported, and rows with errors are never written', () => {
    const parsed = parseGlossaryCsv(csv([`Deal,A chance,${semicolonList(31)},`, 'Forecast,What we expect,Team East: Outlook,proposed', ',No name,,']));
    if (!parsed.ok) throw new Error(parsed.error);
    const doc = new Y.Doc();
    importTerms(doc, parsed.rows.filter((r) => r.errors.length === 0));
    expect(listTerms(doc).map((t) => [t.name, t.aliases.map((a) => a.text)])).toEqual([['Forecast', ['Outlook']]]);
  });
});
