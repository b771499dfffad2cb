// @vitest-environment jsdom
import { act } from 'react';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mount as mountElement } from '@/components/testing/mount';
import { addAlias, addTerm } from '@/lib/doc/glossary';
import { recordParticipant } from '@/lib/doc/participants';
import type { ParticipantId } from '@/lib/presence';
import { GlossaryProvider } from './glossary-context';
import { TeamVocabulary } from './team-vocabulary';


function mount(board: Y.Doc): HTMLElement {
  return mountElement(
    <GlossaryProvider board={board}>
      <TeamVocabulary board={board} />
    </GlossaryProvider>,
  );
}
const headers = (el: HTMLElement) => [...el.querySelectorAll('thead th')].map((th) => th.textContent);
const rows = (el: HTMLElement) => [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));

describe('the team vocabulary view', () => {
  it('has a column for every team present and one for aliases without a team, live', () => {
    const board = new Y.Doc();
    recordParticipant(board, { id: 'p1' as ParticipantId, name: 'Ana', team: 'North' });
    const opportunity = addTerm(board, { name: 'Opportunity' });
    addAlias(board, opportunity, { text: 'Deal', team: 'East' });
    addAlias(board, opportunity, { text: 'Chance', team: '' });
    const view = mount(board);
    expect(headers(view)).toEqual(['Canonical term', 'East', 'North', 'Any team']);
    expect(rows(view)).toEqual([['Opportunity', 'Deal', '—', 'Chance']]);

    // Someone from another team joins: their team gets a column at once.
    act(() => recordParticipant(board, { id: 'p2' as ParticipantId, name: 'Ben', team: 'West' }));
    expect(headers(view)).toEqual(['Canonical term', 'East', 'North', 'West', 'Any team']);
    act(() => {
      addAlias(board, opportunity, { text: 'Opp', team: 'West' });
    });
    expect(rows(view)).toEqual([['Opportunity', 'Deal', '—', 'Opp', 'Chance']]);
  });

  it('asks for team words while there are none', () => {
    const board = new Y.Doc();
    addTerm(board, { name: 'Lead' });
    expect(mount(board).textContent).toContain('No team words yet');
  });
});
