'use client';

import type { NameOwner } from '@/lib/glossary/normalize';
import type { TermId } from '@/lib/doc/schema';
import { useGlossary } from './glossary-context';

/** "This name is already used": each clash names the term (and team) and links to it. */
export function CollisionWarning({ collisions, id }: { collisions: readonly NameOwner[]; id?: string }) {
  const { openTerm } = useGlossary();
  if (collisions.length === 0) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-amber-500 bg-amber-50 px-2 py-1 text-sm">
      Already in the glossary:{' '}
      {collisions.map((c, i) => (
        <span key={`${c.termId}-${c.text}-${i}`}>
          {i > 0 && ', '}
          <button type="button" onClick={() => openTerm(c.termId as TermId)} className="font-semibold text-blue-800 underline">
            {c.via === 'name' ? c.termName : `${c.text} (alias${c.team ? ` of ${c.team}` : ''} for ${c.termName})`}
          </button>
        </span>
      ))}
    </div>
  );
}
