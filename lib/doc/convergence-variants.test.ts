import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { loneSurrogates, runConvergence, withSeed } from '../testing/convergence';
import { Network } from '../testing/network';
import { seededRandom } from '../testing/random';
import { BoardLimitError } from './fields';
import { addTerm, listTerms } from './glossary';
import { addMetric, listMetrics } from './metrics';
import { VARIANT_PARTS } from './schema';
import { addVariant, agreeFromClauses, getConvergedFrom, listAllVariants, listVariants, removeVariant, setVariantPart, setVariantText, startAgreedFrom, type VariantItem } from './variants';

/**
 * Convergence of competing definitions: three linked documents, held and reordered delivery,
 * seeded random edits through the accessors by six people of three teams — adding their team's
 * variant, typing in it, filling a metric variant's formula, removing one, starting the agreed
 * definition from one and merging picked clauses. After a final flush all three read the same
 * variants and the same definitions, and every item has at most one variant per team. A failing
 * seed is printed; keep it in KNOWN_SEEDS.
 */
const KNOWN_SEEDS: number[] = [];
const FILE = 'lib/doc/convergence-variants.test.ts';
const PEOPLE = [
  { id: 'a1', name: 'Ana', team: 'Sales East' },
  { id: 'b2', name: 'Ben', team: 'sales east' },
  { id: 'c3', name: 'Cy', team: 'Sales West' },
  { id: 'd4', name: 'Dee', team: 'Sales West' },
  { id: 'e5', name: 'Eve', team: 'Marketing' },
  { id: 'f6', name: 'Fay', team: 'Marketing ' },
] as const;

function refusable(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!(error instanceof BoardLimitError)) throw error;
  }
}

function snapshot(doc: Y.Doc) {
  return {
    variants: [...listAllVariants(doc).entries()].sort(([a], [b]) => a.localeCompare(b)),
    terms: listTerms(doc).map((t) => ({ id: t.id, definition: t.definition, status: t.status, from: getConvergedFrom(doc, { kind: 'term', id: t.id }) })),
    metrics: listMetrics(doc).map((m) => ({ id: m.id, definition: m.definition, numerator: m.numerator, unit: m.unit, from: getConvergedFrom(doc, { kind: 'metric', id: m.id }) })),
  };
}

function runSeed(seed: number): void {
  const items: VariantItem[] = [];
  const { snapshots } = runConvergence(
    {
      seed,
      operations: 220,
      setup(doc) {
        items.push({ kind: 'term', id: addTerm(doc, { name: 'Qualified lead' }) }, { kind: 'term', id: addTerm(doc, { name: 'Pipeline' }) });
        items.push({ kind: 'metric', id: addMetric(doc, { name: 'Win rate' }) });
      },
      snapshot,
      operate(doc, { random, pick, typeInto }, i) {
        const item = pick(items)!;
        const person = pick(PEOPLE)!;
        const roll = random();
        const mine = listVariants(doc, item).find((v) => v.teamKey === person.team.trim().toLowerCase());
        if (roll < 0.15) refusable(() => addVariant(doc, item, person.team, person, random() < 0.5 ? `Words ${i}.` : ''));
        else if (roll < 0.6) refusable(() => setVariantText(doc, item, person.team, typeInto(mine?.text ?? '', i), person));
        else if (roll < 0.72) {
          if (item.kind === 'metric') {
            const part = pick(VARIANT_PARTS)!;
            refusable(() => setVariantPart(doc, item, person.team, part, typeInto(mine?.parts?.[part] ?? '', i), person));
          }
        } else if (roll < 0.77) removeVariant(doc, item, person.team);
        else if (roll < 0.88) {
          const variant = pick(listVariants(doc, item));
          if (variant) startAgreedFrom(doc, item, variant.team);
        } else {
          const variants = listVariants(doc, item);
          const picks = variants.slice(0, 2).map((v) => ({ team: v.team, index: 0 }));
          refusable(() => agreeFromClauses(doc, item, picks));
        }
      },
    },
    (actual, expected) => expect(actual).toEqual(expected),
  );
  const [{ variants }] = snapshots as [ReturnType<typeof snapshot>];
  // One variant per team on every item, however many of the team added it at once.
  for (const [, list] of variants) expect(new Set(list.map((v) => v.teamKey)).size).toBe(list.length);
  expect(loneSurrogates(snapshots[0])).toEqual([]);
}

describe('variant convergence (3 documents, held and reordered delivery)', () => {
  const seeds = [...KNOWN_SEEDS, ...Array.from({ length: 25 }, (_, i) => 1900 + i)];
  it.each(seeds)('seed %i', (seed) => withSeed(FILE, seed, runSeed));
});

describe('variants under concurrency', () => {
  function linked(count: number) {
    const docs = Array.from({ length: count }, () => new Y.Doc());
    const term = { kind: 'term' as const, id: addTerm(docs[0]!, { name: 'Qualified lead' }) };
    for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(docs[0]!));
    return { docs, term, network: new Network(docs, seededRandom(7)) };
  }

  it('two people of one team adding "our definition" at once get one variant with both their words', () => {
    const { docs, term, network } = linked(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVariant(ana, term, 'Sales East', { id: 'a1', name: 'Ana' }, 'Budget confirmed.');
    addVariant(ben, term, 'sales east', { id: 'b2', name: 'Ben' }, 'Authority confirmed.');
    network.flush();
    for (const doc of docs) {
      const [variant, ...others] = listVariants(doc, term);
      expect(others).toEqual([]);
      expect(variant!.authors.map((a) => a.name).sort()).toEqual(['Ana', 'Ben']);
      // Both wordings are kept, merged character by character, the same on both documents.
      expect(variant!.text).toContain('Budget confirmed.');
      expect(variant!.text).toContain('Authority confirmed.');
    }
    expect(listVariants(ana, term)).toEqual(listVariants(ben, term));
  });

  it('two people of one team typing in the variant at once keep each other’s words', () => {
    const { docs, term, network } = linked(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVariant(ana, term, 'Sales East', { id: 'a1', name: 'Ana' }, 'A lead with budget confirmed.');
    network.flush();
    setVariantText(ana, term, 'Sales East', 'A qualified lead with budget confirmed.', { id: 'a1', name: 'Ana' });
    setVariantText(ben, term, 'Sales East', 'A lead with budget and timing confirmed.', { id: 'b2', name: 'Ben' });
    network.flush();
    expect(listVariants(ana, term)[0]!.text).toBe('A qualified lead with budget and timing confirmed.');
    expect(listVariants(ben, term)).toEqual(listVariants(ana, term));
  });

  it('three teams adding their variants at once all survive, in the same order everywhere', () => {
    const { docs, term, network } = linked(3);
    ['Sales East', 'Sales West', 'Marketing'].forEach((team, i) => addVariant(docs[i]!, term, team, { id: `p${i}`, name: `P${i}` }, `${team} words`));
    network.flush();
    const teams = listVariants(docs[0]!, term).map((v) => v.team);
    expect([...teams].sort()).toEqual(['Marketing', 'Sales East', 'Sales West']);
    for (const doc of docs) expect(listVariants(doc, term).map((v) => v.team)).toEqual(teams);
  });

  it('a removal and an edit of the same variant at once: the edit keeps it', () => {
    const { docs, term, network } = linked(2);
    const [ana, ben] = docs as [Y.Doc, Y.Doc];
    addVariant(ana, term, 'East', { id: 'a1', name: 'Ana' }, 'Budget.');
    network.flush();
    removeVariant(ana, term, 'East');
    setVariantText(ben, term, 'East', 'Budget and need.', { id: 'b2', name: 'Ben' });
    network.flush();
    for (const doc of docs) expect(listVariants(doc, term).map((v) => [v.text, v.authors.map((a) => a.name)])).toEqual([[' and need', ['Ben']]]);
  });
});
