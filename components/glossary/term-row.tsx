'use client';

import { memo, useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { TermRecord } from '@/lib/doc/schema';
import type { PresenceState } from '@/lib/presence';
import { FlagButton } from '@/components/signals/flag-button';
import { ConsensusButton } from '@/components/facilitation/consensus-button';
import { ParkButton } from '@/components/signals/park-button';
import { useGlossary } from './glossary-context';
import { TermEditor } from './term-editor';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from './term-status';

type Props = { board: Y.Doc; term: TermRecord; duplicate: boolean; /** Team definitions (variants) of the term. */ variantCount: number; awareness: Awareness; user: PresenceState['user'] };

/** A term in the list: name, status and aliases; opens into the editor. Memoised: 500 of them re-render only when the glossary changes. */
export const TermRow = memo(function TermRow({ board, term, duplicate, variantCount, awareness, user }: Props) {
  const { openTermId, openTerm } = useGlossary();
  const open = openTermId === term.id;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  const label = term.name || 'Untitled term';
  return (
    <li ref={ref} id={`term-${term.id}`} className={`rounded-lg border bg-white p-3 ${open ? 'border-blue-600' : 'render-when-visible-row border-slate-200'}`} aria-label={label}>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => openTerm(open ? null : term.id)} aria-expanded={open} className="text-left font-semibold text-blue-900 hover:underline">
          {label}
        </button>
        <span className={`rounded px-1.5 text-xs font-medium ${TERM_STATUS_CLASS[term.status]}`}>{TERM_STATUS_LABEL[term.status]}</span>
        {duplicate && <span className="rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-950">Possible duplicate</span>}
        {variantCount >= 2 && <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-950">Contested · {variantCount} team definitions</span>}
        <span className="ml-auto flex gap-1">
          <FlagButton item={{ kind: 'term', id: term.id }} label={label} />
          <ParkButton item={{ kind: 'term', id: term.id }} label={label} />
          <ConsensusButton board={board} item={{ kind: 'term', id: term.id }} label={label} />
        </span>
      </div>
      {!open && term.aliases.length > 0 && (
        <p className="mt-1 text-sm text-slate-700">
          Also: {term.aliases.map((a) => (a.team ? `${a.text} (${a.team})` : a.text)).join(', ')}
        </p>
      )}
      {!open && term.definition && <p className="mt-1 line-clamp-2 text-sm text-slate-700">{term.definition}</p>}
      {open && <TermEditor board={board} term={term} awareness={awareness} user={user} />}
    </li>
  );
});
