import { compareCodePoints } from '../compare';
import { surfaceForms } from './normalize';

/**
 * Finds glossary terms and aliases in text: whole words only (Unicode letters and digits
 * count as word characters, so "Angebotsphase" is one word), case-insensitive, the longest
 * match wins at each position, and matches never overlap.
 */
/** `via` and `team` say whose word a match is: the term's name, or an alias (of a team). */
export type MatchTarget = { termId: string; text: string; via?: 'name' | 'alias'; team?: string };
export type TermMatch = { termId: string; from: number; to: number; text: string; via: 'name' | 'alias'; team: string };

export type TermMatcher = { find(text: string): TermMatch[] };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createMatcher(targets: readonly MatchTarget[]): TermMatcher {
  const byForm = new Map<string, MatchTarget>();
  for (const target of targets) {
    for (const form of surfaceForms(target.text)) {
      // The first target to claim a form keeps it (a duplicate name is flagged elsewhere).
      if (!byForm.has(form)) byForm.set(form, target);
    }
  }
  if (byForm.size === 0) return { find: () => [] };
  // Longest first: an alternation tries its branches in order at each position.
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length || compareCodePoints(a, b));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${forms.map((f) => escapeRegExp(f).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return {
    find(text: string): TermMatch[] {
      const matches: TermMatch[] = [];
      for (const m of text.matchAll(pattern)) {
        const surface = m[0].toLowerCase().replace(/\s+/g, ' ');
        const target = byForm.get(surface);
        if (target !== undefined && m.index !== undefined) {
          const { termId, via = 'name', team = '' } = target;
          matches.push({ termId, from: m.index, to: m.index + m[0].length, text: m[0], via, team });
        }
      }
      return matches;
    },
  };
}
