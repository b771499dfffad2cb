import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { flagToken } from '../identity';
import { addMetric, attachMetric, deleteMetric, effectiveAttachment, listMetrics, metricsOnStep, setMetricStatus, setMetricText } from './metrics';
import { addStep, deleteStep, hasStep, listSteps } from './process';
import { processUndoScope } from './process';
import {
  addParkingItem,
  clearFlags,
  deleteParkingItem,
  flaggedBy,
  listParking,
  setFlag,
  setParkingResolved,
  setParkingText,
  summarizeFlags,
} from './signals';
import { LOCAL_ORIGIN, type StepId } from './schema';
import { metricsUndoScope } from './metrics';

describe('metrics', () => {
  it('adds and edits a metric, attached to a step or to a boundary between steps', () => {
    const doc = new Y.Doc();
    const qualify = addStep(doc, { title: 'Qualify' });
    const propose = addStep(doc, { title: 'Propose' });
    const win = addMetric(doc, { name: 'Win rate' });
    const conversion = addMetric(doc, { name: 'Conversion', attachment: { kind: 'boundary', fromStepId: qualify, toStepId: propose } });
    setMetricText(doc, win, 'numerator', 'Deals won');
    setMetricText(doc, win, 'denominator', 'Deals closed');
    setMetricText(doc, win, 'target', '30 %');
    setMetricStatus(doc, win, 'agreed');
    attachMetric(doc, win, { kind: 'step', stepId: propose });
    const metrics = listMetrics(doc);
    expect(metrics.map((m) => m.name)).toEqual(['Conversion', 'Win rate']);
    expect(metrics[1]).toMatchObject({ numerator: 'Deals won', denominator: 'Deals closed', target: '30 %', status: 'agreed' });
    const exists = (id: StepId) => hasStep(doc, id);
    expect(metricsOnStep(metrics, qualify, exists).map((m) => m.id)).toEqual([conversion]);
    expect(metricsOnStep(metrics, propose, exists).map((m) => m.id)).toEqual([conversion, win]);
    deleteMetric(doc, conversion);
    expect(listMetrics(doc)).toHaveLength(1);
  });

  it('shows a metric whose step was deleted as unattached, and re-attaches it when the delete is undone', () => {
    const doc = new Y.Doc();
    const step = addStep(doc, { title: 'Close' }, 'seed');
    addMetric(doc, { name: 'Cycle length', attachment: { kind: 'step', stepId: step } }, 'seed');
    const undo = new Y.UndoManager([...processUndoScope(doc), ...metricsUndoScope(doc)], { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    deleteStep(doc, step);
    const exists = (id: StepId) => hasStep(doc, id);
    const [metric] = listMetrics(doc);
    expect(metric).toBeDefined();
    expect(effectiveAttachment(metric!, exists)).toEqual({ kind: 'none' });
    undo.undo();
    expect(listSteps(doc)).toHaveLength(1);
    expect(effectiveAttachment(listMetrics(doc)[0]!, exists)).toEqual({ kind: 'step', stepId: step });
  });
});

describe('flags', () => {
  it('counts each token once, by team, across leave and rejoin; clearing removes them', () => {
    const doc = new Y.Doc();
    const item = { kind: 'term' as const, id: 't1' };
    setFlag(doc, item, 'tokenA', 'East', true);
    setFlag(doc, item, 'tokenA', 'East', true); // the same person again (e.g. after rejoining)
    setFlag(doc, item, 'tokenB', 'West', true);
    setFlag(doc, item, 'tokenC', '', true);
    setFlag(doc, { kind: 'step', id: 's1' }, 'tokenB', 'West', true);
    const [top, second] = summarizeFlags(doc);
    expect(top).toMatchObject({ item, count: 3 });
    expect([...top!.byTeam]).toEqual([
      ['East', 1],
      ['West', 1],
      ['', 1],
    ]);
    expect(second).toMatchObject({ item: { kind: 'step', id: 's1' }, count: 1 });
    expect([...flaggedBy(doc, 'tokenB')].sort()).toEqual(['step:s1', 'term:t1']);
    setFlag(doc, item, 'tokenA', 'East', false);
    expect(summarizeFlags(doc)[0]!.count).toBe(2);
    clearFlags(doc, item);
    expect(summarizeFlags(doc).map((s) => s.item.kind)).toEqual(['step']);
  });

  it('converges when two people flag the same item at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setFlag(a, { kind: 'metric', id: 'm' }, 'ta', 'East', true);
    setFlag(b, { kind: 'metric', id: 'm' }, 'tb', 'West', true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(summarizeFlags(a)).toEqual(summarizeFlags(b));
    // Neither flag is lost to the other.
    expect(summarizeFlags(a)[0]!.count).toBe(2);
  });

  it('gives each browser a stable token per workshop', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const first = flagToken(storage, 'w1');
    expect(flagToken(storage, 'w1')).toBe(first);
    expect(flagToken(storage, 'w2')).not.toBe(first);
  });
});

describe('parking lot', () => {
  it('adds items linked to their source, edits, resolves and reopens them', () => {
    const doc = new Y.Doc();
    const a = addParkingItem(doc, { text: 'Who owns pricing?', source: { kind: 'step', id: 's1' }, createdBy: 'Ana' });
    const b = addParkingItem(doc, { text: 'CRM migration', source: null, createdBy: 'Ben' });
    setParkingText(doc, a, 'Who owns pricing approvals?');
    setParkingResolved(doc, a, true);
    expect(listParking(doc).map((p) => [p.text, p.resolved, p.source])).toEqual([
      ['CRM migration', false, null],
      ['Who owns pricing approvals?', true, { kind: 'step', id: 's1' }],
    ]);
    setParkingResolved(doc, a, false);
    deleteParkingItem(doc, b);
    expect(listParking(doc).map((p) => p.resolved)).toEqual([false]);
    expect(() => addParkingItem(doc, { text: '  ', source: null, createdBy: '' })).toThrow();
  });
});
