'use client';

import { teamVocabulary } from '@/lib/sync/glossary-store';
import { useGlossary } from './glossary-context';

/** One row per canonical term, one column per team: where the words differ, it shows. */
export function TeamVocabulary() {
  const { glossary, openTerm } = useGlossary();
  const rows = teamVocabulary(glossary);
  if (glossary.teams.length === 0) {
    return <p className="text-slate-700">No team words yet. Add aliases with a team (“Team East calls this Deal”) to compare vocabularies.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">Team vocabulary: canonical terms against each team’s words</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b border-slate-300 p-2 text-left">
              Canonical term
            </th>
            {glossary.teams.map((team) => (
              <th key={team} scope="col" className="border-b border-slate-300 p-2 text-left">
                {team}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ term, words }) => (
            <tr key={term.id} className="odd:bg-slate-50">
              <th scope="row" className="p-2 text-left font-semibold">
                <button type="button" onClick={() => openTerm(term.id)} className="text-blue-900 hover:underline">
                  {term.name || 'Untitled term'}
                </button>
              </th>
              {glossary.teams.map((team) => (
                <td key={team} className="p-2">
                  {words.get(team)?.join(', ') ?? <span className="text-slate-500">—</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
