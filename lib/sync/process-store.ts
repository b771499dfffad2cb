import type * as Y from 'yjs';
import { isLoose, listSteps, listStickies, subscribeProcess } from '../doc/process';
import { strandedNoteSpot } from '../wall/layout';
import type { StepId, StepRecord, StickyRecord } from '../doc/schema';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';
import { reuseArray, reuseRecords } from './structural-sharing';

export type ProcessSnapshot = {
  readonly steps: readonly StepRecord[];
  readonly stickiesByStep: ReadonlyMap<StepId, readonly StickyRecord[]>;
  /** Notes in the wall's brain-dump area, under no step. */
  readonly loose: readonly StickyRecord[];
};

/**
 * The process map for `useSyncExternalStore`, rebuilt lazily after a change. Unchanged steps,
 * notes and per-step note lists keep their identity from one snapshot to the next.
 */
export function createProcessStore(doc: Y.Doc): SnapshotStore<ProcessSnapshot> {
  let previous: ProcessSnapshot | null = null;
  let previousSteps = new Map<string, StepRecord>();
  let previousStickies = new Map<string, StickyRecord>();
  let previousStranded = new Map<string, { from: StickyRecord; shown: StickyRecord }>();
  return createSnapshotStore(
    (onChange) => subscribeProcess(doc, onChange),
    () => {
      const steps = reuseRecords(previousSteps, listSteps(doc));
      const stickies = reuseRecords(previousStickies, listStickies(doc));
      const grouped = new Map<StepId, StickyRecord[]>(steps.map((s) => [s.id, []]));
      // A note whose step was deleted concurrently (added as the step went) shows as a loose note
      // below the brain dump, so that nobody's note vanishes; moving it anywhere places it for real.
      const loose: StickyRecord[] = [];
      const stranded = new Map<string, { from: StickyRecord; shown: StickyRecord }>();
      for (const sticky of stickies) {
        if (isLoose(sticky)) loose.push(sticky);
        else if (grouped.has(sticky.stepId)) grouped.get(sticky.stepId)!.push(sticky);
        else {
          const spot = strandedNoteSpot(stranded.size);
          const before = previousStranded.get(sticky.id);
          const shown = before && before.from === sticky && before.shown.x === spot.x && before.shown.y === spot.y ? before.shown : { ...sticky, stepId: '' as StepId, ...spot };
          stranded.set(sticky.id, { from: sticky, shown });
          loose.push(shown);
        }
      }
      previousStranded = stranded;
      const stickiesByStep = new Map<StepId, readonly StickyRecord[]>();
      for (const [stepId, list] of grouped) stickiesByStep.set(stepId, reuseArray(previous?.stickiesByStep.get(stepId), list));
      const snapshot: ProcessSnapshot = { steps: reuseArray(previous?.steps, steps), stickiesByStep, loose: reuseArray(previous?.loose, loose) };
      previous = snapshot;
      previousSteps = new Map(steps.map((s) => [s.id, s]));
      previousStickies = new Map(stickies.map((s) => [s.id, s]));
      return snapshot;
    },
  );
}
