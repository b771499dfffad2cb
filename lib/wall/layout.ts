/**
 * Where everything sits on the wall, as a pure function of the process: steps as columns left
 * to right (column = step order), their notes stacked under each card, optional swimlanes (one
 * row per owner role, in the order the roles first appear in the process, "Unassigned" last),
 * and the brain-dump area left of the first step. Sizes are fixed so that the layout never
 * depends on measuring the DOM: the same on every screen, testable without a browser, and cheap
 * on a board of 150 steps and 1,000 notes.
 */

export const WALL = {
  /** A step card; notes hang under it, slightly narrower. */
  cardWidth: 232,
  cardHeight: 196,
  /** Space between columns: the arrow and a boundary metric's label sit here. */
  gapX: 56,
  noteWidth: 208,
  noteHeight: 112,
  noteGap: 10,
  /** Between a card and its first note. */
  cardToNotes: 14,
  /** Room below a column's last note for a drop ("put it at the end"). */
  dropSlack: 80,
  /** Swimlanes: the label column on the left and the padding inside a lane. */
  laneLabelWidth: 168,
  lanePadding: 28,
  /** The brain-dump area's minimum size and its distance from the first step. */
  dumpWidth: 560,
  dumpHeight: 420,
  dumpGap: 120,
} as const;

export type Rect = { x: number; y: number; width: number; height: number };

export type LayoutStep = { id: string; ownerRole: string };
export type LayoutNote = { id: string; stepId: string; x: number; y: number };

export type PlacedStep = {
  id: string;
  index: number;
  /** The card. */
  card: Rect;
  /** The card and its notes: where a dropped note joins this step. */
  column: Rect;
  lane: number;
};
export type PlacedNote = { id: string; stepId: string; rect: Rect; index: number };
export type PlacedLane = { key: string; label: string; rect: Rect };
export type WallLayout = {
  steps: PlacedStep[];
  notes: PlacedNote[];
  lanes: PlacedLane[];
  /** The brain-dump area (left of the steps), grown to hold every loose note. */
  dump: Rect;
  /** Steps and their notes (and the loose notes, when there are any): what "Fit to screen" shows. */
  bounds: Rect;
};

export const UNASSIGNED_LANE = '';

/** The lane key of a step: its owner role as written, matched without case or extra spaces. */
export function laneKey(ownerRole: string): string {
  return ownerRole.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Lanes in the order their roles first appear in the process, "Unassigned" last (if any step has no owner). */
export function laneOrder(steps: readonly LayoutStep[]): Array<{ key: string; label: string }> {
  const lanes = new Map<string, string>();
  let unassigned = false;
  for (const step of steps) {
    const key = laneKey(step.ownerRole);
    if (key === UNASSIGNED_LANE) unassigned = true;
    else if (!lanes.has(key)) lanes.set(key, step.ownerRole.trim().replace(/\s+/g, ' '));
  }
  const list = [...lanes].map(([key, label]) => ({ key, label }));
  if (unassigned) list.push({ key: UNASSIGNED_LANE, label: 'Unassigned' });
  return list;
}

function columnHeight(noteCount: number): number {
  return WALL.cardHeight + (noteCount > 0 ? WALL.cardToNotes + noteCount * (WALL.noteHeight + WALL.noteGap) - WALL.noteGap : 0);
}

function union(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: WALL.cardWidth, height: WALL.cardHeight };
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.width));
  const y1 = Math.max(...rects.map((r) => r.y + r.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Lays out the wall. `notes` are in their order within each step (as `listStickies` returns
 * them); a note with an empty `stepId` is loose and keeps its own shared position.
 */
export function layoutWall(steps: readonly LayoutStep[], notes: readonly LayoutNote[], options: { lanes: boolean }): WallLayout {
  const notesByStep = new Map<string, LayoutNote[]>(steps.map((s) => [s.id, []]));
  const loose: LayoutNote[] = [];
  for (const note of notes) {
    if (note.stepId === '') loose.push(note);
    else notesByStep.get(note.stepId)?.push(note);
  }
  const lanes = options.lanes ? laneOrder(steps) : [{ key: 'all', label: '' }];
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const laneOf = (step: LayoutStep) => (options.lanes ? laneIndex.get(laneKey(step.ownerRole)) ?? 0 : 0);
  const left = options.lanes ? WALL.laneLabelWidth : 0;

  // Each lane is as tall as its tallest column.
  const laneHeights: number[] = lanes.map(() => WALL.cardHeight);
  for (const step of steps) {
    const lane = laneOf(step);
    laneHeights[lane] = Math.max(laneHeights[lane]!, columnHeight(notesByStep.get(step.id)!.length));
  }
  const laneTops: number[] = [];
  let top = 0;
  for (const height of laneHeights) {
    laneTops.push(top);
    top += height + (options.lanes ? 2 * WALL.lanePadding : 0);
  }

  const placedSteps: PlacedStep[] = [];
  const placedNotes: PlacedNote[] = [];
  steps.forEach((step, index) => {
    const lane = laneOf(step);
    const x = left + index * (WALL.cardWidth + WALL.gapX);
    const y = laneTops[lane]! + (options.lanes ? WALL.lanePadding : 0);
    const stepNotes = notesByStep.get(step.id)!;
    placedSteps.push({ id: step.id, index, lane, card: { x, y, width: WALL.cardWidth, height: WALL.cardHeight }, column: { x, y, width: WALL.cardWidth, height: columnHeight(stepNotes.length) } });
    stepNotes.forEach((note, i) => {
      placedNotes.push({
        id: note.id,
        stepId: step.id,
        index: i,
        rect: { x: x + (WALL.cardWidth - WALL.noteWidth) / 2, y: y + WALL.cardHeight + WALL.cardToNotes + i * (WALL.noteHeight + WALL.noteGap), width: WALL.noteWidth, height: WALL.noteHeight },
      });
    });
  });
  const columnsRight = left + steps.length * (WALL.cardWidth + WALL.gapX) - WALL.gapX;
  const placedLanes: PlacedLane[] = options.lanes
    ? lanes.map((l, i) => ({ key: l.key, label: l.label, rect: { x: 0, y: laneTops[i]!, width: Math.max(columnsRight, left + WALL.cardWidth) + WALL.lanePadding, height: laneHeights[i]! + 2 * WALL.lanePadding } }))
    : [];

  const looseRects = loose.map((note) => ({ note, rect: { x: note.x, y: note.y, width: WALL.noteWidth, height: WALL.noteHeight } }));
  for (const { note, rect } of looseRects) placedNotes.push({ id: note.id, stepId: '', index: 0, rect });
  const dumpBase: Rect = { x: -WALL.dumpGap - WALL.dumpWidth, y: 0, width: WALL.dumpWidth, height: WALL.dumpHeight };
  const dump = looseRects.length > 0 ? padded(union([dumpBase, ...looseRects.map((l) => l.rect)]), 0) : dumpBase;

  const content = [...placedSteps.map((s) => s.column), ...placedLanes.map((l) => l.rect), ...looseRects.map((l) => l.rect)];
  return { steps: placedSteps, notes: placedNotes, lanes: placedLanes, dump, bounds: union(content) };
}

function padded(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

export type DropTarget = { kind: 'step'; stepId: string; index: number } | { kind: 'loose'; x: number; y: number };

/**
 * Where a note dropped with its top-left corner at `at` lands: under the step whose column its
 * centre is over (between the columns' halves of the gap, from the card's top to a little below
 * the last note), at the place among that step's notes its centre points to; anywhere else it
 * becomes (or stays) a loose note at that spot.
 */
export function dropTarget(layout: WallLayout, noteId: string, at: { x: number; y: number }): DropTarget {
  const cx = at.x + WALL.noteWidth / 2;
  const cy = at.y + WALL.noteHeight / 2;
  for (const step of layout.steps) {
    const { column } = step;
    if (cx < column.x - WALL.gapX / 2 || cx > column.x + column.width + WALL.gapX / 2) continue;
    if (cy < column.y || cy > column.y + column.height + WALL.dropSlack) continue;
    const others = layout.notes.filter((n) => n.stepId === step.id && n.id !== noteId);
    const index = others.filter((n) => n.rect.y + n.rect.height / 2 < cy).length;
    return { kind: 'step', stepId: step.id, index };
  }
  return { kind: 'loose', x: Math.round(at.x), y: Math.round(at.y) };
}

/**
 * Where a note whose step was deleted meanwhile (by someone else, as the note was added) shows:
 * the k-th such note, in a row below the brain-dump area, so that it can be dragged to a step.
 */
export function strandedNoteSpot(k: number): { x: number; y: number } {
  const perRow = Math.max(1, Math.floor((WALL.dumpWidth - 40) / (WALL.noteWidth + 16)));
  return { x: -WALL.dumpGap - WALL.dumpWidth + 20 + (k % perRow) * (WALL.noteWidth + 16), y: WALL.dumpHeight + 24 + Math.floor(k / perRow) * (WALL.noteHeight + 16) };
}

/** A free spot in the brain-dump area for a new loose note (below the lowest one there). */
export function nextLooseSpot(layout: WallLayout): { x: number; y: number } {
  const loose = layout.notes.filter((n) => n.stepId === '');
  const perRow = Math.max(1, Math.floor((WALL.dumpWidth - 40) / (WALL.noteWidth + 16)));
  const i = loose.length;
  const base = { x: -WALL.dumpGap - WALL.dumpWidth + 20, y: 56 };
  const spot = { x: base.x + (i % perRow) * (WALL.noteWidth + 16), y: base.y + Math.floor(i / perRow) * (WALL.noteHeight + 16) };
  return spot;
}
