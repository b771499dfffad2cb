import type * as Y from 'yjs';
import { listSteps, listStickies, subscribeProcess } from '../doc/process';
import type { StepId, StepRecord, StickyRecord } from '../doc/schema';
import { createDocStore, type DocStore } from './doc-store';

export type ProcessSnapshot = {
  readonly steps: readonly StepRecord[];
  readonly stickiesByStep: ReadonlyMap<StepId, readonly StickyRecord[]>;
};

/** The process map for `useSyncExternalStore`, rebuilt lazily after a change. */
export function createProcessStore(doc: Y.Doc): DocStore<ProcessSnapshot> {
  return createDocStore(
    (onChange) => subscribeProcess(doc, onChange),
    () => {
      const steps = listSteps(doc);
      const stickiesByStep = new Map<StepId, StickyRecord[]>(steps.map((s) => [s.id, []]));
      // Stickies whose step was deleted concurrently belong to no visible step and are not shown.
      for (const sticky of listStickies(doc)) stickiesByStep.get(sticky.stepId)?.push(sticky);
      return { steps, stickiesByStep };
    },
  );
}
