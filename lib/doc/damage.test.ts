import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildHandbook, handbookToMarkdown, metricsToCsv } from '../export/handbook';
import { fixtureWorkshop } from '../export/fixture';
import { listAgenda } from './agenda';
import { findDamaged, removeDamaged } from './damage';
import { listTerms } from './glossary';
import { listMetrics } from './metrics';
import { listSteps, listStickies } from './process';
import { BOARD_SHAPE, BoardRoot, FACILITATION_SHAPE, FacilitationRoot } from './schema';
import { listParking } from './signals';
import { getVote } from './sessions';
import { getTimer } from './timer';

/** What a crafted update wrote before the server checked shapes: a wrong type in every collection. */
function damage(board: Y.Doc, facilitation: Y.Doc): void {
  board.getMap(BoardRoot.steps).set('zzz', 'not a map');
  board.getMap(BoardRoot.stickies).set('zzz', 42);
  board.getMap(BoardRoot.metrics).set('zzz', 'not a map');
  board.getMap(BoardRoot.terms).set('zzz', new Y.Array());
  board.getMap(BoardRoot.parking).set('zzz', true);
  const term = [...board.getMap<Y.Map<unknown>>(BoardRoot.terms).values()].find((v) => v instanceof Y.Map)!;
  (term.get('aliases') as Y.Map<unknown>).set('bad', 'x');
  term.set('name', 7);
  facilitation.getMap(FacilitationRoot.agenda).set('zzz', 'x');
  facilitation.getMap(FacilitationRoot.facilitation).set('timer', 'x');
  facilitation.getMap(FacilitationRoot.facilitation).set('vote', 5);
}

describe('damaged records', () => {
  it('are skipped by every reader and export, found from the shape, and removed on request', () => {
    const { board, facilitation } = fixtureWorkshop();
    const steps = listSteps(board).length;
    const terms = listTerms(board).length;
    damage(board, facilitation);

    expect(listSteps(board)).toHaveLength(steps);
    expect(listStickies(board).every((s) => typeof s.text === 'string')).toBe(true);
    expect(listTerms(board)).toHaveLength(terms);
    expect(listTerms(board).every((t) => t.aliases.every((a) => typeof a.text === 'string'))).toBe(true);
    expect(listMetrics(board).map((m) => m.id)).not.toContain('zzz');
    expect(listParking(board).map((p) => p.id)).not.toContain('zzz');
    expect(listAgenda(facilitation).map((a) => a.id)).not.toContain('zzz');
    expect(getTimer(facilitation).status).toBe('idle');
    expect(getVote(facilitation)).toBeNull();
    const handbook = buildHandbook(board, facilitation, new Date(0));
    expect(handbookToMarkdown(handbook)).toContain('Qualify');
    expect(metricsToCsv(handbook.metrics)).toContain('Conversion');

    const boardDamage = findDamaged(board, BOARD_SHAPE);
    const facilitationDamage = findDamaged(facilitation, FACILITATION_SHAPE);
    expect(boardDamage).toHaveLength(7);
    expect(boardDamage.map((d) => d.path.join('/'))).toEqual(
      expect.arrayContaining([
        'metrics/zzz',
        'parking/zzz',
        'steps/zzz',
        'stickies/zzz',
        'terms/zzz',
        expect.stringMatching(/^terms\/[^/]+\/aliases\/bad$/),
        expect.stringMatching(/^terms\/[^/]+\/name$/),
      ]),
    );
    expect(facilitationDamage.map((d) => d.path.join('/')).sort()).toEqual(['agenda/zzz', 'facilitation/timer', 'facilitation/vote']);

    removeDamaged(board, boardDamage);
    removeDamaged(facilitation, facilitationDamage);
    expect(findDamaged(board, BOARD_SHAPE)).toEqual([]);
    expect(findDamaged(facilitation, FACILITATION_SHAPE)).toEqual([]);
    expect(listSteps(board)).toHaveLength(steps);
    expect(listTerms(board)).toHaveLength(terms);
  });

  it('an undamaged workshop reports nothing', () => {
    const { board, facilitation } = fixtureWorkshop();
    expect(findDamaged(board, BOARD_SHAPE)).toEqual([]);
    expect(findDamaged(facilitation, FACILITATION_SHAPE)).toEqual([]);
  });
});
