'use client';

import { useGlossary } from '@/components/glossary/glossary-context';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';

/** The glossary for the projector: read-only, large type. */
export function ProjectorGlossary({ showEmpty = false }: { showEmpty?: boolean }) {
  const { glossary } = useGlossary();
  if (glossary.terms.length === 0 && !showEmpty) return null;
  return (
    <section aria-labelledby="projector-glossary" className="space-y-[2vh]">
      <h2 id="projector-glossary" className="text-[4.4vh] font-bold">
        Glossary
      </h2>
      {glossary.terms.length === 0 && <p className="text-[3vh] text-slate-300">No terms yet.</p>}
      <dl className="grid grid-cols-[repeat(auto-fill,minmax(48vh,1fr))] gap-[1.5vh]">
        {glossary.terms.map((term) => (
          <div key={term.id} className="rounded-xl bg-white p-[1.5vh] text-slate-950" data-fit-item="">
            <dt className="flex flex-wrap items-center gap-[1vh] text-[3.6vh] font-bold">
              {term.name || 'Untitled term'}
              <span className={`rounded px-[0.8vh] text-[3vh] font-medium ${TERM_STATUS_CLASS[term.status]}`}>{TERM_STATUS_LABEL[term.status]}</span>
            </dt>
            <dd className="mt-[1vh] space-y-[1vh] text-[3vh]">
              {term.definition && <p className="whitespace-pre-line">{term.definition}</p>}
              {term.aliases.length > 0 && (
                <p className="text-[3vh] text-slate-700">Also called: {term.aliases.map((a) => (a.team ? `${a.text} (${a.team})` : a.text)).join(', ')}</p>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
