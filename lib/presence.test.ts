import { describe, expect, it } from 'vitest';
import { colorFor, groupByTeam, listPresence, presenceStateFor, type ParticipantId } from './presence';
import { loadIdentity, saveIdentity } from './identity';
import { forgetWorkshop, listRemembered, rememberWorkshop } from './workshop-memory';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

const id = (s: string) => s as ParticipantId;

describe('presence', () => {
  it('gives the same colour for the same id', () => {
    expect(colorFor('abc')).toBe(colorFor('abc'));
    expect(colorFor('abc')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('lists people once per participant id, sorted, with roles and self', () => {
    const states = new Map<number, unknown>([
      [1, { ...presenceStateFor({ id: id('p1'), name: 'Zoe', team: 'East' }), role: 'participant' }],
      [2, { ...presenceStateFor({ id: id('p2'), name: 'Adam', team: '' }), role: 'facilitator' }],
      [3, { ...presenceStateFor({ id: id('p1'), name: 'Zoe', team: 'East' }), role: 'participant' }],
      [4, { garbage: true }],
      [5, null],
    ]);
    const people = listPresence(states, 3);
    expect(people.map((p) => [p.name, p.role, p.isSelf])).toEqual([
      ['Adam', 'facilitator', false],
      ['Zoe', 'participant', true],
    ]);
  });

  it('groups by team with "no team" last', () => {
    const states = new Map<number, unknown>([
      [1, presenceStateFor({ id: id('a'), name: 'A', team: 'West' })],
      [2, presenceStateFor({ id: id('b'), name: 'B', team: '' })],
      [3, presenceStateFor({ id: id('c'), name: 'C', team: 'East' })],
      [4, presenceStateFor({ id: id('d'), name: 'D', team: 'East' })],
    ]);
    const groups = groupByTeam(listPresence(states, 0));
    expect(groups.map((g) => [g.team, g.people.map((p) => p.name)])).toEqual([
      ['East', ['C', 'D']],
      ['West', ['A']],
      ['', ['B']],
    ]);
  });
});

describe('identity', () => {
  it('keeps the participant id stable when name and team change', () => {
    const storage = memoryStorage();
    expect(loadIdentity(storage)).toBeNull();
    const first = saveIdentity(storage, { name: '  Ana  ', team: 'Team East' });
    expect(first.name).toBe('Ana');
    const second = saveIdentity(storage, { name: 'Ana M', team: '' });
    expect(second.id).toBe(first.id);
    expect(loadIdentity(storage)).toEqual({ id: first.id, name: 'Ana M', team: '' });
  });

  it('refuses an empty name and ignores a corrupt entry', () => {
    const storage = memoryStorage();
    expect(() => saveIdentity(storage, { name: '   ', team: '' })).toThrow(/name/);
    storage.setItem('cg:identity', '{not json');
    expect(loadIdentity(storage)).toBeNull();
  });
});

describe('remembered workshops', () => {
  it('remembers, merges links, sorts by last visit and forgets', () => {
    const storage = memoryStorage();
    rememberWorkshop(storage, { id: 'w1', title: 'One', links: { facilitator: 'f1' } }, 1);
    rememberWorkshop(storage, { id: 'w2', title: 'Two', links: { participant: 'p2' } }, 2);
    rememberWorkshop(storage, { id: 'w1', links: { participant: 'p1' } }, 3);
    const list = listRemembered(storage);
    expect(list.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(list[0]).toMatchObject({ title: 'One', links: { facilitator: 'f1', participant: 'p1' } });
    expect(forgetWorkshop(storage, 'w1').map((w) => w.id)).toEqual(['w2']);
  });
});

describe('pointers on the wall', () => {
  it('lists others’ pointers with finite positions, never the projector’s or one’s own, skipping malformed states', async () => {
    const { listPointers } = await import('./presence');
    const user = (id: string, name: string) => ({ id, name, team: '', color: '#1d4ed8' });
    const states = new Map<number, unknown>([
      [1, { user: user('a', 'Ana'), pointer: { x: 10, y: -20 } }],
      [2, { user: user('b', 'Ben'), pointer: { x: 5, y: 5 } }],
      [3, { user: user('c', 'Cleo'), role: 'projector', pointer: { x: 1, y: 1 } }],
      [4, { user: user('d', 'Dan'), pointer: { x: 'far', y: 1 } }],
      [5, { user: user('e', 'Eve'), pointer: { x: Number.POSITIVE_INFINITY, y: 1 } }],
      [6, { user: user('f', 'Fay'), pointer: null }],
      [7, { pointer: { x: 1, y: 1 } }],
    ]);
    expect(listPointers(states, 2)).toEqual([{ clientId: 1, name: 'Ana', color: '#1d4ed8', x: 10, y: -20 }]);
  });
});
