'use client';

import type * as Y from 'yjs';
import { parseFocus } from '@/lib/doc/sessions';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useGlossary } from '@/components/glossary/glossary-context';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';
import { useMetrics } from '@/components/metrics/use-metrics';
import { useProcess } from '@/components/process/use-process';
import { STATUS_CLASS, STATUS_LABEL } from '@/components/process/sticky-kinds';
import { ProjectorGlossary } from './projector-glossary';
import { ProjectorProcess } from './projector-process';
import { ProjectorVote } from './projector-vote';

/** What the facilitator has put on the screen: a panel, or one step, term or metric, large. */
export function ProjectorFocus({ board }: { board: Y.Doc }) {
  const { facilitation } = useFacilitation();
  const { steps } = useProcess(board);
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const focus = parseFocus(facilitation.focus);
  if (focus.kind === 'panel' && focus.panel === 'glossary') return <ProjectorGlossary showEmpty />;
  if (focus.kind === 'panel' && focus.panel === 'vote') return <ProjectorVote board={board} />;
  if (focus.kind === 'panel' && focus.panel === 'metrics') {
    return (
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(24rem,1fr))] gap-4" aria-label="Metrics">
        {metrics.map((m) => (
          <li key={m.id} className="rounded-xl bg-white p-4 text-3xl font-bold text-slate-950">
            {m.name} {m.target && <span className="text-2xl font-normal">· target {m.target}</span>}
          </li>
        ))}
      </ul>
    );
  }
  if (focus.kind === 'item') {
    const { kind, id } = focus.item;
    const step = kind === 'step' ? steps.find((s) => s.id === id) : undefined;
    const term = kind === 'term' ? glossary.byId.get(id) : undefined;
    const metric = kind === 'metric' ? metrics.find((m) => m.id === id) : undefined;
    const card = 'rounded-2xl bg-white p-8 text-slate-950';
    if (step) {
      return (
        <article className={card} aria-label="Focused step">
          <p className="text-2xl text-slate-700">Step {steps.indexOf(step) + 1}</p>
          <h2 className="text-6xl font-bold">{step.title || 'Untitled step'}</h2>
          <p className="mt-4 flex gap-4 text-3xl">
            <span className={`rounded px-3 ${STATUS_CLASS[step.status]}`}>{STATUS_LABEL[step.status]}</span>
            {step.ownerRole && <span>Owner: {step.ownerRole}</span>}
          </p>
          {step.entryCriteria && <p className="mt-4 text-3xl">Entry: {step.entryCriteria}</p>}
          {step.exitCriteria && <p className="mt-2 text-3xl">Exit: {step.exitCriteria}</p>}
        </article>
      );
    }
    if (term) {
      return (
        <article className={card} aria-label="Focused term">
          <h2 className="text-6xl font-bold">{term.name}</h2>
          <span className={`mt-3 inline-block rounded px-3 text-3xl ${TERM_STATUS_CLASS[term.status]}`}>{TERM_STATUS_LABEL[term.status]}</span>
          <p className="mt-4 text-4xl whitespace-pre-line">{term.definition || 'No definition yet.'}</p>
          {term.aliases.length > 0 && <p className="mt-4 text-3xl text-slate-700">Also called: {term.aliases.map((a) => (a.team ? `${a.text} (${a.team})` : a.text)).join(', ')}</p>}
        </article>
      );
    }
    if (metric) {
      return (
        <article className={card} aria-label="Focused metric">
          <h2 className="text-6xl font-bold">{metric.name}</h2>
          <p className="mt-4 text-4xl">{metric.numerator || '…'} ÷ {metric.denominator || '…'}</p>
          {metric.target && <p className="mt-2 text-3xl">Target: {metric.target}</p>}
          {metric.definition && <p className="mt-4 text-3xl whitespace-pre-line">{metric.definition}</p>}
        </article>
      );
    }
  }
  // The overview (no focus, or the process): the process map and, below it, the glossary.
  return (
    <div className="space-y-10">
      <ProjectorProcess board={board} />
      <ProjectorGlossary />
    </div>
  );
}
