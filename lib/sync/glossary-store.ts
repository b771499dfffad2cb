import { compareNamesStrict } from '../compare';
import type * as Y from 'yjs';
import { listTerms, nameOwners, subscribeGlossary } from '../doc/glossary';
import { listParticipants, subscribeParticipants } from '../doc/participants';
import type { TermRecord } from '../doc/schema';
import { createMatcher, type TermMatcher } from '../glossary/matcher';
import { duplicateGroups, type NameOwner } from '../glossary/normalize';
import { teamVocabulary, type TeamVocabulary } from '../glossary/vocabulary';
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
    teams: [...new Set(terms.flatMap((t) => t.aliases.map((a) => a.team)).filter(Boolean))].sort(compareNamesStrict),
  };
}

/** The glossary for `useSyncExternalStore`, rebuilt lazily after a change. */
export function createGlossaryStore(doc: Y.Doc): SnapshotStore<GlossarySnapshot> {
  return createSnapshotStore(
    (onChange) => subscribeGlossary(doc, onChange),
    () => buildGlossarySnapshot(listTerms(doc)),
  );
}

/**
 * The team vocabulary (lib/glossary/vocabulary.ts), live: it changes with the glossary and with
 * who joined, because every team present gets a column.
 */
export function createTeamVocabularyStore(doc: Y.Doc): SnapshotStore<TeamVocabulary> {
  return createSnapshotStore(
    (onChange) => {
      const offGlossary = subscribeGlossary(doc, onChange);
      const offParticipants = subscribeParticipants(doc, onChange);
      return () => {
        offGlossary();
        offParticipants();
      };
    },
    () => teamVocabulary(listTerms(doc), listParticipants(doc).map((p) => p.team)),
  );
}
