import { describe, expect, it } from 'vitest';
import { voteProgress } from './votes';

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
