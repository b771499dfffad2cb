import { describe, expect, it } from 'vitest';
import type { ConsensusSession, VoteSession } from '../doc/sessions';
import { describeFacilitationChange } from './facilitation-events';

const vote = (status: VoteSession['status'], id = 'v1'): VoteSession => ({ id, title: 'Biggest pain', items: [], dots: 3, stack: false, status });
const check = (status: ConsensusSession['status'], id = 'c1'): ConsensusSession => ({ id, item: 'term:t1', status });
const state = (s: { vote?: VoteSession | null; consensus?: ConsensusSession | null; locks?: string[] } = {}) => ({
  vote: s.vote ?? null,
  consensus: s.consensus ?? null,
  locks: new Set(s.locks ?? []),
});
const label = (key: string) => (key === 'term:t1' ? 'Term Lead' : `Item ${key}`);
const said = (a: ReturnType<typeof state>, b: ReturnType<typeof state>) => describeFacilitationChange(a, b, label);

describe('what the facilitator did, in words for everyone', () => {
  it('votes: opened, revealed, closed; a second vote in a row is a new opening', () => {
    expect(said(state(), state({ vote: vote('open') }))).toEqual(['A vote has opened: Biggest pain.']);
    expect(said(state({ vote: vote('open') }), state({ vote: vote('revealed') }))).toEqual(['The results of the vote “Biggest pain” are revealed.']);
    expect(said(state({ vote: vote('revealed') }), state({ vote: vote('closed') }))).toEqual(['The vote “Biggest pain” is closed.']);
    expect(said(state({ vote: vote('closed') }), state({ vote: vote('open', 'v2') }))).toEqual(['A vote has opened: Biggest pain.']);
    // A question keeps its own mark: no "?." at the end.
    expect(said(state(), state({ vote: { ...vote('open'), title: 'Where do we lose most deals?' } }))).toEqual(['A vote has opened: Where do we lose most deals?']);
    const untitled = { ...vote('open'), title: '' };
    expect(said(state({ vote: untitled }), state({ vote: { ...untitled, status: 'revealed' } }))).toEqual(['The results of the vote are revealed.']);
    expect(said(state({ vote: untitled }), state())).toEqual(['The vote is closed.']);
  });

  it('consensus: opened, shown, agreed and locked in one change or closed without agreement', () => {
    expect(said(state(), state({ consensus: check('open') }))).toEqual(['Consensus check: Term Lead.']);
    expect(said(state({ consensus: check('open') }), state({ consensus: check('revealed') }))).toEqual(['The consensus results on Term Lead are shown to everyone.']);
    expect(said(state({ consensus: check('open') }), state({ consensus: check('closed'), locks: ['term:t1'] }))).toEqual(['Term Lead is agreed and locked.']);
    expect(said(state({ consensus: check('open') }), state({ consensus: check('closed') }))).toEqual(['The consensus check on Term Lead was closed without agreement.']);
  });

  it('locks and reopening outside a consensus check; nothing to say when nothing changed', () => {
    expect(said(state(), state({ locks: ['metric:m1'] }))).toEqual(['Item metric:m1 is agreed and locked.']);
    expect(said(state({ locks: ['term:t1'] }), state())).toEqual(['Term Lead was reopened.']);
    expect(said(state({ vote: vote('open'), consensus: check('open'), locks: ['x'] }), state({ vote: vote('open'), consensus: check('open'), locks: ['x'] }))).toEqual([]);
  });
});
