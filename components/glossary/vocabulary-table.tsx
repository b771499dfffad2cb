import type { ReactNode } from 'react';
import type { TeamVocabulary } from '@/lib/glossary/vocabulary';

/**
 * The team vocabulary as a table: canonical terms against each team's words. Drawn from
 * `teamVocabulary` (lib/glossary/vocabulary.ts) in the glossary panel and in the handbook alike;
 * `renderTerm` lets the panel make each term a button.
 */
export function VocabularyTable({ vocabulary, caption, renderTerm }: { vocabulary: TeamVocabulary; caption: string; renderTerm?: (row: TeamVocabulary['rows'][number]) => ReactNode }) {
  return (
    <table className="min-w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="border-b border-slate-300 p-2 text-left">
            Canonical term
          </th>
          {vocabulary.columns.map((team) => (
            <th key={team} scope="col" className="border-b border-slate-300 p-2 text-left">
              {team}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {vocabulary.rows.map((row) => (
          <tr key={row.id} className="handbook-keep odd:bg-slate-50">
            <th scope="row" className="p-2 text-left font-semibold">
              {renderTerm ? renderTerm(row) : row.term || 'Untitled term'}
            </th>
            {vocabulary.columns.map((team) => (
              <td key={team} className="p-2">
                {row.words[team]?.join(', ') ?? <span className="text-slate-500">—</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
