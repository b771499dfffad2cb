import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { BoardLimitError } from './fields';
import { addTerm, deleteTerm, listTerms, setTermStatus } from './glossary';
import { addMetric, listMetrics, setMetricStatus } from './metrics';
import { BOARD_SHAPE, BoardRoot, RICH_TEXT_MAX_LENGTH, variantTextField, type MetricId, type TermId } from './schema';
import { parseFocus, variantsFocus } from './sessions';
import { validateUpdate } from './validate-update';
import {
  addVariant,
  agreeFromClauses,
  composeFromClauses,
  getConvergedFrom,
  listAllVariants,
  listVariants,
  removeVariant,
  setVariantPart,
  setVariantText,
  startAgreedFrom,
  teamKey,
  variantProblem,
} from './variants';

const ana = { id: 'a1', name: 'Ana' };
const ben = { id: 'b2', name: 'Ben' };
const cy = { id: 'c3', name: 'Cy' };

function board() {
  const doc = new Y.Doc();
  const term = addTerm(doc, { name: 'Qualified lead' });
  const metric = addMetric(doc, { name: 'Win rate' });
  return { doc, term: { kind: 'term' as const, id: term }, metric: { kind: 'metric' as const, id: metric }, termId: term, metricId: metric };
}

/** The write is refused with a BoardLimitError and nothing at all is written. */
function expectRefused(doc: Y.Doc, write: () => unknown, message?: RegExp) {
  const state = Y.encodeStateAsUpdate(doc);
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
  // Compared as bytes: element-wise equality of a large Uint8Array is slow.
  expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(state))).toBe(true);
}

describe('variants: one per team, with authors and a time', () => {
  it('a team adds its definition; a second person of the team writes in the same variant', () => {
    const { doc, term } = board();
    addVariant(doc, term, 'Sales East', ana, 'A lead with budget confirmed.');
    setVariantText(doc, term, ' sales  EAST ', 'A lead with budget and authority confirmed.', ben);
    const [variant, ...rest] = listVariants(doc, term);
    expect(rest).toEqual([]);
    expect(variant).toMatchObject({ team: 'Sales East', teamKey: 'sales east', text: 'A lead with budget and authority confirmed.', parts: null });
    expect(variant!.authors.map((a) => a.name)).toEqual(['Ana', 'Ben']);
    expect(variant!.createdAt).toBeGreaterThan(0);
  });

  it('different teams get different variants, oldest first', () => {
    const { doc, term } = board();
    addVariant(doc, term, 'Sales East', ana, 'Budget confirmed.');
    addVariant(doc, term, 'Sales West', cy, 'A demo is booked.');
    expect(listVariants(doc, term).map((v) => [v.team, v.text])).toEqual([
      ['Sales East', 'Budget confirmed.'],
      ['Sales West', 'A demo is booked.'],
    ]);
  });

  it('a metric variant carries its numerator, denominator, unit and target', () => {
    const { doc, metric } = board();
    setVariantPart(doc, metric, 'Finance', 'numerator', 'Deals won\nin the quarter', ana);
    setVariantPart(doc, metric, 'Finance', 'denominator', 'Deals closed', ana);
    setVariantPart(doc, metric, 'Finance', 'unit', '%', ana);
    setVariantPart(doc, metric, 'Finance', 'target', '30', ana);
    expect(listVariants(doc, metric)[0]!.parts).toEqual({ numerator: 'Deals won in the quarter', denominator: 'Deals closed', unit: '%', target: '30' });
    expect(() => setVariantPart(doc, board().term, 'Finance', 'unit', '%', ana)).toThrow(BoardLimitError);
  });

  it('removing a variant removes its authors and wording; a deleted term hides its variants', () => {
    const { doc, term, termId } = board();
    addVariant(doc, term, 'East', ana, 'Budget confirmed.');
    addVariant(doc, term, 'East#2', ben, 'Other team with a # in its name.');
    removeVariant(doc, term, 'east');
    expect(listVariants(doc, term).map((v) => v.team)).toEqual(['East#2']);
    expect(doc.getText(variantTextField(`term:${termId}#east`)).toString()).toBe('');
    deleteTerm(doc, termId);
    expect(listAllVariants(doc).size).toBe(0);
  });

  it('teams compare normalised', () => {
    expect(teamKey('  Sales\u00a0 East ')).toBe('sales east');
    expect(teamKey('Ｓales East')).toBe('sales east');
  });
});

describe('variant limits: a refused write writes nothing', () => {
  it('no team, no participant, a deleted item', () => {
    const { doc, term, termId } = board();
    expectRefused(doc, () => addVariant(doc, term, '   ', ana), /set your team/);
    expectRefused(doc, () => addVariant(doc, term, 'East', { id: '', name: 'Nobody' }));
    deleteTerm(doc, termId);
    expectRefused(doc, () => setVariantText(doc, term, 'East', 'x', ana), /no longer exists/);
  });

  it(`at most ${LIMITS.maxVariantsPerItem} teams per item; writing in an existing one is never refused`, () => {
    const { doc, term } = board();
    for (let i = 0; i < LIMITS.maxVariantsPerItem; i++) addVariant(doc, term, `Team ${i}`, ana);
    expectRefused(doc, () => addVariant(doc, term, 'One team too many', ana), /at most 12 team definitions/);
    expect(variantProblem(doc, term, 'team 3', ben)).toBeNull();
    setVariantText(doc, term, 'Team 3', 'Still fine', ben);
    expect(listVariants(doc, term)).toHaveLength(LIMITS.maxVariantsPerItem);
  });

  it('the board-wide author entries', () => {
    const { doc, term } = board();
    doc.transact(() => {
      // Test setup: the limit counts entries, so cheap placeholder values fill it faster than records.
      const authors = doc.getMap(BoardRoot.variantAuthors);
      for (let i = 0; i < LIMITS.maxVariantAuthors; i++) authors.set(`term:gone#t#${i}`, 0);
    });
    expectRefused(doc, () => addVariant(doc, term, 'East', ana), /as many team definitions/);
  });

  it('the wording is cut to its limit at a whole character; the server refuses a longer one', () => {
    const { doc, term, metric } = board();
    const long = `${'x'.repeat(LIMITS.variantTextMaxLength - 1)}😀 and more`;
    expect(setVariantText(doc, term, 'East', long, ana)).toBe('x'.repeat(LIMITS.variantTextMaxLength - 1));
    expect(setVariantPart(doc, metric, 'East', 'target', 'y'.repeat(LIMITS.metricFieldMaxLength + 5), ana)).toHaveLength(LIMITS.metricFieldMaxLength);

    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    client.getText(variantTextField(listVariants(client, term)[0]!.key)).insert(0, 'yy');
    const verdict = validateUpdate(server, Y.encodeStateAsUpdate(client, before), BOARD_SHAPE);
    expect(verdict).toMatchObject({ ok: false, kind: 'limit' });
  });

  it('the server accepts variants written through the accessors, and refuses a malformed author entry', () => {
    const { doc, term, metric } = board();
    const server = new Y.Doc();
    const edit = (change: () => void) => {
      const before = Y.encodeStateVector(doc);
      change();
      return validateUpdate(server, Y.encodeStateAsUpdate(doc, before), BOARD_SHAPE);
    };
    expect(validateUpdate(server, Y.encodeStateAsUpdate(doc), BOARD_SHAPE)).toEqual({ ok: true });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    for (const change of [
      () => addVariant(doc, term, 'Sales East', ana, 'Budget confirmed.'),
      () => setVariantPart(doc, metric, 'Finance', 'numerator', 'Won', ben),
      () => startAgreedFrom(doc, term, 'Sales East'),
      () => agreeFromClauses(doc, term, [{ team: 'Sales East', index: 0 }]),
      () => removeVariant(doc, term, 'Sales East'),
    ]) {
      const sv = Y.encodeStateVector(server);
      expect(edit(change)).toEqual({ ok: true });
      Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, sv));
    }
    const bad = new Y.Doc();
    bad.getMap(BoardRoot.variantAuthors).set(`term:x#east#a1`, 'not a record' as never);
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(bad), BOARD_SHAPE)).toMatchObject({ ok: false, kind: 'shape' });
  });
});

describe('converging on one definition', () => {
  it('starts the agreed definition from one variant; the variants stay as history', () => {
    const { doc, term, termId } = board();
    addVariant(doc, term, 'Sales East', ana, 'A lead with budget, authority, need and timing confirmed.');
    addVariant(doc, term, 'Sales West', cy, 'A lead with a demo booked.');
    startAgreedFrom(doc, term, 'sales west');
    const [record] = listTerms(doc).filter((t) => t.id === termId);
    expect(record!.definition).toBe('A lead with a demo booked.');
    expect(record!.status).toBe('discussing');
    expect(getConvergedFrom(doc, term)).toEqual(['Sales West']);
    setTermStatus(doc, termId as TermId, 'agreed');
    expect(listVariants(doc, term).map((v) => v.team)).toEqual(['Sales East', 'Sales West']);
  });

  it('a metric started from a variant takes its formula parts', () => {
    const { doc, metric, metricId } = board();
    addVariant(doc, metric, 'Finance', ana, 'Share of closed deals that were won.');
    setVariantPart(doc, metric, 'Finance', 'numerator', 'Deals won', ana);
    setVariantPart(doc, metric, 'Finance', 'unit', '%', ana);
    startAgreedFrom(doc, metric, 'Finance');
    const m = listMetrics(doc).find((x) => x.id === (metricId as MetricId))!;
    expect([m.definition, m.numerator, m.denominator, m.unit]).toEqual(['Share of closed deals that were won.', 'Deals won', '', '%']);
  });

  it('merges by picking clauses, in the order picked, each clause once', () => {
    const { doc, term, termId } = board();
    addVariant(doc, term, 'Sales East', ana, 'Budget and authority confirmed. Timing within two quarters.');
    addVariant(doc, term, 'Sales West', cy, 'A demo is booked; the champion is named');
    const picks = [
      { team: 'Sales West', index: 0 },
      { team: 'Sales East', index: 0 },
      { team: 'Sales West', index: 0 },
      { team: 'Sales West', index: 7 },
    ];
    expect(composeFromClauses(listVariants(doc, term), picks)).toEqual({ text: 'A demo is booked. Budget and authority confirmed.', teams: ['Sales West', 'Sales East'] });
    agreeFromClauses(doc, term, picks);
    expect(listTerms(doc).find((t) => t.id === termId)!.definition).toBe('A demo is booked. Budget and authority confirmed.');
    expect(getConvergedFrom(doc, term)).toEqual(['Sales West', 'Sales East']);
    expectRefused(doc, () => agreeFromClauses(doc, term, [{ team: 'Nobody', index: 0 }]), /Pick at least one clause/);
    expectRefused(doc, () => startAgreedFrom(doc, term, 'Nobody'));
  });

  it('two people converging at once with different variants both keep their teams, in either delivery order; converging later replaces them', () => {
    for (const order of ['first', 'second'] as const) {
      const { doc: a, term } = board();
      addVariant(a, term, 'Sales East', ana, 'Budget confirmed.');
      addVariant(a, term, 'Sales West', cy, 'A demo is booked.');
      addVariant(a, term, 'Marketing', ben, 'Downloaded the guide.');
      agreeFromClauses(a, term, [{ team: 'Marketing', index: 0 }]);
      const base = Y.encodeStateAsUpdate(a);
      const [b, server] = [new Y.Doc(), new Y.Doc()];
      Y.applyUpdate(b, base);
      Y.applyUpdate(server, base);
      const [va, vb] = [Y.encodeStateVector(a), Y.encodeStateVector(b)];
      // At the same moment: Ana starts from Sales East's, Cy merges clauses of Sales West's and Marketing's.
      startAgreedFrom(a, term, 'Sales East');
      agreeFromClauses(b, term, [{ team: 'Sales West', index: 0 }, { team: 'Marketing', index: 0 }]);
      const [ua, ub] = [Y.encodeStateAsUpdate(a, va), Y.encodeStateAsUpdate(b, vb)];
      for (const update of order === 'first' ? [ua, ub] : [ub, ua]) {
        expect(validateUpdate(server, update, BOARD_SHAPE)).toEqual({ ok: true });
        Y.applyUpdate(server, update);
      }
      Y.applyUpdate(a, ub);
      Y.applyUpdate(b, ua);
      // Both sides' teams, each once: the first picks (by team), then Marketing, picked second by Cy.
      for (const doc of [a, b, server]) expect(getConvergedFrom(doc, term), order).toEqual(['Sales East', 'Sales West', 'Marketing']);
      startAgreedFrom(a, term, 'Marketing');
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      expect(getConvergedFrom(b, term)).toEqual(['Marketing']);
    }
  });

  it('reads the older form (one JSON list on the term) until the term converges again', () => {
    const { doc, term, termId } = board();
    addVariant(doc, term, 'Sales East', ana, 'Budget confirmed.');
    const map = doc.getMap<Y.Map<unknown>>(BoardRoot.terms).get(termId)!;
    map.set('convergedFrom', JSON.stringify(['Sales East', 'Old Team']));
    expect(getConvergedFrom(doc, term)).toEqual(['Sales East', 'Old Team']);
    startAgreedFrom(doc, term, 'Sales East');
    expect(getConvergedFrom(doc, term)).toEqual(['Sales East']);
    expect(map.has('convergedFrom')).toBe(false);
  });

  it('every clause of every variant at the limit still fits one definition', () => {
    expect(LIMITS.maxVariantsPerItem * (LIMITS.variantTextMaxLength + 2)).toBeLessThan(RICH_TEXT_MAX_LENGTH);
  });
});

describe('once agreed, the variants are history', () => {
  it('an agreed term (locked or not) refuses adding, editing, removing and converging again, writing nothing', () => {
    const { doc, term, termId } = board();
    addVariant(doc, term, 'Sales East', ana, 'Budget confirmed.');
    addVariant(doc, term, 'Sales West', cy, 'A demo is booked.');
    startAgreedFrom(doc, term, 'Sales West');
    setTermStatus(doc, termId as TermId, 'agreed');
    const agreed = /is agreed: its team definitions are kept as history/;
    expectRefused(doc, () => setVariantText(doc, term, 'Sales East', 'Rewritten afterwards.', ana), agreed);
    expectRefused(doc, () => setVariantText(doc, term, 'Sales East', 'Rewritten by a teammate.', ben), agreed);
    expectRefused(doc, () => removeVariant(doc, term, 'Sales West'), agreed);
    expectRefused(doc, () => addVariant(doc, term, 'Marketing', ben, 'Late wording.'), agreed);
    expectRefused(doc, () => startAgreedFrom(doc, term, 'Sales East'), agreed);
    expectRefused(doc, () => agreeFromClauses(doc, term, [{ team: 'Sales East', index: 0 }]), agreed);
    expect(variantProblem(doc, term, 'Marketing', ben)).toMatch(agreed);
    expect(listVariants(doc, term).map((v) => [v.team, v.text])).toEqual([
      ['Sales East', 'Budget confirmed.'],
      ['Sales West', 'A demo is booked.'],
    ]);
    expect(getConvergedFrom(doc, term)).toEqual(['Sales West']);
  });

  it('an agreed metric refuses formula part edits; reopening it (status set back) allows changes again', () => {
    const { doc, metric, metricId } = board();
    addVariant(doc, metric, 'Finance', ana, 'Won over closed.');
    setVariantPart(doc, metric, 'Finance', 'numerator', 'Deals won', ana);
    setMetricStatus(doc, metricId as MetricId, 'agreed');
    expectRefused(doc, () => setVariantPart(doc, metric, 'Finance', 'numerator', 'Deals signed', ana), /is agreed/);
    setMetricStatus(doc, metricId as MetricId, 'discussing');
    setVariantPart(doc, metric, 'Finance', 'numerator', 'Deals signed', ana);
    startAgreedFrom(doc, metric, 'Finance');
    expect(listMetrics(doc).find((m) => m.id === metricId)!.numerator).toBe('Deals signed');
  });
});

describe('the "contested term" focus', () => {
  it('names a term or metric, and reads back as a variants focus', () => {
    expect(parseFocus(variantsFocus({ kind: 'term', id: 'abc' }))).toEqual({ kind: 'variants', item: { kind: 'term', id: 'abc' } });
    expect(parseFocus(variantsFocus({ kind: 'metric', id: 'm1' }))).toEqual({ kind: 'variants', item: { kind: 'metric', id: 'm1' } });
    expect(parseFocus('variants:step:abc')).toEqual({ kind: 'none' });
    expect(parseFocus('variants:')).toEqual({ kind: 'none' });
    expect(variantsFocus({ kind: 'metric', id: 'x'.repeat(14) }).length).toBeLessThanOrEqual(200);
  });
});
