/**
 * Orderings for names, teams and ids, without ICU.
 *
 * `localeCompare` and `Intl.Collator` load ICU's collation tables the first time a page uses
 * them: 15–20 ms in Chromium on this machine, 60–80 ms on a phone's CPU, spent in the middle of
 * the board's first render (the glossary, the people list and the team lists are all sorted).
 * With options, `localeCompare` even builds a new collator on every call (3 ms to sort 60
 * terms). These comparators cost neither: names are compared case- and accent-blind by folding
 * (NFD, combining marks removed, lower case), then by code point so that the order is total.
 *
 * For letters, digits and spaces this is the order `localeCompare(b, undefined, { sensitivity:
 * 'base' })` gives; punctuation sorts by code point rather than by ICU's table, and letters with
 * no decomposition (ß, æ, ø) sort after z. Both are fine for a workshop's lists.
 */

const folded = new Map<string, string>();
const FOLD_CACHE_LIMIT = 5000;

/** `value` without case or accents: "Léad" → "lead". */
export function foldName(value: string): string {
  let out = folded.get(value);
  if (out === undefined) {
    out = value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
    folded.set(value, out);
  }
  return out;
}

/** Code-point order: for ids and other machine strings, and to break ties. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case- and accent-blind order of names; names that differ only so compare equal ("Lead", "léad"). */
export function compareNames(a: string, b: string): number {
  return compareCodePoints(foldName(a), foldName(b));
}

const swapCase = (value: string) => Array.from(value, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

/**
 * Names in order, and names equal under `compareNames` in a fixed order: lower case before
 * upper case and plain letters before accented ones, as `localeCompare` without options does.
 */
export function compareNamesStrict(a: string, b: string): number {
  return compareNames(a, b) || compareCodePoints(a.normalize('NFD').toLowerCase(), b.normalize('NFD').toLowerCase()) || compareCodePoints(swapCase(a), swapCase(b));
}

/** Team names in order, the empty team (no team given) last. */
export function compareTeams(a: string, b: string): number {
  return a === '' ? (b === '' ? 0 : 1) : b === '' ? -1 : compareNamesStrict(a, b);
}
