'use client';

import { useMemo } from 'react';
import type * as Y from 'yjs';
import { itemKey, VARIANT_PARTS, type ItemRef } from '@/lib/doc/schema';
import { CONSENSUS_LEVELS, aggregateConsensus } from '@/lib/doc/votes';
import { diffVariantParts, diffVariants } from '@/lib/glossary/variant-text';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useVotes } from '@/components/facilitation/use-votes';
import { useGlossary } from '@/components/glossary/glossary-context';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';
import { useMetrics } from '@/components/metrics/use-metrics';
import { DiffText } from '@/components/variants/diff-text';
import { useVariants } from '@/components/variants/use-variants';
import { PART_LABEL } from '@/components/variants/variant-column';
import { useDecision } from './use-decision';

/**
 * A contested term (or metric) on the projector: each team's definition side by side in large
 * type with the differing words marked, the working definition, and once agreed the consensus
 * result it was agreed with.
 */
export function ProjectorVariants({ board, item }: { board: Y.Doc; item: ItemRef }) {
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const { doc, isLocked, facilitation } = useFacilitation();
  const votes = useVotes(board);
  const key = itemKey(item);
  const { byItem } = useVariants(board);
  const variants = useMemo(() => byItem.get(key) ?? [], [byItem, key]);
  const segments = useMemo(() => diffVariants(variants.map((v) => v.text)), [variants]);
  const partSegments = useMemo(() => diffVariantParts(variants.map((v) => v.parts), VARIANT_PARTS), [variants]);
  const decision = useDecision(doc, key);
  const record = item.kind === 'term' ? glossary.byId.get(item.id) : metrics.find((m) => m.id === item.id);
  if (!record) return <p className="text-[4vh]">This item no longer exists.</p>;
  const agreed = record.status === 'agreed';
  const result = decision ? CONSENSUS_LEVELS.filter((l) => (decision.counts[l.id] ?? 0) > 0).map((l) => `${l.label}: ${decision.counts[l.id]}`).join(' · ') : '';
  // A check on this item closed without agreeing: the room sees where it stood (counts, never who).
  const session = facilitation.consensus;
  const closedCounts = !agreed && session && session.item === key && session.status === 'closed' ? aggregateConsensus(votes.answers(session.id)).counts : null;
  const closedResult = closedCounts ? CONSENSUS_LEVELS.filter((l) => (closedCounts.get(l.id) ?? 0) > 0).map((l) => `${l.label}: ${closedCounts.get(l.id)}`).join(' · ') : '';
  return (
    <section aria-label="Competing definitions" className="space-y-[2vh]">
      <p className="text-[3vh] text-slate-300">{agreed ? 'How we agreed on' : 'Where we mean different things'}</p>
      <h2 className="flex flex-wrap items-center gap-[2vh] text-[5.5vh] leading-tight font-bold">
        {record.name || 'Untitled'}
        <span className={`rounded px-[1vh] text-[3vh] font-medium ${TERM_STATUS_CLASS[record.status]}`}>{TERM_STATUS_LABEL[record.status]}</span>
      </h2>
      {variants.length === 0 && <p className="text-[3vh] text-slate-300">No team has added its definition yet.</p>}
      <ul className="grid gap-[2vh]" style={{ gridTemplateColumns: `repeat(${Math.min(Math.max(variants.length, 1), 4)}, minmax(0, 1fr))` }} aria-label="Team definitions">
        {variants.map((variant, i) => (
          <li key={variant.key} className="rounded-2xl bg-white p-[2.5vh] text-slate-950" aria-label={variant.team}>
            <p className="text-[3.2vh] font-bold">{variant.team}</p>
            <p className="text-[3vh] text-slate-700">{variant.authors.map((a) => a.name).join(', ')}</p>
            <p className="mt-[1.5vh] text-[3.4vh] leading-snug whitespace-pre-line">
              <DiffText segments={segments[i] ?? []} />
            </p>
            {variant.parts && (
              <dl className="mt-[1.5vh] grid grid-cols-[auto_1fr] gap-x-[1.5vh] text-[3vh]">
                {VARIANT_PARTS.filter((p) => variant.parts![p]).map((p) => (
                  <div key={p} className="contents">
                    <dt className="font-semibold">{PART_LABEL[p]}</dt>
                    <dd>
                      <DiffText segments={partSegments[i]?.[p] ?? []} empty="—" />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
      {record.definition && (
        <div className={`rounded-2xl p-[2.5vh] ${agreed ? 'bg-green-100 text-green-950' : 'bg-slate-800 text-white'}`} data-testid="projector-agreed-definition">
          <p className="text-[3vh] font-semibold">{agreed ? `Agreed${isLocked(item) ? ' and locked' : ''}` : 'Working definition'}</p>
          <p className="text-[3.6vh] leading-snug whitespace-pre-line">{record.definition}</p>
          {agreed && result && <p className="mt-[1vh] text-[3vh]" data-testid="projector-consensus-result">Consensus: {result}</p>}
        </div>
      )}
      {closedCounts && (
        <p className="rounded-2xl bg-amber-100 p-[2.5vh] text-[3vh] text-amber-950" data-testid="projector-consensus-result">
          Not agreed yet. Last check: {closedResult || 'nobody answered'}
        </p>
      )}
    </section>
  );
}
