import { describe, expect, it } from 'vitest';
import { WALL, dropTarget, laneOrder, layoutWall, nextLooseSpot } from './layout';

const steps = [
  { id: 'a', ownerRole: 'Sales rep' },
  { id: 'b', ownerRole: '' },
  { id: 'c', ownerRole: 'sales  REP' },
  { id: 'd', ownerRole: 'Finance' },
];
const notes = [
  { id: 'n1', stepId: 'a', x: 0, y: 0 },
  { id: 'n2', stepId: 'a', x: 0, y: 0 },
  { id: 'n3', stepId: 'c', x: 0, y: 0 },
  { id: 'loose', stepId: '', x: -600, y: 30 },
  { id: 'orphan', stepId: 'deleted-step', x: 0, y: 0 },
];

describe('the wall layout', () => {
  it('puts steps left to right in process order, notes under their step in order, loose notes where they were left', () => {
    const layout = layoutWall(steps, notes, { lanes: false });
    const xs = layout.steps.map((s) => s.card.x);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(new Set(layout.steps.map((s) => s.card.y))).toEqual(new Set([0]));
    const [n1, n2] = ['n1', 'n2'].map((id) => layout.notes.find((n) => n.id === id)!);
    expect(n1!.rect.y).toBeGreaterThan(WALL.cardHeight);
    expect(n2!.rect.y).toBeGreaterThan(n1!.rect.y + n1!.rect.height);
    expect(layout.notes.find((n) => n.id === 'loose')!.rect).toMatchObject({ x: -600, y: 30 });
    // A note whose step was deleted is not drawn.
    expect(layout.notes.some((n) => n.id === 'orphan')).toBe(false);
    // Fit shows the loose note too.
    expect(layout.bounds.x).toBe(-600);
  });

  it('swimlanes: one lane per owner role in order of first appearance (matched without case), unassigned last', () => {
    expect(laneOrder(steps).map((l) => l.label)).toEqual(['Sales rep', 'Finance', 'Unassigned']);
    const layout = layoutWall(steps, notes, { lanes: true });
    const laneOf = (id: string) => layout.steps.find((s) => s.id === id)!.lane;
    expect([laneOf('a'), laneOf('b'), laneOf('c'), laneOf('d')]).toEqual([0, 2, 0, 1]);
    for (const step of layout.steps) {
      const lane = layout.lanes[step.lane]!.rect;
      expect(step.column.y).toBeGreaterThanOrEqual(lane.y);
      expect(step.column.y + step.column.height).toBeLessThanOrEqual(lane.y + lane.height);
    }
    // Columns stay in process order across lanes.
    expect(layout.steps.map((s) => s.card.x)).toEqual([...layout.steps.map((s) => s.card.x)].sort((p, q) => p - q));
  });

  it('a note dropped over a column joins that step at the place its centre points to; elsewhere it is loose', () => {
    const layout = layoutWall(steps, notes, { lanes: false });
    const a = layout.steps[0]!;
    const n1 = layout.notes.find((n) => n.id === 'n1')!;
    // Just above n1's centre: first place.
    expect(dropTarget(layout, 'loose', { x: a.card.x, y: n1.rect.y - WALL.noteHeight / 2 - 5 })).toEqual({ kind: 'step', stepId: 'a', index: 0 });
    // Below everything in column a (within the slack): last place.
    expect(dropTarget(layout, 'loose', { x: a.card.x, y: a.column.y + a.column.height })).toEqual({ kind: 'step', stepId: 'a', index: 2 });
    // The dragged note itself does not count: n1 dropped below n2 is index 1.
    expect(dropTarget(layout, 'n1', { x: a.card.x, y: a.column.y + a.column.height })).toEqual({ kind: 'step', stepId: 'a', index: 1 });
    // Over column d's card.
    const d = layout.steps[3]!;
    expect(dropTarget(layout, 'loose', { x: d.card.x + 10, y: 0 })).toEqual({ kind: 'step', stepId: 'd', index: 0 });
    // Far below every column, or left of the steps: loose, where it was dropped.
    expect(dropTarget(layout, 'n1', { x: a.card.x, y: 5000 })).toEqual({ kind: 'loose', x: a.card.x, y: 5000 });
    expect(dropTarget(layout, 'n1', { x: -700.6, y: 10 })).toEqual({ kind: 'loose', x: -701, y: 10 });
  });

  it('new loose notes go to free spots in the brain-dump area, left of the steps', () => {
    let layout = layoutWall(steps, [], { lanes: false });
    const spots = [];
    const placed = [];
    for (let i = 0; i < 5; i++) {
      const spot = nextLooseSpot(layout);
      spots.push(spot);
      placed.push({ id: `l${i}`, stepId: '', ...spot });
      layout = layoutWall(steps, placed, { lanes: false });
    }
    expect(new Set(spots.map((s) => `${s.x},${s.y}`)).size).toBe(5);
    for (const spot of spots) {
      expect(spot.x + WALL.noteWidth).toBeLessThan(0);
      expect(dropTarget(layout, 'x', spot).kind).toBe('loose');
    }
  });
});
