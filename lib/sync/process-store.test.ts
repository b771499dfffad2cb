import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addStep, addSticky, deleteStep, deleteSticky, moveSticky, setStepText, setStickyText } from '../doc/process';
import { strandedNoteSpot } from '../wall/layout';
import { createProcessStore } from './process-store';
import { reuseArray, reuseRecords, shallowEqual } from './structural-sharing';

function board() {
  const doc = new Y.Doc();
  const a = addStep(doc, { title: 'Qualify' });
  const b = addStep(doc, { title: 'Propose' });
  const s1 = addSticky(doc, { stepId: a, kind: 'idea', text: 'one', authorId: 'u', authorName: 'U' });
  const s2 = addSticky(doc, { stepId: b, kind: 'question', text: 'two', authorId: 'u', authorName: 'U' });
  return { doc, a, b, s1, s2 };
}

/** Reads a fresh snapshot after a change, as React does (subscribed, then getSnapshot). */
function watch(doc: Y.Doc) {
  const store = createProcessStore(doc);
  const unsubscribe = store.subscribe(() => {});
  return { read: () => store.getSnapshot(), unsubscribe };
}

describe('process snapshot: structural sharing', () => {
  it('a title change makes a new record for that step only; every other record and list keeps its identity', () => {
    const { doc, a, b } = board();
    const { read, unsubscribe } = watch(doc);
    const before = read();
    setStepText(doc, a, 'title', 'Qualify lead');
    const after = read();
    expect(after).not.toBe(before);
    expect(after.steps).not.toBe(before.steps);
    expect(after.steps[0]).not.toBe(before.steps[0]);
    expect(after.steps[0]!.title).toBe('Qualify lead');
    expect(after.steps[1]).toBe(before.steps[1]);
    expect(after.stickiesByStep.get(a)).toBe(before.stickiesByStep.get(a));
    expect(after.stickiesByStep.get(b)).toBe(before.stickiesByStep.get(b));
    unsubscribe();
  });

  it('editing a note changes its record and its step’s list, not the other step’s', () => {
    const { doc, a, b, s1 } = board();
    const { read, unsubscribe } = watch(doc);
    const before = read();
    setStickyText(doc, s1, 'one, edited');
    const after = read();
    expect(after.steps).toBe(before.steps);
    expect(after.stickiesByStep.get(a)).not.toBe(before.stickiesByStep.get(a));
    expect(after.stickiesByStep.get(a)![0]!.text).toBe('one, edited');
    expect(after.stickiesByStep.get(b)).toBe(before.stickiesByStep.get(b));
    unsubscribe();
  });

  it('moving and deleting notes regroup them correctly', () => {
    const { doc, a, b, s1, s2 } = board();
    const { read, unsubscribe } = watch(doc);
    read();
    moveSticky(doc, s1, b);
    let snap = read();
    expect(snap.stickiesByStep.get(a)).toEqual([]);
    expect(snap.stickiesByStep.get(b)!.map((s) => s.id).sort()).toEqual([s1, s2].sort());
    deleteSticky(doc, s2);
    snap = read();
    expect(snap.stickiesByStep.get(b)!.map((s) => s.id)).toEqual([s1]);
    unsubscribe();
  });

  it('helpers: shallow equality, record reuse by id, array reuse by items', () => {
    expect(shallowEqual({ id: 'x', n: 1 }, { id: 'x', n: 1 })).toBe(true);
    expect(shallowEqual({ id: 'x', n: 1 }, { id: 'x', n: 2 })).toBe(false);
    expect(shallowEqual({ id: 'x' }, { id: 'x', n: undefined })).toBe(false);
    const old = { id: 'x', n: 1 };
    const [same, changed] = reuseRecords(new Map([['x', old], ['y', { id: 'y', n: 1 }]]), [{ id: 'x', n: 1 }, { id: 'y', n: 2 }]);
    expect(same).toBe(old);
    expect(changed).toEqual({ id: 'y', n: 2 });
    const items = [old];
    expect(reuseArray(items, [old])).toBe(items);
    expect(reuseArray(items, [old, old])).not.toBe(items);
    expect(reuseArray(undefined, items)).toBe(items);
  });
});

describe('a note whose step was deleted meanwhile', () => {
  it('shows as a loose note below the brain dump (not lost), keeps its identity while unchanged, and a drag onto a step places it for real', () => {
    const { doc, a, b } = board();
    // Ben adds a note to "Qualify" while Ana deletes the step: the note outlives its step.
    const ben = new Y.Doc();
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(doc));
    const stranded = addSticky(ben, { stepId: a, kind: 'pain', text: 'stranded', authorId: 'b', authorName: 'Ben' });
    deleteStep(doc, a);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben));

    const { read, unsubscribe } = watch(doc);
    const first = read();
    expect(first.steps.map((s) => s.id)).toEqual([b]);
    const shown = first.loose.find((n) => n.id === stranded);
    expect(shown).toMatchObject({ stepId: '', text: 'stranded', ...strandedNoteSpot(0) });
    setStepText(doc, b, 'title', 'Propose now');
    expect(read().loose.find((n) => n.id === stranded)).toBe(shown);

    moveSticky(doc, stranded, b);
    const after = read();
    expect(after.loose.map((n) => n.id)).not.toContain(stranded);
    expect(after.stickiesByStep.get(b)!.map((n) => n.id)).toContain(stranded);
    unsubscribe();
  });
});
