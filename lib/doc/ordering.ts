import { generateKeyBetween } from 'fractional-indexing';

/**
 * Ordering by fractional index (the `fractional-indexing` package): each item carries a string
 * key, items sort by (key, id). Moving an item changes only its own key, so concurrent moves
 * never duplicate or drop it; two items that got the same key concurrently still sort the
 * same everywhere (by id), and the next insert between them spreads them apart.
 */
export type Ordered = { readonly id: string; readonly order: string };

export function compareOrdered(a: Ordered, b: Ordered): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A key that places a new item at `index` of the sorted `list` (which must not contain the
 * item). When the neighbours share one key, they are re-keyed through `rekey` so there is room.
 */
export function keyForIndex(
  list: readonly Ordered[],
  index: number,
  rekey: (id: string, order: string) => void,
): string {
  const at = Math.max(0, Math.min(index, list.length));
  const lower = list[at - 1]?.order ?? null;
  const upper = list[at]?.order ?? null;
  if (lower === null || upper === null || lower < upper) return generateKeyBetween(lower, upper);
  // Tied (or out-of-order) neighbours: put the new item right after `lower` and move the tied
  // ones that follow it to keys between the new item and the next distinct key.
  let end = at;
  while (end < list.length && list[end]!.order <= lower) end++;
  const next = list[end]?.order ?? null;
  const key = generateKeyBetween(lower, next);
  let previous = key;
  for (let i = at; i < end; i++) {
    previous = generateKeyBetween(previous, next);
    rekey(list[i]!.id, previous);
  }
  return key;
}

/** Whether a stored key is one `fractional-indexing` accepts (a hostile client may write anything). */
export function isValidOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** Every item gets a valid key: invalid ones read as the first key, and sort by id among themselves. */
export const FALLBACK_ORDER_KEY = 'a0';
