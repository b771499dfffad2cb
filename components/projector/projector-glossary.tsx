'use client';

import { useGlossary } from '@/components/glossary/glossary-context';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';

/** The glossary for the projector: read-only, large type. */
export function ProjectorGlossary({ showEmpty = false }: { showEmpty?: boolean }) {
  const { glossary } = useGlossary();
  if (glossary.terms.length === 0 && !showEmpty) return null;
  return (
    <section aria-labelledby="projector-glossary" className="space-y-4">
      <h2 id="projector-glossary" className="text-4xl font-bold">
        Glossary
      </h2>
      {glossary.terms.length === 0 && <p className="text-3xl text-slate-300">No terms yet.</p>}
      <dl className="grid grid-cols-[repeat(auto-fill,minmax(24rem,1fr))] gap-4">
        {glossary.terms.map((term) => (
          <div key={term.id} className="rounded-xl bg-white p-4 text-slate-950">
            <dt className="flex flex-wrap items-center gap-3 text-3xl font-bold">
              {term.name || 'Untitled term'}
              <span className={`rounded px-2 py-0.5 text-lg font-medium ${TERM_STATUS_CLASS[term.status]}`}>{TERM_STATUS_LABEL[term.status]}</span>
            </dt>
            <dd className="mt-2 space-y-2 text-2xl">
              {term.definition && <p className="whitespace-pre-line">{term.definition}</p>}
              {term.aliases.length > 0 && (
                <p className="text-xl text-slate-700">Also called: {term.aliases.map((a) => (a.team ? `${a.text} (${a.team})` : a.text)).join(', ')}</p>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
