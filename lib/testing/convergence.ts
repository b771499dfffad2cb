import * as Y from 'yjs';
import { graphemes } from '../doc/text-diff';
import { Network } from './network';
import { seededRandom } from './random';

/** What one step of a seeded run may use: the seeded random source and a few helpers over it. */
export type Dice = {
  readonly random: () => number;
  /** A random element, or undefined for an empty list. */
  pick<T>(list: readonly T[]): T | undefined;
  /** An integer in [0, n). */
  below(n: number): number;
  /** `text` with one grapheme inserted (letters, emoji, ZWJ sequences, flags, accents) or removed, at a grapheme boundary. */
  typeInto(text: string, i: number): string;
};

const TYPED = ['a', 'b', 'c', ' ', 'é', 'e\u0301', '😀', '😁', '👍🏽', '👩‍👩‍👧', '🇩🇪', '🇫🇷', '中'] as const;

function dice(random: () => number): Dice {
  const below = (n: number) => Math.floor(random() * n);
  return {
    random,
    below,
    pick: (list) => list[below(list.length)],
    typeInto(text, i) {
      const parts = graphemes(text);
      if (parts.length > 0 && random() < 0.25) parts.splice(below(parts.length), 1);
      else parts.splice(below(parts.length + 1), 0, random() < 0.5 ? TYPED[i % TYPED.length]! : String.fromCharCode(97 + (i % 26)));
      return parts.join('');
    },
  };
}

export type ConvergenceRun<S> = {
  readonly seed: number;
  /** How many linked documents (2 or 3). */
  readonly docs?: number;
  readonly operations?: number;
  /** Content every document starts from (e.g. the steps that metrics attach to), synced before the run. */
  readonly setup?: (doc: Y.Doc) => void;
  /** One random operation on one document, through the accessors. */
  readonly operate: (doc: Y.Doc, dice: Dice, i: number) => void;
  /** What a user sees; after the final flush every document must read the same. */
  readonly snapshot: (doc: Y.Doc) => S;
};

/**
 * Links `docs` documents through a `Network` that holds, reorders and batches delivery, applies
 * seeded random operations through the accessors (delivering some held updates after about
 * half of them), flushes, and returns the documents with their snapshots once all are equal.
 */
export function runConvergence<S>(run: ConvergenceRun<S>, assertEqual: (actual: S, expected: S) => void): { docs: Y.Doc[]; snapshots: S[] } {
  const random = seededRandom(run.seed);
  const d = dice(random);
  const docs = Array.from({ length: run.docs ?? 3 }, () => new Y.Doc());
  if (run.setup) {
    run.setup(docs[0]!);
    const seed = Y.encodeStateAsUpdate(docs[0]!);
    for (const doc of docs.slice(1)) Y.applyUpdate(doc, seed);
  }
  const network = new Network(docs, random);
  for (let i = 0; i < (run.operations ?? 200); i++) {
    run.operate(d.pick(docs)!, d, i);
    if (random() < 0.5) network.deliverSome();
  }
  network.flush();
  const snapshots = docs.map(run.snapshot);
  for (const other of snapshots.slice(1)) assertEqual(other, snapshots[0]!);
  return { docs, snapshots };
}

/** Runs `body(seed)` and, if it fails, says which seed to keep. */
export function withSeed(file: string, seed: number, body: (seed: number) => void): void {
  try {
    body(seed);
  } catch (error) {
    console.error(`convergence failed for seed ${seed}; add it to KNOWN_SEEDS in ${file}`);
    throw error;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string anywhere in `value` (records, arrays, maps, sets) that holds a lone surrogate. */
export function loneSurrogates(value: unknown): string[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [value] : [];
  if (value instanceof Map) return [...value.entries()].flatMap(([k, v]) => [...loneSurrogates(k), ...loneSurrogates(v)]);
  if (value instanceof Set || Array.isArray(value)) return [...value].flatMap(loneSurrogates);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(loneSurrogates);
  return [];
}
