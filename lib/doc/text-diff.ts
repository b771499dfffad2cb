import type * as Y from 'yjs';

/**
 * Splits text into user-perceived characters (grapheme clusters: an emoji with its skin tone,
 * a ZWJ family, a flag, a letter with its combining marks). Where `Intl.Segmenter` is missing,
 * falls back to code points, which at least never splits a surrogate pair.
 */
let segmenter: Intl.Segmenter | null | undefined;

export function graphemes(text: string): string[] {
  // Made on first use, not when the module loads: building one loads the locale's break rules,
  // which cost a page about 50 ms of its start on a fast machine, for text nobody has edited yet.
  segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  if (!segmenter) return Array.from(text);
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

/**
 * `value` cut to at most `max` UTF-16 code units (the unit of every length limit) at a grapheme
 * boundary: `slice` alone can cut an emoji in half and store a lone surrogate.
 */
export function clampText(value: string, max: number): string {
  if (value.length <= max) return value;
  let length = 0;
  for (const part of graphemes(value)) {
    if (length + part.length > max) break;
    length += part.length;
  }
  return value.slice(0, length);
}

/**
 * The change from `before` to `after` as one replaced range, in UTF-16 code units (the offsets
 * Y.Text uses): `before.slice(start, deleteEnd)` becomes `after.slice(start, insertEnd)`.
 *
 * The common prefix and suffix are whole graphemes of both strings. Comparing code units instead
 * would split a surrogate pair: "ok 😀" → "ok 😁" shares the high surrogate, and a change that
 * starts between the two halves makes Yjs replace the orphaned halves with U+FFFD — locally
 * one half, for everyone else both (issue 13). Graphemes rather than code points, so that a
 * concurrent edit elsewhere never lands between a letter and its accent or inside a ZWJ sequence.
 */
export function textChange(before: string, after: string): { start: number; deleteEnd: number; insertEnd: number } {
  if (before === after) return { start: before.length, deleteEnd: before.length, insertEnd: after.length };
  const a = graphemes(before);
  const b = graphemes(after);
  let prefix = 0;
  let start = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) start += a[prefix++]!.length;
  let endA = a.length;
  let endB = b.length;
  let deleteEnd = before.length;
  let insertEnd = after.length;
  while (endA > prefix && endB > prefix && a[endA - 1] === b[endB - 1]) {
    const length = a[--endA]!.length;
    endB--;
    deleteEnd -= length;
    insertEnd -= length;
  }
  return { start, deleteEnd, insertEnd };
}

/**
 * Applies the change from `before` to `after` to a Y.Text as one delete + one insert around
 * the common prefix and suffix (whole graphemes, see `textChange`), so that a plain <input>
 * can edit shared text without replacing it wholesale (which would drop a concurrent editor's
 * characters).
 */
export function applyTextChange(text: Y.Text, before: string, after: string): void {
  if (before === after) return;
  const { start, deleteEnd, insertEnd } = textChange(before, after);
  if (deleteEnd > start) text.delete(start, deleteEnd - start);
  if (insertEnd > start) text.insert(start, after.slice(start, insertEnd));
}
