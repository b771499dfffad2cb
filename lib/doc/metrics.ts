import { compareCodePoints, compareNames } from '../compare';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { BoardLimitError, type Fields, recordAt, recordEntries, clampLine, readNumber, readOneOf, readString, readText, writeText } from './fields';
import { newRecordId } from './ids';
import { fragmentToPlainText, initRichText } from './rich-text';
import { subscribeRoots } from './subscribe';
import { clampText } from './text-diff';
import {
  BoardRoot,
  LOCAL_ORIGIN,
  METRIC_TEXT_FIELDS,
  TERM_STATUSES,
  metricDefinitionField,
  type MetricAttachment,
  type MetricId,
  type MetricRecord,
  type MetricTextField,
  type StepId,
  type TermStatus,
} from './schema';

/** Accessors for metrics and what they measure in the process. */

function metricsMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.metrics);
}

function readAttachment(map: Fields): MetricAttachment {
  const stepId = readString(map, 'stepId') as StepId;
  const toStepId = readString(map, 'toStepId') as StepId;
  if (!stepId) return { kind: 'none' };
  return toStepId ? { kind: 'boundary', fromStepId: stepId, toStepId } : { kind: 'step', stepId };
}

function readMetric(doc: Y.Doc, id: string, map: Fields): MetricRecord {
  const fields = Object.fromEntries(METRIC_TEXT_FIELDS.map((f) => [f, readText(map, f)])) as Record<MetricTextField, string>;
  return {
    id: id as MetricId,
    ...fields,
    status: readOneOf(map, 'status', TERM_STATUSES, 'proposed'),
    attachment: readAttachment(map),
    definition: fragmentToPlainText(doc.getXmlFragment(metricDefinitionField(id))),
    createdAt: readNumber(map, 'createdAt'),
  };
}

/** Metrics A–Z by name. */
export function listMetrics(doc: Y.Doc): MetricRecord[] {
  return recordEntries(metricsMap(doc))
    .map(([id, map]) => readMetric(doc, id, map))
    .sort((a, b) => compareNames(a.name, b.name) || compareCodePoints(a.id, b.id));
}

export function metricMaxLength(field: MetricTextField): number {
  return field === 'name' ? LIMITS.metricNameMaxLength : LIMITS.metricFieldMaxLength;
}

export function addMetric(doc: Y.Doc, input: { name: string; attachment?: MetricAttachment }, origin: unknown = LOCAL_ORIGIN): MetricId {
  const name = clampText(input.name.trim(), LIMITS.metricNameMaxLength);
  if (!name) throw new BoardLimitError('A metric needs a name.');
  const metrics = metricsMap(doc);
  if (metrics.size >= LIMITS.maxMetrics) throw new BoardLimitError(`A board can have at most ${LIMITS.maxMetrics} metrics.`);
  const id = newRecordId() as MetricId;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    metrics.set(id, map);
    for (const field of METRIC_TEXT_FIELDS) map.set(field, new Y.Text(field === 'name' ? name : ''));
    map.set('status', 'proposed');
    map.set('createdAt', Date.now());
    if (input.attachment) writeAttachment(map, input.attachment);
    // Its first paragraph comes with it, so that people typing in it at once share one paragraph.
    initRichText(doc.getXmlFragment(metricDefinitionField(id)));
  }, origin);
  return id;
}

export function setMetricText(doc: Y.Doc, id: MetricId, field: MetricTextField, value: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = clampLine(value, metricMaxLength(field));
  const map = recordAt(metricsMap(doc), id);
  if (map) doc.transact(() => writeText(map, field, clamped), origin);
  return clamped;
}

export function setMetricStatus(doc: Y.Doc, id: MetricId, status: TermStatus, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(metricsMap(doc), id);
  if (map && map.get('status') !== status) doc.transact(() => map.set('status', status), origin);
}

function writeAttachment(map: Fields, attachment: MetricAttachment): void {
  map.set('stepId', attachment.kind === 'none' ? '' : attachment.kind === 'step' ? attachment.stepId : attachment.fromStepId);
  map.set('toStepId', attachment.kind === 'boundary' ? attachment.toStepId : '');
}

/** Attaches a metric to a step, to the boundary between two steps, or to nothing. */
export function attachMetric(doc: Y.Doc, id: MetricId, attachment: MetricAttachment, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(metricsMap(doc), id);
  if (map) doc.transact(() => writeAttachment(map, attachment), origin);
}

export function deleteMetric(doc: Y.Doc, id: MetricId, origin: unknown = LOCAL_ORIGIN): void {
  const metrics = metricsMap(doc);
  if (metrics.has(id)) doc.transact(() => metrics.delete(id), origin);
}

/**
 * What a metric measures, as the board is now: an attachment naming a step that no longer
 * exists reads as `none` (the metric is unattached, not lost).
 */
export function effectiveAttachment(metric: MetricRecord, stepExists: (id: StepId) => boolean): MetricAttachment {
  const a = metric.attachment;
  if (a.kind === 'step') return stepExists(a.stepId) ? a : { kind: 'none' };
  if (a.kind === 'boundary') return stepExists(a.fromStepId) && stepExists(a.toStepId) ? a : { kind: 'none' };
  return a;
}

/** The metrics shown on a step's card: those on the step and those on a boundary it is part of. */
export function metricsOnStep(metrics: readonly MetricRecord[], stepId: StepId, stepExists: (id: StepId) => boolean): MetricRecord[] {
  return metrics.filter((m) => {
    const a = effectiveAttachment(m, stepExists);
    return (a.kind === 'step' && a.stepId === stepId) || (a.kind === 'boundary' && (a.fromStepId === stepId || a.toStepId === stepId));
  });
}

export function metricsUndoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [metricsMap(doc) as Y.AbstractType<unknown>];
}

/** Calls `onChange` after any change to metrics or a metric definition. */
export function subscribeMetrics(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.metrics], fragmentPrefixes: [metricDefinitionField('')] }, onChange);
}
