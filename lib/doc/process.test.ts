import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardLimitError } from './fields';
import {
  addStep,
  addSticky,
  deleteStep,
  deleteSticky,
  listSteps,
  listStickies,
  moveStep,
  moveSticky,
  setStepStatus,
  setStepText,
  setStickyText,
  processUndoScope,
} from './process';
import { LOCAL_ORIGIN, type StepId } from './schema';
import { LIMITS } from '../protocol';

const titles = (doc: Y.Doc) => listSteps(doc).map((s) => s.title);

describe('steps', () => {
  it('adds at the end and between, moves, edits and deletes', () => {
    const doc = new Y.Doc();
    const a = addStep(doc, { title: 'Qualify' });
    const c = addStep(doc, { title: 'Close' });
    addStep(doc, { title: 'Propose', index: 1 });
    expect(titles(doc)).toEqual(['Qualify', 'Propose', 'Close']);
    moveStep(doc, c, 0);
    expect(titles(doc)).toEqual(['Close', 'Qualify', 'Propose']);
    moveStep(doc, c, 2);
    expect(titles(doc)).toEqual(['Qualify', 'Propose', 'Close']);
    setStepText(doc, a, 'title', 'Qualify lead');
    setStepText(doc, a, 'entryCriteria', 'Budget known');
    setStepStatus(doc, a, 'discussing');
    expect(listSteps(doc)[0]).toMatchObject({ title: 'Qualify lead', entryCriteria: 'Budget known', status: 'discussing' });
    deleteStep(doc, a);
    expect(titles(doc)).toEqual(['Propose', 'Close']);
  });

  it('clamps fields to their limits and keeps titles on one line', () => {
    const doc = new Y.Doc();
    const id = addStep(doc);
    expect(setStepText(doc, id, 'title', 'a\nb' + 'x'.repeat(500))).toHaveLength(LIMITS.stepTitleMaxLength);
    expect(listSteps(doc)[0]!.title.startsWith('a b')).toBe(true);
    expect(setStepText(doc, id, 'inputs', 'y'.repeat(5000))).toHaveLength(LIMITS.stepFieldMaxLength);
  });

  it('refuses a step over the limit with a message', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < LIMITS.maxSteps; i++) addStep(doc);
    expect(() => addStep(doc)).toThrow(BoardLimitError);
    expect(listSteps(doc)).toHaveLength(LIMITS.maxSteps);
  });

  it('spreads steps that received the same order key concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addStep(a, { title: 'first' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addStep(a, { title: 'from A' });
    addStep(b, { title: 'from B' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const tied = listSteps(a);
    expect(tied[1]!.order).toBe(tied[2]!.order);
    addStep(a, { title: 'between', index: 2 });
    expect(titles(a)).toEqual(['first', tied[1]!.title, 'between', tied[2]!.title]);
    expect(new Set(listSteps(a).map((s) => s.order)).size).toBe(4);
  });

  it('reads a hostile order key as the first key instead of crashing', () => {
    const doc = new Y.Doc();
    const id = addStep(doc, { title: 'x' });
    addStep(doc, { title: 'y' });
    doc.getMap<Y.Map<unknown>>('steps').get(id)!.set('order', '!!not a key');
    expect(() => addStep(doc, { index: 1 })).not.toThrow();
    expect(listSteps(doc)).toHaveLength(3);
  });
});

describe('stickies', () => {
  it('adds, edits, moves between steps and deletes; a deleted step takes its stickies', () => {
    const doc = new Y.Doc();
    const s1 = addStep(doc, { title: 'One' });
    const s2 = addStep(doc, { title: 'Two' });
    const n1 = addSticky(doc, { stepId: s1, kind: 'pain', text: 'Slow approvals', authorId: 'p', authorName: 'Ana' });
    const n2 = addSticky(doc, { stepId: s1, kind: 'idea', text: 'Automate', authorId: 'p', authorName: 'Ana' });
    setStickyText(doc, n1, 'Slow approvals!');
    moveSticky(doc, n1, s2);
    const inStep = (step: StepId) => listStickies(doc).filter((s) => s.stepId === step).map((s) => s.text);
    expect(inStep(s1)).toEqual(['Automate']);
    expect(inStep(s2)).toEqual(['Slow approvals!']);
    deleteSticky(doc, n2);
    deleteStep(doc, s2);
    expect(listStickies(doc)).toEqual([]);
    expect(() => addSticky(doc, { stepId: s2, kind: 'idea', text: '', authorId: '', authorName: '' })).toThrow(BoardLimitError);
  });
});

describe('undo', () => {
  it('undoes only the local user’s delete, restoring the step with its stickies and description', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const sync = () => {
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    };
    const step = addStep(mine, { title: 'Qualify' }, 'seed');
    addSticky(mine, { stepId: step, kind: 'question', text: 'Who decides?', authorId: 'x', authorName: 'X' }, 'seed');
    const description = mine.getXmlFragment(`step:${step}`);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Check budget')]);
    description.insert(0, [paragraph]);
    sync();
    const undo = new Y.UndoManager(processUndoScope(mine), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    const theirUndo = new Y.UndoManager(processUndoScope(theirs), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    deleteStep(mine, step as StepId);
    sync();
    expect(listSteps(theirs)).toHaveLength(0);
    expect(theirUndo.canUndo()).toBe(false);
    undo.undo();
    sync();
    expect(titles(theirs)).toEqual(['Qualify']);
    expect(listStickies(theirs).map((s) => s.text)).toEqual(['Who decides?']);
    expect(theirs.getXmlFragment(`step:${listSteps(theirs)[0]!.id}`).toString()).toContain('Check budget');
  });
});
