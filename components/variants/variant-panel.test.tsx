// @vitest-environment jsdom
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mount as mountElement } from '@/components/testing/mount';
import { addTerm, setTermStatus } from '@/lib/doc/glossary';
import type { TermId } from '@/lib/doc/schema';
import { addVariant } from '@/lib/doc/variants';
import type { ParticipantId } from '@/lib/presence';
import { VariantPanel } from './variant-panel';


const user = { id: 'a1' as ParticipantId, name: 'Ana', team: 'Sales East', color: '#000' };

function mount(board: Y.Doc, termId: TermId, agreed: boolean): HTMLElement {
  return mountElement(<VariantPanel board={board} item={{ kind: 'term', id: termId }} label="Qualified lead" user={user} agreed={agreed} />);
}

function workshop() {
  const board = new Y.Doc();
  const termId = addTerm(board, { name: 'Qualified lead' });
  addVariant(board, { kind: 'term', id: termId }, 'Sales East', { id: 'a1', name: 'Ana' }, 'Budget confirmed.');
  addVariant(board, { kind: 'term', id: termId }, 'Sales West', { id: 'c3', name: 'Cy' }, 'A demo is booked.');
  return { board, termId };
}

const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent);

describe('the team definitions panel', () => {
  it('while discussing: the own team’s wording is editable; start, remove and pick clauses are offered', () => {
    const { board, termId } = workshop();
    const el = mount(board, termId, false);
    expect(el.querySelector('textarea, input')).not.toBeNull();
    expect(buttons(el)).toEqual(expect.arrayContaining(['Remove', 'Pick clauses…']));
    expect(buttons(el).filter((b) => b?.startsWith('Start agreed definition from this'))).toHaveLength(2);
  });

  it('once agreed (locked or not): the variants are history, nothing to edit, remove or converge; it says to reopen', () => {
    const { board, termId } = workshop();
    setTermStatus(board, termId, 'agreed');
    const el = mount(board, termId, true);
    expect(el.textContent).toContain('Team definitions before the agreement');
    expect(el.textContent).toContain('Budget confirmed.');
    expect(el.textContent).toContain('A demo is booked.');
    expect(el.querySelector('textarea, input')).toBeNull();
    expect(buttons(el)).toEqual([]);
    expect(el.textContent).toContain('To change one or converge again, reopen Qualified lead first.');
  });
});
