// @vitest-environment jsdom
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mount as mountElement } from '@/components/testing/mount';
import { addTerm } from '@/lib/doc/glossary';
import { recordParticipant } from '@/lib/doc/participants';
import { listDecisions, openConsensus, recordDecision } from '@/lib/doc/sessions';
import { setAnswer } from '@/lib/doc/votes';
import type { ParticipantId } from '@/lib/presence';
import { FacilitationProvider } from '@/components/facilitation/facilitation-context';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { ConsensusByTeam } from './consensus-by-team';


function mount(board: Y.Doc, facilitation: Y.Doc, team: string | null): HTMLElement {
  return mountElement(
    <FacilitationProvider doc={facilitation} role="facilitator">
      <GlossaryProvider board={board}>
        <ConsensusByTeam board={board} team={team} decisions={listDecisions(facilitation)} />
      </GlossaryProvider>
    </FacilitationProvider>,
  );
}

function workshop() {
  const board = new Y.Doc();
  const facilitation = new Y.Doc();
  recordParticipant(board, { id: 'aa11aa11' as ParticipantId, name: 'Ana', team: 'Inside Sales' });
  recordParticipant(board, { id: 'bb22bb22' as ParticipantId, name: 'Ben', team: 'Field Sales' });
  const lead = addTerm(board, { name: 'Qualified lead' });
  const churn = addTerm(board, { name: 'Churn' });
  // An earlier check, agreed: Inside Sales had reservations, Field Sales agreed fully.
  recordDecision(facilitation, `term:${lead}`, Date.parse('2026-12-01T10:00:00Z'), { full: 1, reservations: 1 }, undefined, { 'Inside Sales': { reservations: 1 }, 'Field Sales': { full: 1 } });
  // The current check: Inside Sales blocks.
  const session = openConsensus(facilitation, `term:${churn}`);
  setAnswer(board, session, 'aa11aa11', { level: 'block', reason: '' });
  setAnswer(board, session, 'bb22bb22', { level: 'full', reason: '' });
  return { board, facilitation };
}

const text = (el: HTMLElement, label: string) => [...el.querySelectorAll(`[aria-label="${label}"] > li`)].map((li) => li.textContent);

describe('consensus by team', () => {
  it('every team: the current check per team, and each agreed item with its split by team', () => {
    const { board, facilitation } = workshop();
    const el = mount(board, facilitation, null);
    expect(text(el, 'Consensus answers by team')).toEqual(['Field Sales (1): Fully agree 1', 'Inside Sales (1): Block 1']);
    const [past] = text(el, 'Agreed items and their consensus');
    expect(past).toContain('Term Qualified lead');
    expect(past).toContain('Fully agree 1 · Agree with reservations 1');
    expect(el.querySelector('[data-testid="decision-by-team"]')?.textContent).toBe('Field Sales: Fully agree 1; Inside Sales: Agree with reservations 1');
  });

  it('one team: only its answers, now and in earlier checks; never a name', () => {
    const { board, facilitation } = workshop();
    const el = mount(board, facilitation, 'Inside Sales');
    expect(text(el, 'Consensus answers by team')).toEqual(['Inside Sales (1): Block 1']);
    const [past] = text(el, 'Agreed items and their consensus');
    expect(past).toContain('Agree with reservations 1');
    expect(past).not.toContain('Fully agree');
    expect(el.textContent).toContain('Agreed items: as Inside Sales answered');
    expect(el.textContent).not.toMatch(/Ana|Ben/);
  });

  it('a team that did not answer is said so', () => {
    const { board, facilitation } = workshop();
    const el = mount(board, facilitation, 'Marketing');
    expect(el.textContent).toContain('Nobody of Marketing answered this check.');
    expect(text(el, 'Consensus answers by team')).toEqual([]);
  });
});
