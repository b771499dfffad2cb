import type * as Y from 'yjs';
import { listTerms, nameOwners, subscribeGlossary } from '../doc/glossary';
import type { TermRecord } from '../doc/schema';
import { createMatcher, type TermMatcher } from '../glossary/matcher';
import { duplicateGroups, type NameOwner } from '../glossary/normalize';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type GlossarySnapshot = {
  readonly terms: readonly TermRecord[];
  readonly byId: ReadonlyMap<string, TermRecord>;
  /** Every name and alias, for collision warnings. */
  readonly owners: readonly NameOwner[];
  /** Term ids that share a (normalised) name or alias with another term. */
  readonly duplicateIds: ReadonlySet<string>;
  /** Finds terms and aliases in text, for highlighting. */
  readonly matcher: TermMatcher;
  /** Teams that have aliases, A–Z. */
  readonly teams: readonly string[];
};

export function buildGlossarySnapshot(terms: readonly TermRecord[]): GlossarySnapshot {
  const owners = nameOwners(terms);
  return {
    terms,
    byId: new Map(terms.map((t) => [t.id, t])),
    owners,
    duplicateIds: new Set(duplicateGroups(owners).flat().map((o) => o.termId)),
    matcher: createMatcher(owners),
    teams: [...new Set(terms.flatMap((t) => t.aliases.map((a) => a.team)).filter(Boolean))].sort((a, b) => a.localeCompare(b)),
  };
}

/** The glossary for `useSyncExternalStore`, rebuilt lazily after a change. */
export function createGlossaryStore(doc: Y.Doc): SnapshotStore<GlossarySnapshot> {
  return createSnapshotStore(
    (onChange) => subscribeGlossary(doc, onChange),
    () => buildGlossarySnapshot(listTerms(doc)),
  );
}

/** One row per canonical term, one column per team: that team's words for the term. */
export function teamVocabulary(snapshot: GlossarySnapshot): Array<{ term: TermRecord; words: ReadonlyMap<string, string[]> }> {
  return snapshot.terms.map((term) => {
    const words = new Map<string, string[]>();
    for (const alias of term.aliases) {
      if (!alias.team) continue;
      words.set(alias.team, [...(words.get(alias.team) ?? []), alias.text]);
    }
    return { term, words };
  });
}
