'use client';

import type * as Y from 'yjs';
import { useGlossary } from './glossary-context';
import { useTeamVocabulary } from './use-team-vocabulary';
import { VocabularyTable } from './vocabulary-table';

/** One row per canonical term, one column per team present: where the words differ, it shows. */
export function TeamVocabulary({ board }: { board: Y.Doc }) {
  const { openTerm } = useGlossary();
  const vocabulary = useTeamVocabulary(board);
  if (vocabulary.rows.length === 0) return <p className="text-slate-700">No terms yet. Add a term, then the words each team uses for it.</p>;
  if (vocabulary.columns.length === 0) {
    return <p className="text-slate-700">No team words yet. Add aliases with a team (“Team East calls this Deal”) to compare vocabularies.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <VocabularyTable
        vocabulary={vocabulary}
        caption="Team vocabulary: canonical terms against each team’s words"
        renderTerm={(row) => (
          <button type="button" onClick={() => openTerm(row.id)} className="text-blue-900 hover:underline">
            {row.term || 'Untitled term'}
          </button>
        )}
      />
    </div>
  );
}
