import type * as Y from 'yjs';
import { listSteps, listStickies, subscribeProcess } from '../doc/process';
import type { StepId, StepRecord, StickyRecord } from '../doc/schema';

export type ProcessSnapshot = {
  readonly steps: readonly StepRecord[];
  readonly stickiesByStep: ReadonlyMap<StepId, readonly StickyRecord[]>;
};

/**
 * A cached snapshot of the process map for `useSyncExternalStore`: rebuilt lazily after a
 * change, so a burst of remote updates costs one rebuild per render, not one per update.
 */
export function createProcessStore(doc: Y.Doc) {
  let snapshot: ProcessSnapshot | null = null;
  const listeners = new Set<() => void>();
  let unsubscribe: (() => void) | null = null;
  const build = (): ProcessSnapshot => {
    const steps = listSteps(doc);
    const stickiesByStep = new Map<StepId, StickyRecord[]>(steps.map((s) => [s.id, []]));
    // Stickies whose step was deleted concurrently belong to no visible step and are not shown.
    for (const sticky of listStickies(doc)) stickiesByStep.get(sticky.stepId)?.push(sticky);
    return { steps, stickiesByStep };
  };
  return {
    getSnapshot(): ProcessSnapshot {
      snapshot ??= build();
      return snapshot;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      unsubscribe ??= subscribeProcess(doc, () => {
        snapshot = null;
        for (const l of listeners) l();
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unsubscribe?.();
          unsubscribe = null;
          snapshot = null;
        }
      };
    },
  };
}
