import { diffWords } from 'diff';

/**
 * The words of competing definitions: where variants differ (a word-level diff) and the
 * clauses an agreed definition can be built from. Pure functions over plain text.
 */

/** A run of a variant's text that every other variant shares (`differs: false`) or not. */
export type DiffSegment = { readonly text: string; readonly differs: boolean };

/**
 * For each text, its segments against all the others: a word "differs" when at least one other
 * (non-empty) variant does not have it at that place, so what stays plain is the core every
 * team shares and the marks show where "we're different" really is. Case is ignored ("Budget"
 * and "budget" are one word); punctuation marks are words of their own.
 *
 * The diff is `diff`'s `diffWords` (jsdiff, Myers' algorithm over word tokens), not hand
 * written: tokenising words next to punctuation and whitespace, and keeping every character of
 * the input in exactly one change, are what a home-made diff gets subtly wrong. Its changes keep
 * the new text's characters in order, so concatenating the unremoved ones gives the text back
 * exactly (a test checks this), and the marks are laid over the text by position.
 */
export function diffVariants(texts: readonly string[]): DiffSegment[][] {
  return texts.map((text, i) => {
    const others = texts.filter((other, j) => j !== i && other.trim() !== '');
    if (text === '') return [];
    if (others.length === 0) return [{ text, differs: false }];
    const marked = new Array<boolean>(text.length).fill(false);
    for (const other of others) {
      let at = 0;
      for (const change of diffWords(other, text, { ignoreCase: true })) {
        if (change.removed) continue;
        if (change.added) marked.fill(true, at, at + change.value.length);
        at += change.value.length;
      }
    }
    return segmentsOf(text, tidy(text, marked));
  });
}

/**
 * The same per formula part (numerator, denominator, …): each variant's part against the same
 * part of the others, so "deals won" and "deals signed" mark "won" and "signed". A variant
 * without parts (null) or without a part compares as empty text.
 */
export function diffVariantParts<P extends string>(variants: ReadonlyArray<Readonly<Record<P, string>> | null>, parts: readonly P[]): Array<Record<P, DiffSegment[]>> {
  const byPart = new Map(parts.map((part) => [part, diffVariants(variants.map((v) => v?.[part] ?? ''))]));
  return variants.map((_, i) => Object.fromEntries(parts.map((part) => [part, byPart.get(part)![i]!])) as Record<P, DiffSegment[]>);
}

/** Whitespace is never marked on its own, only between two marked words ("a demo booked"). */
function tidy(text: string, marked: boolean[]): boolean[] {
  const out = marked.map((m, i) => m && !/\s/.test(text[i]!));
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text[i]!)) continue;
    let end = i;
    while (end < text.length && /\s/.test(text[end]!)) end++;
    if (i > 0 && out[i - 1] && end < text.length && out[end]) out.fill(true, i, end);
    i = end - 1;
  }
  return out;
}

function segmentsOf(text: string, marked: readonly boolean[]): DiffSegment[] {
  const segments: DiffSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      segments.push({ text: text.slice(start, i), differs: marked[start]! });
      start = i;
    }
  }
  return segments;
}

/**
 * A definition split into clauses that can be picked one by one. The rule, kept simple enough
 * to say in the interface: a clause ends at a line break, at a semicolon, or at a full stop,
 * question or exclamation mark followed by a space and a capital letter, a digit or a quote (so
 * "e.g. a demo" stays whole). Commas never split: "budget, authority, need and timing" is one
 * idea.
 */
export function splitClauses(text: string): string[] {
  return text
    .split(/\r?\n|(?<=;)\s+|(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“'‘(])/u)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}

/**
 * Picked clauses as one definition: each becomes a sentence (first letter capitalised, a
 * trailing semicolon or comma turned into a full stop, a full stop added when it has none).
 */
export function composeDefinition(clauses: readonly string[]): string {
  return clauses
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '')
    .map((clause) => {
      const body = clause.replace(/[;,:]+$/, '').trimEnd();
      const sentence = /[.!?…]["”')]*$/.test(body) ? body : `${body}.`;
      return sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1);
    })
    .join(' ');
}
