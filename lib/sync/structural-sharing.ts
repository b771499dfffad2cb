/**
 * Structural sharing between successive snapshots: a record that did not change keeps its
 * object identity, so memoised components (a step card, a sticky note) skip re-rendering when
 * someone else types elsewhere on a large board.
 */

/** Same own keys, each value the same by `Object.is` (records hold only primitives). */
export function shallowEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && Object.is(ra[k], rb[k]));
}

/** `next`, with each record replaced by the previous object of the same id when nothing in it changed. */
export function reuseRecords<T extends { readonly id: string }>(previous: ReadonlyMap<string, T>, next: readonly T[]): T[] {
  return next.map((record) => {
    const old = previous.get(record.id);
    return old && shallowEqual(old, record) ? old : record;
  });
}

/** The previous array when it holds the very same items in the same order, else `next`. */
export function reuseArray<T>(previous: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}
