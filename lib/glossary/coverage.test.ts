import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listTerms } from '../doc/glossary';
import { getStepDescription, listSteps } from '../doc/process';
import { TEMPLATE_DATA, seedWorkshop } from '../templates';
import { computeCoverage, type CoverageStep, type CoverageTerm } from './coverage';
import { createMatcher } from './matcher';

/** A template's steps (description and criteria) and terms, as the coverage store reads them. */
function template(id: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedWorkshop(id, 'Workshop').board);
  const steps: CoverageStep[] = listSteps(doc).map((s) => ({ id: s.id, title: s.title, text: [getStepDescription(doc, s.id), s.entryCriteria, s.exitCriteria].join('\n') }));
  return { steps, terms: listTerms(doc) };
}

const step = (id: string, text: string): CoverageStep => ({ id, title: id, text });
const term = (id: string, name: string, status = 'proposed', aliases: string[] = []): CoverageTerm => ({ id, name, status, aliases: aliases.map((text) => ({ text })) });

describe('undefined words on the templates', () => {
  it('B2B sales: repeated words and phrases, and the BANT acronym; glossary words never', () => {
    const { steps, terms } = template('b2b-sales');
    const coverage = computeCoverage(steps, terms);
    expect(coverage.candidates.map((c) => [c.text, c.reason, c.stepIds.length])).toEqual([
      ['contact', 'repeated', 2],
      ['customer', 'repeated', 2],
      ['interest', 'repeated', 2],
      ['success criteria', 'repeated', 2],
      ['BANT', 'acronym', 1],
    ]);
    // "criteria" only ever appears inside "success criteria"; "opportunity" and "decision maker" are terms.
    expect(coverage.candidates.map((c) => c.text)).not.toContain('criteria');
    expect(coverage.candidates.find((c) => c.text === 'success criteria')!.name).toBe('Success criteria');
    // Nothing is agreed in a fresh template: no step speaks the common language yet.
    expect([coverage.covered, coverage.total]).toEqual([0, 7]);
  });

  it('customer onboarding: "customer" is in five steps; plurals count with their singular', () => {
    const { steps, terms } = template('customer-onboarding');
    const coverage = computeCoverage(steps, terms);
    expect(coverage.candidates.map((c) => [c.text, c.name, c.stepIds.length])).toEqual([
      ['customer', 'Customer', 5],
      ['goals', 'Goal', 2],
      ['milestone', 'Milestone', 2],
      ['plan', 'Plan', 2],
      ['product', 'Product', 2],
      ['users', 'User', 2],
    ]);
    expect(coverage.hotspots[0]!.title).toBe('Kick-off');
    expect(coverage.hotspots[0]!.undefinedWords).toEqual(['customer', 'goals', 'milestone', 'plan']);
  });

  it('every template: no candidate is a glossary term or alias, and every candidate appears in the steps it names', () => {
    for (const id of Object.keys(TEMPLATE_DATA)) {
      const { steps, terms } = template(id);
      const names = new Set(terms.flatMap((t) => [t.name, ...t.aliases.map((a) => a.text)].map((n) => n.toLowerCase())));
      for (const c of computeCoverage(steps, terms).candidates) {
        expect(names.has(c.text.toLowerCase()), `${id}: ${c.text}`).toBe(false);
        for (const stepId of c.stepIds) expect(steps.find((s) => s.id === stepId)!.text.toLowerCase()).toContain(c.text.toLowerCase().replace(/s$/, ''));
      }
    }
  });
});

describe('glossary words in steps', () => {
  it('are the terms highlighting finds, on every template (names, aliases, plurals, several words)', () => {
    for (const id of Object.keys(TEMPLATE_DATA)) {
      const { steps, terms } = template(id);
      const matcher = createMatcher(terms.flatMap((t) => [{ termId: t.id, text: t.name }, ...t.aliases.map((a) => ({ termId: t.id, text: a.text }))]));
      const coverage = computeCoverage(steps, terms);
      steps.forEach((step, i) => expect([...coverage.steps[i]!.termIds].sort(), `${id}: ${step.title}`).toEqual([...new Set(matcher.find(step.text).map((m) => m.termId))].sort()));
    }
  });

  it('a term written across a line break or in the plural is found; one inside a longer word is not', () => {
    const terms = [term('lead', 'Qualified lead'), term('opp', 'Opportunity')];
    const coverage = computeCoverage([step('s1', 'Two qualified\nleads.'), step('s2', 'Opportunities, not opportunityish.')], terms);
    expect(coverage.steps.map((s) => s.termIds)).toEqual([['lead'], ['opp']]);
  });
});

describe('the rule', () => {
  it('a word in two steps is listed, in one step it is not; stop words, short words, -ed and -ly words never', () => {
    const coverage = computeCoverage(
      [step('s1', 'The pricing sheet is signed and quickly sent.'), step('s2', 'Check the pricing with the client.'), step('s3', 'Sign it and go.')],
      [],
    );
    expect(coverage.candidates.map((c) => c.text)).toEqual(['pricing']);
  });

  it('acronyms and capitalised words in mid-sentence count from one step; a capital at the start of a sentence does not', () => {
    const coverage = computeCoverage([step('s1', 'Log it in the CRM. Leads go to Salesforce.\nHandover done')], []);
    expect(coverage.candidates.map((c) => [c.text, c.reason])).toEqual([
      ['CRM', 'acronym'],
      ['Salesforce', 'capitalised'],
    ]);
  });

  it('a word that becomes a term (or an alias) leaves the list', () => {
    const steps = [step('s1', 'A won deal is handed over.'), step('s2', 'Every deal has an owner.'), step('s3', 'Deals close.')];
    expect(computeCoverage(steps, []).candidates.map((c) => [c.text, c.name, c.stepIds])).toEqual([['deal', 'Deal', ['s1', 's2', 's3']]]);
    expect(computeCoverage(steps, [term('t1', 'Deal')]).candidates).toEqual([]);
    expect(computeCoverage(steps, [term('t1', 'Opportunity', 'proposed', ['deal'])]).candidates).toEqual([]);
  });
});

describe('coverage of steps', () => {
  const steps = [step('s1', 'A qualified lead is handed over.'), step('s2', 'The opportunity is qualified.'), step('s3', 'Nothing to define here.')];
  const terms = [term('lead', 'Qualified lead', 'discussing'), term('opp', 'Opportunity', 'agreed')];

  it('a step counts when every term it uses is agreed and no undefined word is in it', () => {
    const coverage = computeCoverage(steps, terms, new Set(['lead']));
    expect(coverage.steps.map((s) => [s.id, s.termIds, s.covered])).toEqual([
      ['s1', ['lead'], false],
      ['s2', ['opp'], true],
      ['s3', [], true],
    ]);
    expect([coverage.covered, coverage.total, coverage.share]).toEqual([2, 3, 2 / 3]);
    // The contested term makes step 1 the place to look.
    expect(coverage.hotspots.map((s) => [s.id, s.contestedTermIds])).toEqual([['s1', ['lead']]]);
  });

  it('agreeing the term covers the step; no steps, no share', () => {
    expect(computeCoverage(steps, terms.map((t) => ({ ...t, status: 'agreed' }))).covered).toBe(3);
    expect(computeCoverage([], terms)).toMatchObject({ covered: 0, total: 0, share: 0, candidates: [], hotspots: [] });
  });
});
