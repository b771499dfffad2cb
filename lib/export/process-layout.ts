import { NO_OWNER_LANE } from './bpmn-names';

/**
 * The process diagram's geometry, computed once and drawn twice: as BPMNDI in `process.bpmn`
 * (bpmn.ts) and as SVG on the printable handbook (components/handbook/process-diagram.tsx).
 * Column = step order (a start event first, an end event last), row = lane = owner role in the
 * order the roles first appear. Pure and free of bpmn-moddle so that the print view can load it.
 */
export const PROCESS_LAYOUT = {
  poolX: 160,
  poolY: 80,
  /** The pool's own label band on its left, before the lanes. */
  poolLabel: 30,
  laneHeight: 160,
  column: 180,
  margin: 20,
  task: { width: 100, height: 80 },
  event: { width: 36, height: 36 },
} as const;

export type Bounds = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
export type Point = { readonly x: number; readonly y: number };

export type LayoutLane = Bounds & { readonly index: number; readonly name: string };
export type LayoutNode = Bounds & {
  readonly kind: 'start' | 'task' | 'end';
  /** The BPMN element id (`StartEvent_1`, `Task_<n>`, `EndEvent_1`): stable, and the same in both drawings. */
  readonly id: string;
  /** The step's position (0-based) for a task. */
  readonly stepIndex: number | null;
  readonly label: string;
  readonly column: number;
  readonly lane: number;
};
export type LayoutEdge = {
  /** The BPMN sequence flow id (`Flow_<n>`). */
  readonly id: string;
  /** Indexes into `nodes`. */
  readonly from: number;
  readonly to: number;
  /** Left to right; two points within a lane, four (across, down or up, across) between lanes. */
  readonly waypoints: readonly Point[];
};
export type ProcessLayout = {
  readonly pool: Bounds;
  readonly lanes: readonly LayoutLane[];
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  /** Number of columns, start and end events included. */
  readonly columns: number;
};

/** The lane name of a step: its owner role, or one shared lane for steps nobody owns yet. */
export function laneName(ownerRole: string): string {
  return ownerRole.trim() || NO_OWNER_LANE;
}

/** Left edge of a column (x), in diagram coordinates. */
export function columnX(column: number): number {
  const { poolX, poolLabel, margin } = PROCESS_LAYOUT;
  return poolX + poolLabel + margin + column * PROCESS_LAYOUT.column;
}

export function layoutProcess(steps: ReadonlyArray<{ readonly title: string; readonly ownerRole: string }>): ProcessLayout {
  const { poolX, poolY, poolLabel, laneHeight, column, margin, task, event } = PROCESS_LAYOUT;
  const laneNames: string[] = [];
  const laneOf = (role: string) => {
    const name = laneName(role);
    if (!laneNames.includes(name)) laneNames.push(name);
    return laneNames.indexOf(name);
  };
  const stepLanes = steps.map((s) => laneOf(s.ownerRole));
  if (laneNames.length === 0) laneNames.push(NO_OWNER_LANE);

  const columns = steps.length + 2;
  const centerX = (col: number) => columnX(col) + column / 2;
  const centerY = (lane: number) => poolY + lane * laneHeight + laneHeight / 2;
  const place = (kind: LayoutNode['kind'], id: string, stepIndex: number | null, label: string, col: number, lane: number): LayoutNode => {
    const size = kind === 'task' ? task : event;
    return { kind, id, stepIndex, label, column: col, lane, x: centerX(col) - size.width / 2, y: centerY(lane) - size.height / 2, width: size.width, height: size.height };
  };

  const nodes: LayoutNode[] = [
    place('start', 'StartEvent_1', null, 'Start', 0, stepLanes[0] ?? 0),
    ...steps.map((s, i) => place('task', `Task_${i + 1}`, i, s.title.trim() || 'Untitled step', i + 1, stepLanes[i] ?? 0)),
    place('end', 'EndEvent_1', null, 'End', columns - 1, stepLanes.at(-1) ?? 0),
  ];

  const edges: LayoutEdge[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const [sx, sy] = [from.x + from.width, centerY(from.lane)];
    const [tx, ty] = [to.x, centerY(to.lane)];
    const mx = (sx + tx) / 2;
    const waypoints = sy === ty ? [{ x: sx, y: sy }, { x: tx, y: ty }] : [{ x: sx, y: sy }, { x: mx, y: sy }, { x: mx, y: ty }, { x: tx, y: ty }];
    edges.push({ id: `Flow_${i + 1}`, from: i, to: i + 1, waypoints });
  }

  const poolWidth = poolLabel + margin * 2 + columns * column;
  const lanes = laneNames.map((name, index) => ({ index, name, x: poolX + poolLabel, y: poolY + index * laneHeight, width: poolWidth - poolLabel, height: laneHeight }));
  return { pool: { x: poolX, y: poolY, width: poolWidth, height: laneNames.length * laneHeight }, lanes, nodes, edges, columns };
}

/**
 * A diagram too wide for a page, cut into bands of whole columns, drawn one under the other at a
 * readable size. A band is a window onto the same diagram: columns `firstColumn`–`lastColumn`
 * (`x`, `width`) and only the run of lanes its nodes and arrows use (`firstLane`–`lastLane`,
 * `y`, `height`), so a process that moves down through many roles does not print mostly empty
 * lanes. Every node appears in exactly one band; an edge in each band it passes through.
 */
export type DiagramBand = Bounds & {
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly firstLane: number;
  readonly lastLane: number;
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
};

/** Bands of at most `maxColumns` columns, as even as possible (9 columns by at most 4 → 3, 3 and 3, never 4, 4 and 1). */
export function diagramBands(layout: ProcessLayout, maxColumns: number): DiagramBand[] {
  const perBand = Math.max(1, Math.floor(maxColumns));
  const count = Math.max(1, Math.ceil(layout.columns / perBand));
  // Sizes differ by one at most, the larger first: never a last band of one column.
  const sizeOf = (band: number) => Math.floor(layout.columns / count) + (band < layout.columns % count ? 1 : 0);
  const laneAt = (y: number) => Math.min(layout.lanes.length - 1, Math.max(0, Math.floor((y - layout.pool.y) / PROCESS_LAYOUT.laneHeight)));
  const bands: DiagramBand[] = [];
  for (let band = 0, first = 0; band < count; first += sizeOf(band), band++) {
    const last = first + sizeOf(band) - 1;
    // The first band starts at the lanes' left edge, the last ends at the pool's right edge.
    const x = first === 0 ? layout.pool.x + PROCESS_LAYOUT.poolLabel : columnX(first);
    const right = last === layout.columns - 1 ? layout.pool.x + layout.pool.width : columnX(last + 1);
    const nodes = layout.nodes.filter((n) => n.column >= first && n.column <= last);
    const lanes = new Set(nodes.map((n) => n.lane));
    const edges = layout.edges.filter((e) => {
      let inBand = false;
      // The lanes of the parts of the edge inside the band (a segment on the cut itself is not).
      for (let i = 1; i < e.waypoints.length; i++) {
        const [p, q] = [e.waypoints[i - 1]!, e.waypoints[i]!];
        if (Math.max(p.x, q.x) > x && Math.min(p.x, q.x) < right) {
          inBand = true;
          for (let lane = Math.min(laneAt(p.y), laneAt(q.y)); lane <= Math.max(laneAt(p.y), laneAt(q.y)); lane++) lanes.add(lane);
        }
      }
      return inBand;
    });
    const firstLane = Math.min(...lanes);
    const lastLane = Math.max(...lanes);
    const y = layout.lanes[firstLane]!.y;
    bands.push({ firstColumn: first, lastColumn: last, firstLane, lastLane, x, y, width: right - x, height: layout.lanes[lastLane]!.y + layout.lanes[lastLane]!.height - y, nodes, edges });
  }
  return bands;
}

/**
 * A label broken into lines of at most `maxChars` characters at spaces (a longer word is cut),
 * at most `maxLines` lines, the last ending in "…" when text was left out. SVG text does not wrap.
 */
export function wrapLabel(text: string, maxChars: number, maxLines: number): string[] {
  const chunks: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    for (let i = 0; i < word.length; i += maxChars) chunks.push(word.slice(i, i + maxChars));
  }
  const lines: string[] = [];
  let current = '';
  for (const chunk of chunks) {
    if (!current) current = chunk;
    else if (current.length + 1 + chunk.length <= maxChars) current = `${current} ${chunk}`;
    else {
      lines.push(current);
      current = chunk;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(0, maxLines));
  const last = kept.at(-1);
  if (last !== undefined) kept[kept.length - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return kept;
}
