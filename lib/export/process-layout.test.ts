import { describe, expect, it } from 'vitest';
import { NO_OWNER_LANE } from './bpmn-names';
import { PROCESS_LAYOUT, diagramBands, layoutProcess, wrapLabel, type Bounds } from './process-layout';

const steps = (...roles: string[]) => roles.map((ownerRole, i) => ({ title: `Step ${i + 1}`, ownerRole }));
const inside = (inner: Bounds, outer: Bounds) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: Bounds, b: Bounds) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layoutProcess', () => {
  it('puts a start event, one task per step in order and an end event in successive columns, each in its owner role’s lane', () => {
    const layout = layoutProcess(steps('Sales', 'Finance', ' Sales ', '', 'Legal'));
    expect(layout.lanes.map((l) => l.name)).toEqual(['Sales', 'Finance', NO_OWNER_LANE, 'Legal']);
    expect(layout.nodes.map((n) => `${n.kind}:${n.label}:${n.column}:${n.lane}`)).toEqual([
      'start:Start:0:0',
      'task:Step 1:1:0',
      'task:Step 2:2:1',
      'task:Step 3:3:0',
      'task:Step 4:4:2',
      'task:Step 5:5:3',
      'end:End:6:3',
    ]);
    expect(layout.columns).toBe(7);
    expect(layout.nodes.filter((n) => n.kind === 'task').map((n) => n.stepIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.nodes.map((n) => n.id)).toEqual(['StartEvent_1', 'Task_1', 'Task_2', 'Task_3', 'Task_4', 'Task_5', 'EndEvent_1']);
  });

  it('keeps every node inside its lane and every lane inside the pool, without overlaps, left to right', () => {
    const layout = layoutProcess(steps('A', 'B', 'A', 'C', 'B', 'C', 'A'));
    for (const lane of layout.lanes) expect(inside(lane, layout.pool)).toBe(true);
    for (const node of layout.nodes) expect(inside(node, layout.lanes[node.lane]!)).toBe(true);
    for (const [i, a] of layout.nodes.entries()) for (const b of layout.nodes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    const xs = layout.nodes.map((n) => n.x + n.width / 2);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(layout.nodes.find((n) => n.kind === 'task')).toMatchObject(PROCESS_LAYOUT.task);
  });

  it('joins neighbours with an edge from the right side of one to the left side of the next, with right angles between lanes', () => {
    const layout = layoutProcess(steps('A', 'A', 'B'));
    expect(layout.edges.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual(['Flow_1:0>1', 'Flow_2:1>2', 'Flow_3:2>3', 'Flow_4:3>4']);
    for (const edge of layout.edges) {
      const [from, to] = [layout.nodes[edge.from]!, layout.nodes[edge.to]!];
      const [first, last] = [edge.waypoints[0]!, edge.waypoints.at(-1)!];
      expect(first.x).toBe(from.x + from.width);
      expect(first.y).toBe(from.y + from.height / 2);
      expect(last.x).toBe(to.x);
      expect(last.y).toBe(to.y + to.height / 2);
      for (let i = 1; i < edge.waypoints.length; i++) {
        const [p, q] = [edge.waypoints[i - 1]!, edge.waypoints[i]!];
        expect(p.x === q.x || p.y === q.y).toBe(true);
      }
    }
    expect(layout.edges[1]!.waypoints).toHaveLength(2); // A → A
    expect(layout.edges[2]!.waypoints).toHaveLength(4); // A → B
  });

  it('has one lane, a start and an end for a process without steps', () => {
    const layout = layoutProcess([]);
    expect(layout.lanes.map((l) => l.name)).toEqual([NO_OWNER_LANE]);
    expect(layout.nodes.map((n) => n.kind)).toEqual(['start', 'end']);
    expect(layout.edges).toHaveLength(1);
  });

  it('names an untitled step', () => {
    expect(layoutProcess([{ title: '  ', ownerRole: 'Ops' }]).nodes[1]!.label).toBe('Untitled step');
  });
});

describe('diagramBands', () => {
  it('cuts a wide diagram into even bands of whole columns; every node is in exactly one band', () => {
    const layout = layoutProcess(steps('A', 'B', 'A', 'B', 'A', 'B', 'A')); // 9 columns
    const bands = diagramBands(layout, 4);
    expect(bands.map((b) => [b.firstColumn, b.lastColumn])).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
    expect(bands.flatMap((b) => b.nodes.map((n) => n.id))).toEqual(layout.nodes.map((n) => n.id));
    for (const band of bands) for (const node of band.nodes) expect(node.x >= band.x && node.x + node.width <= band.x + band.width).toBe(true);
    // Bands tile the pool's lanes from left to right with no gap.
    expect(bands[0]!.x).toBe(layout.lanes[0]!.x);
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.x).toBe(bands[i - 1]!.x + bands[i - 1]!.width);
    expect(bands.at(-1)!.x + bands.at(-1)!.width).toBe(layout.pool.x + layout.pool.width);
  });

  it('never leaves a band of one column at the end', () => {
    const sizes = (stepCount: number, max: number) => diagramBands(layoutProcess(steps(...Array.from({ length: stepCount }, () => 'A'))), max).map((b) => b.lastColumn - b.firstColumn + 1);
    expect(sizes(19, 5)).toEqual([5, 4, 4, 4, 4]); // 21 columns
    expect(sizes(5, 3)).toEqual([3, 2, 2]); // 7 columns
    expect(sizes(4, 5)).toEqual([3, 3]);
    expect(sizes(3, 5)).toEqual([5]);
    for (let n = 0; n < 40; n++) {
      const s = sizes(n, 5);
      expect(s.reduce((a, b) => a + b, 0)).toBe(n + 2);
      expect(Math.max(...s)).toBeLessThanOrEqual(5);
      expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
    }
  });

  it('draws an edge in every band it passes through, so the flow continues from one band to the next', () => {
    const layout = layoutProcess(steps('A', 'B', 'A', 'B'));
    const bands = diagramBands(layout, 3); // 6 columns: 0–2, 3–5
    const crossing = layout.edges.find((e) => e.from === 2)!;
    expect(bands[0]!.edges).toContain(crossing);
    expect(bands[1]!.edges).toContain(crossing);
    expect(bands[0]!.edges.map((e) => e.id)).toEqual(['Flow_1', 'Flow_2', 'Flow_3']);
    expect(bands[1]!.edges.map((e) => e.id)).toEqual(['Flow_3', 'Flow_4', 'Flow_5']);
  });

  it('shows in each band only the run of lanes its steps and arrows use', () => {
    // A staircase down five roles: each band needs only its part of the lanes.
    const layout = layoutProcess(steps('A', 'B', 'C', 'D', 'E')); // 7 columns: 0–3, 4–6
    const bands = diagramBands(layout, 4);
    expect(bands.map((b) => [b.firstLane, b.lastLane])).toEqual([
      [0, 2], // start, A, B, C
      [3, 4], // D, E, end; the arrow from C arrives in D's lane
    ]);
    for (const band of bands) {
      expect(band.y).toBe(layout.lanes[band.firstLane]!.y);
      expect(band.y + band.height).toBe(layout.lanes[band.lastLane]!.y + layout.lanes[band.lastLane]!.height);
      for (const node of band.nodes) expect(node.lane >= band.firstLane && node.lane <= band.lastLane).toBe(true);
    }
    // A process that comes back up keeps the lanes in between.
    const back = diagramBands(layoutProcess(steps('A', 'B', 'C', 'A')), 6);
    expect(back.map((b) => [b.firstLane, b.lastLane])).toEqual([[0, 2]]);
  });

  it('keeps a narrow diagram whole', () => {
    const layout = layoutProcess(steps('A', 'B'));
    const [band, ...rest] = diagramBands(layout, 6);
    expect(rest).toEqual([]);
    expect(band!.nodes).toHaveLength(4);
    expect(band!.edges).toHaveLength(3);
  });
});

describe('wrapLabel', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapLabel('Send the proposal to the customer', 12, 4)).toEqual(['Send the', 'proposal to', 'the customer']);
  });
  it('cuts a word longer than a line', () => {
    expect(wrapLabel('Vertragsunterzeichnung', 10, 4)).toEqual(['Vertragsun', 'terzeichnu', 'ng']);
  });
  it('ends with an ellipsis when lines run out', () => {
    expect(wrapLabel('one two three four five six', 7, 2)).toEqual(['one two', 'three…']);
    expect(wrapLabel('aaaaaaa bbbbbbb ccccccc', 7, 2)).toEqual(['aaaaaaa', 'bbbbbb…']);
  });
  it('gives nothing for blank text', () => {
    expect(wrapLabel('   ', 10, 2)).toEqual([]);
  });
});
