import * as Y from 'yjs';
import { seededRandom } from '../testing/random';
import { describe, expect, it } from 'vitest';
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
} from './process';
import { STEP_STATUSES, stepDescriptionField, type StepId } from './schema';

/**
 * Convergence: three documents linked through a connector that holds updates and delivers
 * them in random order and random batches, under seeded random operations. After a final
 * flush all three must read the same process. A failing seed is printed; keep it in KNOWN_SEEDS.
 */
const KNOWN_SEEDS: number[] = [];


class Network {
  private readonly queues: Uint8Array[][];
  constructor(
    readonly docs: Y.Doc[],
    private readonly random: () => number,
  ) {
    this.queues = docs.map(() => []);
    docs.forEach((doc, from) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        docs.forEach((_, to) => to !== from && this.queues[to]!.push(update));
      }),
    );
  }
  /** Delivers a random subset of held updates to one document, in shuffled order. */
  deliverSome(): void {
    const to = Math.floor(this.random() * this.docs.length);
    const queue = this.queues[to]!;
    const count = Math.floor(this.random() * (queue.length + 1));
    const batch = queue.splice(0, count);
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    for (const update of batch) Y.applyUpdate(this.docs[to]!, update, this);
  }
  flush(): void {
    while (this.queues.some((q) => q.length > 0)) {
      this.queues.forEach((queue, to) => {
        for (const update of queue.splice(0)) Y.applyUpdate(this.docs[to]!, update, this);
      });
    }
  }
}

function snapshot(doc: Y.Doc) {
  const steps = listSteps(doc);
  return {
    steps,
    stickies: listStickies(doc),
    descriptions: steps.map((s) => doc.getXmlFragment(stepDescriptionField(s.id)).toString()),
  };
}

function runSeed(seed: number, operations = 300): void {
  const random = seededRandom(seed);
  const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const network = new Network(docs, random);
  for (let i = 0; i < operations; i++) {
    const doc = pick(docs)!;
    const steps = listSteps(doc);
    const step = pick(steps);
    const roll = random();
    if (roll < 0.2 || !step) addStep(doc, { index: Math.floor(random() * (steps.length + 1)), title: `s${i}` });
    else if (roll < 0.4) moveStep(doc, step.id, Math.floor(random() * steps.length));
    else if (roll < 0.48) deleteStep(doc, step.id);
    else if (roll < 0.6) {
      const at = Math.floor(random() * (step.title.length + 1));
      setStepText(doc, step.id, 'title', step.title.slice(0, at) + String.fromCharCode(97 + (i % 26)) + step.title.slice(at));
    } else if (roll < 0.68) setStepStatus(doc, step.id, pick(STEP_STATUSES)!);
    else if (roll < 0.78) {
      const fragment = doc.getXmlFragment(stepDescriptionField(step.id));
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`d${i}`)]);
      fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
    } else if (roll < 0.88) addSticky(doc, { stepId: step.id, kind: 'idea', text: `n${i}`, authorId: 'a', authorName: 'A' });
    else {
      const sticky = pick(listStickies(doc));
      const target = pick(steps);
      if (sticky && target && random() < 0.6) moveSticky(doc, sticky.id, target.id as StepId);
      else if (sticky) deleteSticky(doc, sticky.id);
    }
    if (random() < 0.5) network.deliverSome();
  }
  network.flush();
  const [a, b, c] = docs.map(snapshot);
  expect(b).toEqual(a);
  expect(c).toEqual(a);
  // No step is ever duplicated or lost by ordering: ids are unique and the list is complete.
  expect(new Set(a!.steps.map((s) => s.id)).size).toBe(docs[0]!.getMap('steps').size);
}

describe('process map convergence (3 documents, held and reordered delivery)', () => {
  const seeds = [...KNOWN_SEEDS, ...Array.from({ length: 40 }, (_, i) => 1000 + i)];
  it.each(seeds)('seed %i', (seed) => {
    try {
      runSeed(seed);
    } catch (error) {
      console.error(`convergence failed for seed ${seed}; add it to KNOWN_SEEDS in lib/doc/convergence.test.ts`);
      throw error;
    }
  });
});
