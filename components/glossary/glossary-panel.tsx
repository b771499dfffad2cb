'use client';

import { useMemo, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { TERM_STATUSES, type TermStatus } from '@/lib/doc/schema';
import type { PresenceState } from '@/lib/presence';
import { AddTermForm } from './add-term-form';
import { CsvTools } from './csv-tools';
import { useGlossary } from './glossary-context';
import { TeamVocabulary } from './team-vocabulary';
import { TermRow } from './term-row';
import { TERM_STATUS_LABEL } from './term-status';
import { useProgressiveCount } from '@/components/ui/use-progressive-count';
import { CoverageMeter } from '@/components/variants/coverage-meter';
import { useVariants } from '@/components/variants/use-variants';

type Props = { board: Y.Doc; awareness: Awareness; user: PresenceState['user'] };

/** The glossary: terms A–Z, searchable, filterable by status and team, with the team vocabulary view. */
export function GlossaryPanel({ board, awareness, user }: Props) {
  const { glossary, openTermId } = useGlossary();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<TermStatus | ''>('');
  const [team, setTeam] = useState('');
  const [view, setView] = useState<'terms' | 'teams'>('terms');
  const variants = useVariants(board);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return glossary.terms.filter(
      (t) =>
        t.id === openTermId ||
        ((!status || t.status === status) &&
          (!team || t.aliases.some((a) => a.team === team)) &&
          (!q || t.name.toLowerCase().includes(q) || t.aliases.some((a) => a.text.toLowerCase().includes(q)) || t.definition.toLowerCase().includes(q))),
    );
  }, [glossary.terms, query, status, team, openTermId]);
  // 500 terms are built a batch at a time when the browser is idle (an opened term always shows).
  const shown = useProgressiveCount(visible.length, { initial: 40, batch: 150 });

  return (
    <section aria-labelledby="glossary-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="glossary-heading" className="text-xl font-semibold">
          Glossary <span className="text-base font-normal text-slate-600">({glossary.terms.length} {glossary.terms.length === 1 ? "term" : "terms"})</span>
        </h2>
        <div className="ml-auto flex rounded-md border border-slate-300 bg-white text-sm" role="group" aria-label="Glossary view">
          <button type="button" aria-pressed={view === 'terms'} onClick={() => setView('terms')} className={`px-2 py-1 ${view === 'terms' ? 'bg-slate-900 text-white' : ''}`}>
            Terms
          </button>
          <button type="button" aria-pressed={view === 'teams'} onClick={() => setView('teams')} className={`px-2 py-1 ${view === 'teams' ? 'bg-slate-900 text-white' : ''}`}>
            Team vocabulary
          </button>
        </div>
      </div>
      {view === 'teams' ? (
        <TeamVocabulary board={board} />
      ) : (
        <>
          <CoverageMeter board={board} />
          <AddTermForm board={board} />
          <div className="flex flex-wrap gap-2 text-sm">
            <label className="sr-only" htmlFor="glossary-search">
              Search the glossary
            </label>
            <input id="glossary-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search terms, aliases, definitions" className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1" />
            <label className="sr-only" htmlFor="glossary-status">
              Filter by status
            </label>
            <select id="glossary-status" value={status} onChange={(e) => setStatus(e.target.value as TermStatus | '')} className="rounded border border-slate-300 bg-white px-1">
              <option value="">Any status</option>
              {TERM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {TERM_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor="glossary-team">
              Filter by team
            </label>
            <select id="glossary-team" value={team} onChange={(e) => setTeam(e.target.value)} className="rounded border border-slate-300 bg-white px-1">
              <option value="">Any team</option>
              {glossary.teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <CsvTools board={board} />
          {glossary.terms.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-400 bg-white p-4 text-slate-700">
              No terms yet. Add the words this process depends on — “lead”, “opportunity” — and the words each team uses for them.
            </p>
          ) : visible.length === 0 ? (
            <p className="text-slate-700">No term matches.</p>
          ) : (
            <ul className="space-y-2" aria-label="Terms, A to Z">
              {visible.filter((t, i) => i < shown || t.id === openTermId).map((term) => (
                <TermRow key={term.id} board={board} term={term} duplicate={glossary.duplicateIds.has(term.id)} variantCount={variants.byItem.get(`term:${term.id}`)?.length ?? 0} awareness={awareness} user={user} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
