import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, listAgenda } from '../../lib/doc/agenda';
import { listLocks, setLock } from '../../lib/doc/locks';
import { getFocus, getVote, openVote, setFocus, setVoteStatus } from '../../lib/doc/sessions';
import { getTimer, timerActions } from '../../lib/doc/timer';
import { castBallot, readBallots, tallyVote } from '../../lib/doc/votes';
import { connectProvider, createWorkshop, eventually, readDoc, startInProcess, testConfig, whenSynced } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

describe('facilitator authority, enforced by the server', () => {
  it('a participant changing the agenda, timer, focus, vote or a lock changes nothing for anyone', async () => {
    const w = await createWorkshop(server.origin);
    const facilitator = connectProvider(server.origin, w, 'facilitator', 'facilitation');
    const participant = connectProvider(server.origin, w, 'participant', 'facilitation');
    const watcher = connectProvider(server.origin, w, 'projector', 'facilitation');
    await Promise.all([whenSynced(facilitator.provider), whenSynced(participant.provider), whenSynced(watcher.provider)]);
    addAgendaItem(facilitator.doc, { title: 'Agree the stages', minutes: 20 });
    const voteId = openVote(facilitator.doc, { title: 'Pains', items: ['step:a'], dots: 3, stack: false });
    await eventually(() => expect(getVote(participant.doc)?.id).toBe(voteId));

    // The participant's client writes to its own copy; the server must drop every change.
    addAgendaItem(participant.doc, { title: 'Hijacked', minutes: 1 });
    timerActions.start(participant.doc, Date.now(), 60_000);
    setFocus(participant.doc, 'glossary');
    setVoteStatus(participant.doc, 'revealed');
    setLock(participant.doc, 'term:x', true);
    // A later facilitator change reaches a watcher, so the participant's writes (sent before)
    // have been handled by the server by then. (The participant's own copy keeps its local
    // edits: the server drops them, it does not undo them in the offending client.)
    setFocus(facilitator.doc, 'metrics');
    await eventually(() => expect(getFocus(watcher.doc)).toBe('metrics'));

    for (const doc of [facilitator.doc, watcher.doc, await readDoc(server.origin, w, 'projector', 'facilitation')]) {
      expect(listAgenda(doc).map((a) => a.title)).toEqual(['Agree the stages']);
      expect(getTimer(doc).status).toBe('idle');
      expect(getFocus(doc)).toBe('metrics');
      expect(getVote(doc)?.status).toBe('open');
      expect(listLocks(doc).size).toBe(0);
    }
    facilitator.destroy();
    participant.destroy();
    watcher.destroy();
  });

  it('crafted ballots count at most N dots per person', async () => {
    const w = await createWorkshop(server.origin);
    const facilitator = connectProvider(server.origin, w, 'facilitator', 'facilitation');
    const voter = connectProvider(server.origin, w, 'participant', 'board');
    await Promise.all([whenSynced(facilitator.provider), whenSynced(voter.provider)]);
    openVote(facilitator.doc, { title: 'Top', items: ['step:a', 'step:b'], dots: 2, stack: true });
    const session = getVote(facilitator.doc)!;
    // Bypassing the UI: one ballot with 40 dots, and a raw map write with 40 more.
    castBallot(voter.doc, session.id, 'p1', Array(40).fill('step:a'));
    voter.doc.getMap<string>('ballots').set(`${session.id}#p2`, JSON.stringify(Array(40).fill('step:b')));
    await eventually(async () => expect(readBallots(await readDoc(server.origin, w), session.id).size).toBe(2));
    const tally = tallyVote(session, readBallots(await readDoc(server.origin, w), session.id));
    expect(Object.fromEntries(tally.counts)).toEqual({ 'step:a': 2, 'step:b': 2 });
    facilitator.destroy();
    voter.destroy();
  });
});
