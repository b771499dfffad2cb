import { surfaceForms } from './normalize';

/**
 * Finds glossary terms and aliases in text: whole words only (Unicode letters and digits
 * count as word characters, so "Angebotsphase" is one word), case-insensitive, the longest
 * match wins at each position, and matches never overlap.
 */
export type MatchTarget = { termId: string; text: string };
export type TermMatch = { termId: string; from: number; to: number; text: string };

export type TermMatcher = { find(text: string): TermMatch[] };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createMatcher(targets: readonly MatchTarget[]): TermMatcher {
  const byForm = new Map<string, string>();
  for (const target of targets) {
    for (const form of surfaceForms(target.text)) {
      // The first target to claim a form keeps it (a duplicate name is flagged elsewhere).
      if (!byForm.has(form)) byForm.set(form, target.termId);
    }
  }
  if (byForm.size === 0) return { find: () => [] };
  // Longest first: an alternation tries its branches in order at each position.
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${forms.map((f) => escapeRegExp(f).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return {
    find(text: string): TermMatch[] {
      const matches: TermMatch[] = [];
      for (const m of text.matchAll(pattern)) {
        const surface = m[0].toLowerCase().replace(/\s+/g, ' ');
        const termId = byForm.get(surface);
        if (termId !== undefined && m.index !== undefined) {
          matches.push({ termId, from: m.index, to: m.index + m[0].length, text: m[0] });
        }
      }
      return matches;
    },
  };
}
