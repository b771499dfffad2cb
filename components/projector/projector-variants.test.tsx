// @vitest-environment jsdom
import { act } from 'react';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mount as mountElement } from '@/components/testing/mount';
import { addTerm, setTermStatus } from '@/lib/doc/glossary';
import { addMetric } from '@/lib/doc/metrics';
import type { ItemRef } from '@/lib/doc/schema';
import { openConsensus, setConsensusStatus } from '@/lib/doc/sessions';
import { addVariant, setVariantPart } from '@/lib/doc/variants';
import { setAnswer } from '@/lib/doc/votes';
import { FacilitationProvider } from '@/components/facilitation/facilitation-context';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { ProjectorVariants } from './projector-variants';


function mount(board: Y.Doc, facilitation: Y.Doc, item: ItemRef): HTMLElement {
  return mountElement(
    <FacilitationProvider doc={facilitation} role="projector">
      <GlossaryProvider board={board}>
        <ProjectorVariants board={board} item={item} />
      </GlossaryProvider>
    </FacilitationProvider>,
  );
}

const ana = { id: 'a1', name: 'Ana' };
const eve = { id: 'e5', name: 'Eve' };
const marked = (el: Element | null) => [...(el?.querySelectorAll('mark') ?? [])].map((m) => m.textContent);

describe('a contested item on the projector', () => {
  it('marks the differing words of metric formula parts', () => {
    const board = new Y.Doc();
    const metric = { kind: 'metric' as const, id: addMetric(board, { name: 'Win rate' }) };
    addVariant(board, metric, 'Finance', eve, 'Won over closed.');
    addVariant(board, metric, 'Sales', ana, 'Won over closed.');
    setVariantPart(board, metric, 'Finance', 'numerator', 'Deals won', eve);
    setVariantPart(board, metric, 'Sales', 'numerator', 'Deals signed', ana);
    setVariantPart(board, metric, 'Finance', 'unit', '%', eve);
    setVariantPart(board, metric, 'Sales', 'unit', '%', ana);
    const el = mount(board, new Y.Doc(), metric);
    const numerator = (team: string) => [...el.querySelectorAll(`li[aria-label="${team}"] dt`)].find((dt) => dt.textContent === 'Numerator')!.nextElementSibling;
    const unit = (team: string) => [...el.querySelectorAll(`li[aria-label="${team}"] dt`)].find((dt) => dt.textContent === 'Unit')!.nextElementSibling;
    expect(marked(numerator('Finance'))).toEqual(['won']);
    expect(marked(numerator('Sales'))).toEqual(['signed']);
    expect(marked(unit('Sales'))).toEqual([]);
  });

  it('a check closed without agreement shows its counts; an agreed item does not show them as not agreed', () => {
    const board = new Y.Doc();
    const facilitation = new Y.Doc();
    const termId = addTerm(board, { name: 'Qualified lead', definition: 'A demo is booked.' });
    const term = { kind: 'term' as const, id: termId };
    addVariant(board, term, 'Sales East', ana, 'Budget confirmed.');
    const session = openConsensus(facilitation, `term:${termId}`);
    setAnswer(board, session, 'p1', { level: 'full', reason: '' });
    setAnswer(board, session, 'p2', { level: 'block', reason: 'Not in our territory' });
    setAnswer(board, session, 'p3', { level: 'block', reason: '' });
    const result = (el: HTMLElement) => el.querySelector('[data-testid="projector-consensus-result"]')?.textContent ?? null;

    let el = mount(board, facilitation, term);
    // Still open: the consensus screen shows it, not this one.
    expect(result(el)).toBeNull();
    act(() => setConsensusStatus(facilitation, 'closed'));
    expect(result(el)).toBe('Not agreed yet. Last check: Fully agree: 1 · Block: 2');
    expect(el.textContent).not.toContain('Not in our territory');

    act(() => setTermStatus(board, termId, 'agreed'));
    expect(result(el)).toBeNull();
    el = mount(board, facilitation, term);
    expect(el.textContent).not.toContain('Not agreed yet');
  });
});
