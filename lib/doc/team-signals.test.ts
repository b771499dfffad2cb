import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStep } from './process';
import { recordParticipant, listParticipants } from './participants';
import { setFlag, summarizeFlags } from './signals';
import { consensusByTeam, flagTeams, flagsOfTeam } from './team-signals';
import { readAnswers, setAnswer } from './votes';
import type { ParticipantId } from '../presence';

describe('signals by team', () => {
  it('only Inside Sales finds step 2 unclear: the heat map filtered by team says so', () => {
    const doc = new Y.Doc();
    const [s1, s2] = [addStep(doc, { title: 'Qualify' }), addStep(doc, { title: 'Propose' })];
    setFlag(doc, { kind: 'step', id: s2 }, 'tok1', 'Inside Sales', true);
    setFlag(doc, { kind: 'step', id: s2 }, 'tok2', 'Inside Sales', true);
    setFlag(doc, { kind: 'step', id: s1 }, 'tok3', 'Field Sales', true);
    setFlag(doc, { kind: 'step', id: s1 }, 'tok4', '', true);
    const flags = summarizeFlags(doc);
    expect(flagTeams(flags)).toEqual(['Field Sales', 'Inside Sales', '']);
    expect(flagsOfTeam(flags, 'Inside Sales').map((f) => [f.item.id, f.count])).toEqual([[s2, 2]]);
    expect(flagsOfTeam(flags, 'Field Sales').map((f) => [f.item.id, f.count])).toEqual([[s1, 1]]);
    expect(flagsOfTeam(flags, 'Marketing')).toEqual([]);
  });

  it('consensus answers split by the team of who gave them', () => {
    const doc = new Y.Doc();
    recordParticipant(doc, { id: 'aa11aa11' as ParticipantId, name: 'Ana', team: 'East' });
    recordParticipant(doc, { id: 'bb22bb22' as ParticipantId, name: 'Ben', team: 'West' });
    setAnswer(doc, 's1', 'aa11aa11', { level: 'full', reason: '' });
    setAnswer(doc, 's1', 'bb22bb22', { level: 'block', reason: 'Not our process' });
    setAnswer(doc, 's1', 'cc33cc33', { level: 'full', reason: '' });
    const teams = new Map(listParticipants(doc).map((p) => [p.id, p.team]));
    const split = consensusByTeam(readAnswers(doc, 's1'), (id) => teams.get(id) ?? '');
    expect([...split.entries()].map(([team, r]) => [team, Object.fromEntries([...r.counts].filter(([, n]) => n > 0)), r.total])).toEqual([
      ['East', { full: 1 }, 1],
      ['West', { block: 1 }, 1],
      ['', { full: 1 }, 1],
    ]);
  });
});
