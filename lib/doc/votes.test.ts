import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeDot, readBallots, voteProgress } from './votes';

describe('vote progress', () => {
  const person = (id: string, role: string | null, isSelf = false) => ({ id, role, isSelf });
  it('counts every participant present, the viewer included, once each', () => {
    const people = [person('me', null, true), person('ana', 'participant'), person('ana', 'participant'), person('fran', 'facilitator')];
    expect(voteProgress(people, 'participant', new Set())).toEqual({ done: 0, total: 2 });
    expect(voteProgress(people, 'participant', new Set(['me']))).toEqual({ done: 1, total: 2 });
  });
  it('counts a facilitator only once they have voted, and never a projector', () => {
    const people = [person('fran', null, true), person('ana', 'participant'), person('proj', 'projector')];
    expect(voteProgress(people, 'facilitator', new Set(['ana']))).toEqual({ done: 1, total: 1 });
    expect(voteProgress(people, 'facilitator', new Set(['ana', 'fran']))).toEqual({ done: 2, total: 2 });
  });
});

describe('changeDot', () => {
  const session = { id: 'v1', items: ['step:a', 'step:b', 'step:c'], dots: 2, stack: false };
  it('two quick taps both count: each starts from the stored ballot, not from a stale screen', () => {
    const doc = new Y.Doc();
    changeDot(doc, session, 'ana', 'step:a', 1);
    changeDot(doc, session, 'ana', 'step:b', 1);
    expect(readBallots(doc, 'v1').get('ana')).toEqual(['step:a', 'step:b']);
    // The rules hold: no third dot, no second dot on one item without stacking, unknown items ignored.
    changeDot(doc, session, 'ana', 'step:c', 1);
    changeDot(doc, { ...session, dots: 3 }, 'ana', 'step:a', 1);
    changeDot(doc, { ...session, dots: 3 }, 'ana', 'step:x', 1);
    expect(readBallots(doc, 'v1').get('ana')).toEqual(['step:a', 'step:b']);
    changeDot(doc, session, 'ana', 'step:a', -1);
    changeDot(doc, session, 'ana', 'step:c', -1);
    expect(readBallots(doc, 'v1').get('ana')).toEqual(['step:b']);
  });
});
