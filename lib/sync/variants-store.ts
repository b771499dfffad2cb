import type * as Y from 'yjs';
import { listTerms } from '../doc/glossary';
import { getStepDescription, listSteps } from '../doc/process';
import { BoardRoot, stepDescriptionField } from '../doc/schema';
import { subscribeRoots } from '../doc/subscribe';
import { listAllVariants, subscribeVariants, type VariantRecord } from '../doc/variants';
import { computeCoverage, type Coverage } from '../glossary/coverage';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type VariantsSnapshot = {
  /** Variants by item key ('term:<id>', 'metric:<id>'), oldest first. */
  readonly byItem: ReadonlyMap<string, readonly VariantRecord[]>;
  /** Item keys with two or more team definitions: where teams mean different things. */
  readonly contested: ReadonlySet<string>;
};

export const NO_VARIANTS: VariantsSnapshot = { byItem: new Map(), contested: new Set() };

export function buildVariantsSnapshot(doc: Y.Doc): VariantsSnapshot {
  const byItem = listAllVariants(doc);
  return { byItem, contested: new Set([...byItem.entries()].filter(([, list]) => list.length >= 2).map(([key]) => key)) };
}

/** Every variant on the board, for `useSyncExternalStore`, rebuilt lazily after a change. */
export function createVariantsStore(doc: Y.Doc): SnapshotStore<VariantsSnapshot> {
  // Terms and metrics too: deleting one hides its variants.
  const subscribe = (onChange: () => void) => {
    const offVariants = subscribeVariants(doc, onChange);
    const offItems = subscribeRoots(doc, { maps: [BoardRoot.terms, BoardRoot.metrics] }, onChange);
    return () => {
      offVariants();
      offItems();
    };
  };
  return createSnapshotStore(subscribe, () => buildVariantsSnapshot(doc));
}

/** The step texts the coverage meter reads: description and entry and exit criteria. */
export function buildCoverage(doc: Y.Doc): Coverage {
  const steps = listSteps(doc).map((s) => ({ id: s.id, title: s.title, text: [getStepDescription(doc, s.id), s.entryCriteria, s.exitCriteria].join('\n') }));
  const { contested } = buildVariantsSnapshot(doc);
  const contestedTerms = new Set([...contested].filter((key) => key.startsWith('term:')).map((key) => key.slice('term:'.length)));
  return computeCoverage(steps, listTerms(doc), contestedTerms);
}

/**
 * The coverage meter, live: steps and their descriptions, terms and variants. Recomputed a moment
 * after the last change rather than on every keystroke: on a large board one computation takes
 * tens of milliseconds, and a meter need not move while someone is still typing.
 */
export function createCoverageStore(doc: Y.Doc, delayMs = 300): SnapshotStore<Coverage> {
  let snapshot: Coverage | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | null = null;
  const listeners = new Set<() => void>();
  return {
    getSnapshot() {
      snapshot ??= buildCoverage(doc);
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= subscribeRoots(doc, { maps: [BoardRoot.steps, BoardRoot.terms, BoardRoot.variantAuthors], fragmentPrefixes: [stepDescriptionField('')] }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          snapshot = buildCoverage(doc);
          for (const l of listeners) l();
        }, delayMs);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(timer);
          unsubscribe?.();
          unsubscribe = null;
          snapshot = null;
        }
      };
    },
  };
}
