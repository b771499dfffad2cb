import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol';
import { runConvergence, withSeed } from '../testing/convergence';
import { seededRandom } from '../testing/random';
import { Network } from '../testing/network';
import { createBoardUndo } from '../sync/board-undo';
import { listTerms } from './glossary';
import {
  WALL_EXTENT,
  addLooseSticky,
  addStep,
  addSticky,
  convertStickyToStep,
  convertStickyToTerm,
  isLoose,
  listSteps,
  listStickies,
  placeSticky,
  setStickyPosition,
  stepIdFromSticky,
  tidyDescription,
} from './process';
import { stepDescriptionField, type StepId, type StickyId } from './schema';
import { validateUpdate } from './validate-update';
import { BOARD_SHAPE } from './schema';

const who = { authorId: 'p1', authorName: 'Ana' };

function boardWithSteps(n: number): { doc: Y.Doc; steps: StepId[] } {
  const doc = new Y.Doc();
  const steps = Array.from({ length: n }, (_, i) => addStep(doc, { title: `Step ${i + 1}` }));
  return { doc, steps };
}

function notesOf(doc: Y.Doc, stepId: string): string[] {
  return listStickies(doc).filter((s) => s.stepId === stepId).map((s) => s.text);
}

describe('loose notes and moves on the wall', () => {
  it('a loose note keeps its shared place; dragging it onto a step makes it that step’s note at the dropped place', () => {
    const { doc, steps } = boardWithSteps(3);
    addSticky(doc, { stepId: steps[2]!, kind: 'idea', text: 'first', ...who });
    addSticky(doc, { stepId: steps[2]!, kind: 'idea', text: 'last', ...who });
    const id = addLooseSticky(doc, { x: -500.4, y: 80, kind: 'pain', text: 'Leads go cold', ...who });
    const loose = listStickies(doc).find((s) => s.id === id)!;
    expect(isLoose(loose)).toBe(true);
    expect([loose.x, loose.y]).toEqual([-500, 80]);
    placeSticky(doc, id, steps[2]!, 1);
    expect(notesOf(doc, steps[2]!)).toEqual(['first', 'Leads go cold', 'last']);
    // Reordering within the step, and out to the brain dump again.
    placeSticky(doc, id, steps[2]!, 0);
    expect(notesOf(doc, steps[2]!)).toEqual(['Leads go cold', 'first', 'last']);
    setStickyPosition(doc, id, -300, 40);
    expect(notesOf(doc, steps[2]!)).toEqual(['first', 'last']);
    expect(listStickies(doc).find((s) => s.id === id)).toMatchObject({ stepId: '', x: -300, y: 40 });
  });

  it('positions are kept on the wall: not-a-number becomes 0 and far-away values are clamped', () => {
    const { doc } = boardWithSteps(1);
    const id = addLooseSticky(doc, { x: Number.NaN, y: 1e12, kind: 'idea', text: '', ...who });
    expect(listStickies(doc).find((s) => s.id === id)).toMatchObject({ x: 0, y: WALL_EXTENT });
  });

  it('a note cannot be placed under a step that does not exist', () => {
    const { doc } = boardWithSteps(1);
    const id = addLooseSticky(doc, { x: 0, y: 0, kind: 'idea', text: 'x', ...who });
    placeSticky(doc, id, 'missing' as StepId);
    expect(listStickies(doc)[0]!.stepId).toBe('');
  });

  it('the note limit holds for loose notes too', () => {
    const { doc } = boardWithSteps(1);
    const stickies = doc.getMap('stickies');
    doc.transact(() => {
      for (let i = 0; i < LIMITS.maxStickies; i++) stickies.set(`s${i}`, new Y.Map());
    });
    expect(() => addLooseSticky(doc, { x: 0, y: 0, kind: 'idea', text: 'one too many', ...who })).toThrow(/at most 2000 sticky notes/);
  });

  it('a note becomes a step (its text the title) and a term, each in one undo step', () => {
    const { doc, steps } = boardWithSteps(2);
    const undo = createBoardUndo(doc);
    const note = addLooseSticky(doc, { x: -400, y: 60, kind: 'idea', text: '  Send   the contract ', ...who });
    undo.stopCapturing();
    const stepId = convertStickyToStep(doc, note, { index: 1 });
    expect(listSteps(doc).map((s) => s.title)).toEqual(['Step 1', 'Send the contract', 'Step 2']);
    expect(stepId).toBe(stepIdFromSticky(note));
    expect(listStickies(doc)).toEqual([]);
    expect(doc.getXmlFragment(stepDescriptionField(stepId!)).length).toBe(1);
    undo.undo();
    expect(listSteps(doc).map((s) => s.id)).toEqual(steps);
    expect(listStickies(doc).map((s) => s.text)).toEqual(['  Send   the contract ']);
    undo.stopCapturing();
    convertStickyToTerm(doc, note);
    expect(listTerms(doc).map((t) => t.name)).toEqual(['Send the contract']);
    expect(listStickies(doc)).toEqual([]);
    undo.undo();
    expect(listTerms(doc)).toEqual([]);
    expect(listStickies(doc)).toHaveLength(1);
    undo.destroy();
  });

  it('an empty note cannot become a term', () => {
    const { doc } = boardWithSteps(1);
    const note = addLooseSticky(doc, { x: 0, y: 0, kind: 'idea', text: '   ', ...who });
    expect(() => convertStickyToTerm(doc, note)).toThrow(/Write the word/);
  });

  it('the server accepts every wall edit (the shape declares the new fields)', () => {
    const { doc, steps } = boardWithSteps(2);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const note = addLooseSticky(doc, { x: -400, y: 60, kind: 'idea', text: 'Qualify', ...who });
    setStickyPosition(doc, note, -200, 10);
    placeSticky(doc, note, steps[1]!);
    convertStickyToStep(doc, note);
    for (const update of updates) {
      expect(validateUpdate(server, update, BOARD_SHAPE)).toEqual({ ok: true });
      Y.applyUpdate(server, update);
    }
    // A crafted note with a field the shape does not know is refused.
    const loose = addLooseSticky(doc, { x: 0, y: 0, kind: 'idea', text: '', ...who });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)));
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => (doc.getMap('stickies').get(loose) as Y.Map<unknown>).set('x', 'far away'));
    expect(validateUpdate(server, Y.encodeStateAsUpdate(doc, sv), BOARD_SHAPE)).toMatchObject({ ok: false });
  });
});

describe('concurrent moves and conversions converge', () => {
  const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

  it.each(SEEDS)('seed %i: a note dragged to different steps at once ends under exactly one, the same everywhere', (seed) =>
    withSeed('lib/doc/wall.test.ts', seed, () => {
      const random = seededRandom(seed);
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const { doc: first, steps } = boardWithSteps(4);
      const note = addLooseSticky(first, { x: -400, y: 0, kind: 'idea', text: 'contested', ...who });
      for (const doc of docs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(first));
      const network = new Network(docs, random);
      for (let i = 0; i < 12; i++) {
        const doc = docs[Math.floor(random() * docs.length)]!;
        const roll = random();
        if (roll < 0.6) placeSticky(doc, note, steps[Math.floor(random() * steps.length)]!, Math.floor(random() * 3));
        else if (roll < 0.8) setStickyPosition(doc, note, Math.floor(random() * 500) - 900, Math.floor(random() * 300));
        else addSticky(doc, { stepId: steps[Math.floor(random() * steps.length)]!, kind: 'pain', text: `n${i}`, ...who });
        if (random() < 0.5) network.deliverSome();
      }
      network.flush();
      const views = docs.map((doc) => listStickies(doc).filter((s) => s.id === note));
      for (const view of views) expect(view).toHaveLength(1);
      for (const view of views.slice(1)) expect(view).toEqual(views[0]);
      const under = views[0]![0]!.stepId;
      expect(under === '' || steps.includes(under)).toBe(true);
    }),
  );

  it.each(SEEDS)('seed %i: two people turning the same note into a step make one step, with one paragraph', (seed) =>
    withSeed('lib/doc/wall.test.ts', seed, () => {
      const stickyIds: StickyId[] = [];
      const { docs } = runConvergence(
        {
          seed,
          docs: 3,
          operations: 30,
          setup(doc) {
            addStep(doc, { title: 'Existing' });
            for (let i = 0; i < 3; i++) stickyIds.push(addLooseSticky(doc, { x: -400, y: i * 120, kind: 'idea', text: `Note ${i}`, ...who }));
          },
          operate(doc, { below, random }) {
            const note = stickyIds[below(stickyIds.length)]!;
            if (random() < 0.7) convertStickyToStep(doc, note, { index: below(3) });
            else placeSticky(doc, note, listSteps(doc)[0]!.id);
          },
          snapshot: (doc) => ({ steps: listSteps(doc), stickies: listStickies(doc) }),
        },
        (a, b) => expect(a).toEqual(b),
      );
      const titles = listSteps(docs[0]!).map((s) => s.title);
      expect(new Set(titles).size).toBe(titles.length);
      for (const doc of docs) for (const step of listSteps(doc)) tidyDescription(doc, step.id);
      // The tidies themselves converge (a second network flush would carry them; here each doc tidied itself).
      for (const doc of docs) for (const step of listSteps(doc)) expect(doc.getXmlFragment(stepDescriptionField(step.id)).length).toBeLessThanOrEqual(1);
    }),
  );

  it('tidies made on two documents at once converge to one paragraph', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const note = addLooseSticky(a, { x: 0, y: 0, kind: 'idea', text: 'Same', ...who });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const stepId = convertStickyToStep(a, note)!;
    convertStickyToStep(b, note);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listSteps(a)).toHaveLength(1);
    expect(a.getXmlFragment(stepDescriptionField(stepId)).length).toBe(2);
    tidyDescription(a, stepId);
    tidyDescription(b, stepId);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getXmlFragment(stepDescriptionField(stepId)).toString()).toBe(b.getXmlFragment(stepDescriptionField(stepId)).toString());
    expect(a.getXmlFragment(stepDescriptionField(stepId)).length).toBe(1);
  });
});
