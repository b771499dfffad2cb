import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStep } from './process';
import { recordParticipant, listParticipants } from './participants';
import { setFlag, summarizeFlags } from './signals';
import { FACILITATION_SHAPE } from './schema';
import { listDecisions, recordDecision } from './sessions';
import { consensusByTeam, countsByTeam, decisionCounts, flagTeams, flagsOfTeam, signalTeams } from './team-signals';
import { validateUpdate } from './validate-update';
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

  it('a decision keeps its consensus split by team, so an earlier check can be filtered by team', () => {
    const board = new Y.Doc();
    recordParticipant(board, { id: 'aa11aa11' as ParticipantId, name: 'Ana', team: 'Inside Sales' });
    recordParticipant(board, { id: 'bb22bb22' as ParticipantId, name: 'Ben', team: 'Field Sales' });
    recordParticipant(board, { id: 'cc33cc33' as ParticipantId, name: 'Cy', team: 'Field Sales' });
    setAnswer(board, 's1', 'aa11aa11', { level: 'reservations', reason: 'Only in our territory' });
    setAnswer(board, 's1', 'bb22bb22', { level: 'full', reason: '' });
    setAnswer(board, 's1', 'cc33cc33', { level: 'full', reason: '' });
    const teams = new Map(listParticipants(board).map((p) => [p.id, p.team]));
    const byTeam = countsByTeam(consensusByTeam(readAnswers(board, 's1'), (id) => teams.get(id) ?? ''));
    expect(byTeam).toEqual({ 'Field Sales': { full: 2 }, 'Inside Sales': { reservations: 1 } });

    // Written as the facilitator's client writes it; the server's validator accepts it.
    const facilitation = new Y.Doc();
    const server = new Y.Doc();
    facilitation.on('update', (update: Uint8Array) => {
      expect(validateUpdate(server, update, FACILITATION_SHAPE)).toEqual({ ok: true });
      Y.applyUpdate(server, update);
    });
    recordDecision(facilitation, 'term:t1', 5, { full: 2, reservations: 1 }, undefined, byTeam);
    recordDecision(facilitation, 'step:s0', 1, { full: 1 });
    const decisions = listDecisions(server);
    expect(decisions.map((d) => [d.item, d.byTeam])).toEqual([
      ['step:s0', undefined],
      ['term:t1', { 'Field Sales': { full: 2 }, 'Inside Sales': { reservations: 1 } }],
    ]);
    // Never names: who answered is not in the record.
    expect(JSON.stringify(decisions)).not.toMatch(/Ana|Ben|Cy|aa11aa11/);
    expect(signalTeams([], [], decisions)).toEqual(['Field Sales', 'Inside Sales']);
    const [older, agreed] = decisions as [(typeof decisions)[0], (typeof decisions)[0]];
    expect(decisionCounts(agreed, 'Inside Sales')).toEqual({ reservations: 1 });
    expect(decisionCounts(agreed, 'Marketing')).toBeNull();
    expect(decisionCounts(agreed, null)).toEqual({ full: 2, reservations: 1 });
    // Recorded before teams were kept: the whole room only.
    expect(decisionCounts(older, 'Inside Sales')).toBeNull();
  });

  it('the teams to filter by come from flags, the current check and past decisions; a decision keeps at most 24 teams', () => {
    const doc = new Y.Doc();
    setFlag(doc, { kind: 'step', id: 's1' }, 'tok1', 'Support', true);
    expect(signalTeams(summarizeFlags(doc), ['Marketing', ''], [{ byTeam: { Finance: { full: 1 } } }])).toEqual(['Finance', 'Marketing', 'Support', '']);

    const facilitation = new Y.Doc();
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Team ${String(i).padStart(2, '0')} ${'x'.repeat(60)}`, { full: i + 1, block: 1 }]));
    recordDecision(facilitation, 'term:t1', 1, { full: 820, block: 40 }, undefined, many);
    const kept = listDecisions(facilitation)[0]!.byTeam!;
    expect(Object.keys(kept)).toHaveLength(24);
    // The largest teams are kept, each name cut to the team limit.
    expect(kept['Team 39 ' + 'x'.repeat(52)]).toEqual({ full: 40, block: 1 });
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(facilitation), FACILITATION_SHAPE)).toEqual({ ok: true });
  });
});
