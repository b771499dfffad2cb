import type * as Y from 'yjs';
import { setTermStatus } from '@/lib/doc/glossary';
import { setMetricStatus } from '@/lib/doc/metrics';
import { setStepStatus } from '@/lib/doc/process';
import type { ItemRef, MetricId, StepId, TermId } from '@/lib/doc/schema';

/** Sets an item's status to agreed (steps, terms, metrics; other kinds have no status). */
export function markAgreed(board: Y.Doc, ref: ItemRef): void {
  if (ref.kind === 'step') setStepStatus(board, ref.id as StepId, 'agreed');
  else if (ref.kind === 'term') setTermStatus(board, ref.id as TermId, 'agreed');
  else if (ref.kind === 'metric') setMetricStatus(board, ref.id as MetricId, 'agreed');
}

/** Back to "discussing" when the facilitator reopens an agreed item. */
export function markReopened(board: Y.Doc, ref: ItemRef): void {
  if (ref.kind === 'step') setStepStatus(board, ref.id as StepId, 'discussing');
  else if (ref.kind === 'term') setTermStatus(board, ref.id as TermId, 'discussing');
  else if (ref.kind === 'metric') setMetricStatus(board, ref.id as MetricId, 'discussing');
}
