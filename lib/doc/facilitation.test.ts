import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { remainingMs } from '../clock';
import { addAgendaItem, deleteAgendaItem, getCurrentItemId, listAgenda, moveAgendaItem, scheduleDeltaMs, setCurrentItem, spentMs, stepAgenda } from './agenda';
import { listLocks, setLock } from './locks';
import { getConsensus, getFocus, getVote, openConsensus, openVote, setVoteStatus } from './sessions';
import { getTimer, timerActions } from './timer';
import { CONSENSUS_LEVELS, aggregateConsensus, castBallot, readAnswers, readBallots, setAnswer, tallyVote, validDots } from './votes';

const MIN = 60_000;
/** Server times are epoch milliseconds. */
const T0 = 1_800_000_000_000;

describe('agenda', () => {
  it('adds, reorders and steps through items, booking actual time and starting timeboxes', () => {
    const doc = new Y.Doc();
    const intro = addAgendaItem(doc, { title: 'Intro', minutes: 10, focus: 'process' });
    const terms = addAgendaItem(doc, { title: 'Terms', minutes: 20, focus: 'glossary' });
    const wrap = addAgendaItem(doc, { title: 'Wrap-up', minutes: 5 });
    moveAgendaItem(doc, wrap, 0);
    moveAgendaItem(doc, wrap, 2);
    expect(listAgenda(doc).map((a) => a.title)).toEqual(['Intro', 'Terms', 'Wrap-up']);

    stepAgenda(doc, 1, T0, { startTimebox: true });
    expect(getCurrentItemId(doc)).toBe(intro);
    expect(getFocus(doc)).toBe('process');
    expect(remainingMs(getTimer(doc), T0)).toBe(10 * MIN);

    stepAgenda(doc, 1, T0 + 12 * MIN, { startTimebox: true }); // two minutes over on Intro
    expect(getCurrentItemId(doc)).toBe(terms);
    expect(getFocus(doc)).toBe('glossary');
    expect(listAgenda(doc)[0]!.actualMs).toBe(12 * MIN);
    expect(scheduleDeltaMs(listAgenda(doc), terms, T0 + 12 * MIN)).toBe(2 * MIN); // behind
    expect(scheduleDeltaMs(listAgenda(doc), terms, T0 + 40 * MIN)).toBe(2 * MIN + 8 * MIN); // Terms overran too

    stepAgenda(doc, -1, T0 + 20 * MIN);
    expect(getCurrentItemId(doc)).toBe(intro);
    expect(spentMs(listAgenda(doc)[0]!, T0 + 25 * MIN)).toBe(12 * MIN + 5 * MIN);
    deleteAgendaItem(doc, intro);
    expect(getCurrentItemId(doc)).toBeNull();
    setCurrentItem(doc, wrap, T0 + 30 * MIN);
    expect(scheduleDeltaMs(listAgenda(doc), wrap, T0 + 31 * MIN)).toBe(8 * MIN - 20 * MIN); // ahead on Terms
  });

  it('drives the timer: start, pause, add time, reset', () => {
    const doc = new Y.Doc();
    timerActions.start(doc, 1000, 5 * MIN);
    timerActions.pause(doc, 1000 + MIN);
    expect(getTimer(doc)).toMatchObject({ status: 'paused', remainingMs: 4 * MIN });
    timerActions.add(doc, MIN, 1000 + MIN);
    timerActions.start(doc, 10 * MIN);
    expect(remainingMs(getTimer(doc), 10 * MIN)).toBe(5 * MIN);
    timerActions.reset(doc);
    expect(getTimer(doc)).toEqual({ status: 'idle', totalMs: 6 * MIN });
  });
});

describe('votes', () => {
  const session = { id: 'v', title: 'Pain points', items: ['step:a', 'step:b', 'term:c'], dots: 3, stack: false, status: 'open' as const };

  it('counts at most N dots per person and one per item without stacking, whatever was stored', () => {
    expect(validDots(session, ['step:a', 'step:a', 'step:b', 'nope', 'term:c', 'step:b'])).toEqual(['step:a', 'step:b', 'term:c']);
    expect(validDots({ ...session, stack: true, dots: 2 }, ['step:a', 'step:a', 'step:a'])).toEqual(['step:a', 'step:a']);
    const board = new Y.Doc();
    castBallot(board, 'v', 'p1', ['step:a', 'step:b']);
    castBallot(board, 'v', 'p2', Array(50).fill('step:a')); // a crafted ballot
    castBallot(board, 'v', 'p1', ['step:a', 'step:b', 'term:c']); // a participant changes their dots
    castBallot(board, 'other', 'p3', ['step:a']);
    const tally = tallyVote(session, readBallots(board, 'v'));
    expect(Object.fromEntries(tally.counts)).toEqual({ 'step:a': 2, 'step:b': 1, 'term:c': 1 });
    expect(tally.voters).toBe(2);
    expect([...tally.doneVoters]).toEqual(['p1']);
  });

  it('a rejoining participant keeps one ballot', () => {
    const board = new Y.Doc();
    castBallot(board, 'v', 'p1', ['step:a']);
    castBallot(board, 'v', 'p1', ['step:a']);
    expect(tallyVote(session, readBallots(board, 'v')).counts.get('step:a')).toBe(1);
  });

  it('keeps vote and consensus sessions in the facilitation document', () => {
    const doc = new Y.Doc();
    const id = openVote(doc, { title: 'Top pains', items: ['step:a'], dots: 99, stack: true });
    expect(getVote(doc)).toEqual({ id, title: 'Top pains', items: ['step:a'], dots: 20, stack: true, status: 'open' });
    setVoteStatus(doc, 'revealed');
    expect(getVote(doc)?.status).toBe('revealed');
    const c = openConsensus(doc, 'term:t1');
    expect(getConsensus(doc)).toEqual({ id: c, item: 'term:t1', status: 'open' });
    setLock(doc, 'term:t1', true);
    setLock(doc, 'bogus', true);
    expect([...listLocks(doc)]).toEqual(['term:t1']);
    setLock(doc, 'term:t1', false);
    expect(listLocks(doc).size).toBe(0);
  });
});

describe('consensus', () => {
  it('aggregates answers on the gradient, one per person, with reasons', () => {
    const board = new Y.Doc();
    setAnswer(board, 's', 'p1', { level: 'full', reason: '' });
    setAnswer(board, 's', 'p2', { level: 'block', reason: 'Misses renewals' });
    setAnswer(board, 's', 'p2', { level: 'discuss', reason: 'Renewals?' });
    board.getMap<string>('answers').set('s#p3', '{"level":"hacked"}');
    const result = aggregateConsensus(readAnswers(board, 's'));
    expect(result.total).toBe(2);
    expect(result.counts.get('full')).toBe(1);
    expect(result.counts.get('discuss')).toBe(1);
    expect(result.counts.get('block')).toBe(0);
    expect(result.reasons).toEqual([{ level: 'discuss', reason: 'Renewals?' }]);
    expect(CONSENSUS_LEVELS.map((l) => l.label)).toContain("I don't understand yet");
  });
});
