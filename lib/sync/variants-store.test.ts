import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addTerm, deleteTerm } from '../doc/glossary';
import { addStep, setStepText } from '../doc/process';
import { setFragmentPlainText } from '../doc/rich-text';
import { stepDescriptionField } from '../doc/schema';
import { addVariant } from '../doc/variants';
import { buildCoverage, createCoverageStore, createVariantsStore } from './variants-store';

describe('variants and coverage stores', () => {
  afterEach(() => vi.useRealTimers());

  it('a term with two team definitions is contested, and the steps that use it are where to look', () => {
    vi.useFakeTimers();
    const doc = new Y.Doc();
    const lead = addTerm(doc, { name: 'Qualified lead' });
    const qualify = addStep(doc, { title: 'Qualify' });
    setStepText(doc, qualify, 'exitCriteria', 'A qualified lead with a scorecard');
    const handover = addStep(doc, { title: 'Hand over' });
    setFragmentPlainText(doc.getXmlFragment(stepDescriptionField(handover)), 'Attach the scorecard.');
    const variants = createVariantsStore(doc);
    const coverage = createCoverageStore(doc);
    let variantChanges = 0;
    let coverageChanges = 0;
    variants.subscribe(() => variantChanges++);
    coverage.subscribe(() => coverageChanges++);
    expect(coverage.getSnapshot().candidates.map((c) => c.text)).toEqual(['scorecard']);

    addVariant(doc, { kind: 'term', id: lead }, 'Sales East', { id: 'a1', name: 'Ana' }, 'Budget confirmed.');
    addVariant(doc, { kind: 'term', id: lead }, 'Sales West', { id: 'c3', name: 'Cy' }, 'A demo is booked.');
    expect(variantChanges).toBeGreaterThan(0);
    // The meter follows a moment after the last change, once.
    expect(coverageChanges).toBe(0);
    vi.advanceTimersByTime(300);
    expect(coverageChanges).toBe(1);
    expect([...variants.getSnapshot().contested]).toEqual([`term:${lead}`]);
    expect(buildCoverage(doc).hotspots.map((s) => [s.title, s.contestedTermIds.length, s.undefinedWords])).toEqual([
      ['Qualify', 1, ['scorecard']],
      ['Hand over', 0, ['scorecard']],
    ]);

    addTerm(doc, { name: 'Scorecard' });
    expect(coverage.getSnapshot().candidates.map((c) => c.text)).toEqual(['scorecard']);
    vi.advanceTimersByTime(300);
    expect(coverage.getSnapshot().candidates).toEqual([]);
    deleteTerm(doc, lead);
    expect(variants.getSnapshot().byItem.size).toBe(0);
  });
});
