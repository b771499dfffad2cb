import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAlias, addTerm } from '../doc/glossary';
import { recordParticipant } from '../doc/participants';
import type { TermId, TermRecord } from '../doc/schema';
import type { ParticipantId } from '../presence';
import { createTeamVocabularyStore } from '../sync/glossary-store';
import { NO_TEAM_COLUMN, teamVocabulary } from './vocabulary';

const term = (id: string, name: string, aliases: Array<[text: string, team: string]>): Pick<TermRecord, 'id' | 'name' | 'aliases'> => ({
  id: id as TermId,
  name,
  aliases: aliases.map(([text, team], i) => ({ id: `${id}-${i}`, text, team })),
});

describe('teamVocabulary', () => {
  it('has a column for every team present — participants’ teams too — and one for aliases without a team, last', () => {
    const v = teamVocabulary([term('t1', 'Opportunity', [['Deal', 'East'], ['Opp', 'West'], ['Chance', '']]), term('t2', 'Lead', [])], ['North', '', ' East ']);
    expect(v.columns).toEqual(['East', 'North', 'West', NO_TEAM_COLUMN]);
    expect(v.rows).toEqual([
      { id: 't1', term: 'Opportunity', words: { East: ['Deal'], West: ['Opp'], [NO_TEAM_COLUMN]: ['Chance'] } },
      { id: 't2', term: 'Lead', words: {} },
    ]);
  });

  it('keeps every alias of a team, in order, and has no extra column when every alias has a team', () => {
    const v = teamVocabulary([term('t1', 'Invoice', [['Bill', 'Finance'], ['Statement', 'Finance']])], []);
    expect(v.columns).toEqual(['Finance']);
    expect(v.rows[0]!.words).toEqual({ Finance: ['Bill', 'Statement'] });
  });

  it('is empty without terms and teams', () => {
    expect(teamVocabulary([], [])).toEqual({ columns: [], rows: [] });
  });
});

describe('createTeamVocabularyStore', () => {
  it('follows the glossary and who joined', () => {
    const doc = new Y.Doc();
    const store = createTeamVocabularyStore(doc);
    let changes = 0;
    const off = store.subscribe(() => changes++);
    expect(store.getSnapshot()).toEqual({ columns: [], rows: [] });
    const id = addTerm(doc, { name: 'Opportunity' });
    addAlias(doc, id, { text: 'Deal', team: '' });
    expect(store.getSnapshot().columns).toEqual([NO_TEAM_COLUMN]);
    expect(store.getSnapshot().rows.map((r) => r.words)).toEqual([{ [NO_TEAM_COLUMN]: ['Deal'] }]);
    const before = changes;
    recordParticipant(doc, { id: 'p1' as ParticipantId, name: 'Ana', team: 'East' });
    expect(changes).toBeGreaterThan(before);
    expect(store.getSnapshot().columns).toEqual(['East', NO_TEAM_COLUMN]);
    // The same snapshot until something changes (useSyncExternalStore needs that).
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    off();
  });
});
