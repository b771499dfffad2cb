'use client';

import type * as Y from 'yjs';
import { metricsOnStep } from '@/lib/doc/metrics';
import { parseFocus } from '@/lib/doc/sessions';
import { parseItemKey, type MetricRecord, type StepRecord, type StickyRecord } from '@/lib/doc/schema';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useGlossary } from '@/components/glossary/glossary-context';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';
import { useMetrics } from '@/components/metrics/use-metrics';
import { useProcess } from '@/components/process/use-process';
import { STATUS_CLASS, STATUS_LABEL, STICKY_STYLE } from '@/components/process/sticky-kinds';
import { useItemLabels } from '@/components/signals/use-item-label';
import { ProjectorConsensus } from './projector-consensus';
import { ProjectorGlossary } from './projector-glossary';
import { ProjectorProcess } from './projector-process';
import { useVariants } from '@/components/variants/use-variants';
import { ProjectorVariants } from './projector-variants';
import { ProjectorVote } from './projector-vote';
import { useProjectorSignals, useStepDescription } from './use-projector-data';

const CARD = 'rounded-2xl bg-white p-[3vh] text-slate-950';

/** What the facilitator has put on the screen: a panel, an activity, or one step, term or metric, large. */
export function ProjectorFocus({ board }: { board: Y.Doc }) {
  const { facilitation } = useFacilitation();
  const { steps, stickiesByStep } = useProcess(board);
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const variants = useVariants(board);
  const focus = parseFocus(facilitation.focus);
  if (focus.kind === 'panel' && focus.panel === 'glossary') return <ProjectorGlossary showEmpty />;
  if (focus.kind === 'variants') return <ProjectorVariants board={board} item={focus.item} />;
  if (focus.kind === 'panel' && focus.panel === 'parking') return <ProjectorParking board={board} />;
  if (focus.kind === 'panel' && focus.panel === 'heatmap') return <ProjectorHeatMap board={board} />;
  if (focus.kind === 'panel' && focus.panel === 'vote') {
    // Votes and consensus checks share the "activity" focus; an open consensus check is the newer one
    // when both exist only if the vote is closed.
    const consensus = facilitation.consensus;
    const vote = facilitation.vote;
    if (consensus && consensus.status !== 'closed' && (!vote || vote.status === 'closed')) return <ProjectorConsensus board={board} session={consensus} />;
    // A finished check on a contested term: its team definitions, then what the room agreed.
    const checked = consensus && (!vote || vote.status === 'closed') ? parseItemKey(consensus.item) : null;
    if (checked && variants.contested.has(consensus!.item)) return <ProjectorVariants board={board} item={checked} />;
    return <ProjectorVote board={board} />;
  }
  if (focus.kind === 'panel' && focus.panel === 'metrics') {
    return (
      <ul className="grid grid-cols-2 gap-[2vh]" aria-label="Metrics">
        {metrics.map((m) => (
          <li key={m.id} className={`${CARD} text-[3vh]`} data-fit-item="">
            <p className="text-[3.6vh] font-bold">{m.name}</p>
            <p>{formula(m)}{m.target && ` · target ${m.target}`}</p>
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
    if (step) {
      const exists = (stepId: string) => steps.some((s) => s.id === stepId);
      return <FocusedStep board={board} step={step} index={steps.indexOf(step)} notes={stickiesByStep.get(step.id) ?? []} metrics={metricsOnStep(metrics, step.id, exists)} />;
    }
    if (term) {
      return (
        <article className={CARD} aria-label="Focused term">
          <h2 className="text-[6vh] leading-tight font-bold">{term.name}</h2>
          <span className={`mt-[1vh] inline-block rounded px-[1vh] text-[3vh] ${TERM_STATUS_CLASS[term.status]}`}>{TERM_STATUS_LABEL[term.status]}</span>
          <p className="mt-[2vh] text-[3.6vh] whitespace-pre-line">{term.definition || 'No definition yet.'}</p>
          {term.aliases.length > 0 && <p className="mt-[2vh] text-[3vh] text-slate-700">Also called: {term.aliases.map((a) => (a.team ? `${a.text} (${a.team})` : a.text)).join(', ')}</p>}
        </article>
      );
    }
    if (metric) {
      return (
        <article className={CARD} aria-label="Focused metric">
          <h2 className="text-[6vh] leading-tight font-bold">{metric.name}</h2>
          <p className="mt-[2vh] text-[3.6vh]">{formula(metric)}</p>
          {metric.target && <p className="mt-[1vh] text-[3vh]">Target: {metric.target}</p>}
          {metric.definition && <p className="mt-[2vh] text-[3vh] whitespace-pre-line">{metric.definition}</p>}
        </article>
      );
    }
  }
  // The overview (no focus, or the process): the process map. The glossary has its own focus.
  return <ProjectorProcess board={board} />;
}

function formula(metric: MetricRecord): string {
  if (!metric.numerator && !metric.denominator) return 'No formula yet';
  return metric.denominator ? `${metric.numerator || '…'} ÷ ${metric.denominator}` : metric.numerator;
}

function FocusedStep({ board, step, index, notes, metrics }: { board: Y.Doc; step: StepRecord; index: number; notes: readonly StickyRecord[]; metrics: readonly MetricRecord[] }) {
  const description = useStepDescription(board, step.id);
  return (
    <article className={`${CARD} space-y-[2vh]`} aria-label="Focused step">
      <div>
        <p className="text-[3vh] text-slate-700">Step {index + 1}</p>
        <h2 className="text-[6vh] leading-tight font-bold">{step.title || 'Untitled step'}</h2>
        <p className="mt-[1vh] flex flex-wrap gap-[2vh] text-[3vh]">
          <span className={`rounded px-[1vh] ${STATUS_CLASS[step.status]}`}>{STATUS_LABEL[step.status]}</span>
          {step.ownerRole && <span>Owner: {step.ownerRole}</span>}
        </p>
      </div>
      {description && <p className="text-[3.2vh] whitespace-pre-line" data-testid="projector-step-description">{description}</p>}
      {(step.entryCriteria || step.exitCriteria) && (
        <div className="text-[3vh]">
          {step.entryCriteria && <p>Entry: {step.entryCriteria}</p>}
          {step.exitCriteria && <p>Exit: {step.exitCriteria}</p>}
        </div>
      )}
      {metrics.length > 0 && (
        <ul className="flex flex-wrap gap-[1.5vh]" aria-label="Metrics on this step">
          {metrics.map((metric) => (
            <li key={metric.id} className="rounded border-l-8 border-teal-600 bg-teal-50 p-[1vh] text-[3vh]" data-fit-item="">
              <span className="font-semibold">{metric.name}</span>
              {metric.target && ` · target ${metric.target}`}
            </li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <ul className="grid grid-cols-3 gap-[1.5vh]" aria-label="Notes on this step">
          {notes.map((note) => (
            <li key={note.id} className={`rounded border-l-8 p-[1vh] text-[3vh] ${STICKY_STYLE[note.kind].className}`} data-fit-item="">
              <span className="font-semibold">{STICKY_STYLE[note.kind].label}:</span> {note.text}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function ProjectorParking({ board }: { board: Y.Doc }) {
  const { parking } = useProjectorSignals(board);
  const labelOf = useItemLabels(board);
  const open = parking.filter((item) => !item.resolved);
  return (
    <section aria-label="Parking lot" className="space-y-[2vh]">
      <h2 className="text-[5vh] font-bold">Parking lot</h2>
      {open.length === 0 && <p className="text-[3vh] text-slate-300">Nothing parked.</p>}
      <ul className="grid grid-cols-2 gap-[2vh]">
        {open.map((item) => (
          <li key={item.id} className={`${CARD} text-[3vh]`} data-fit-item="">
            <p>{item.text || 'Untitled item'}</p>
            {item.source && <p className="mt-[1vh] text-[3vh] text-slate-700">From {labelOf(item.source).text.replace(/^\S+/, (kind) => kind.toLowerCase())}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Where the room is lost, for everyone to see: flagged items, most flagged first, with counts.
 * Never the teams: on a screen for the whole room a team of one would name its person (flags are
 * anonymous to everyone but the facilitator).
 */
function ProjectorHeatMap({ board }: { board: Y.Doc }) {
  const { flags } = useProjectorSignals(board);
  const labelOf = useItemLabels(board);
  const max = Math.max(1, ...flags.map((f) => f.count));
  const shown = flags.slice(0, 8);
  return (
    <section aria-label="Confusion heat map" className="space-y-[2vh]">
      <h2 className="text-[5vh] font-bold">Where we are not clear yet</h2>
      {flags.length === 0 && <p className="text-[3vh] text-slate-300">Nobody has said “I don’t understand”.</p>}
      <ol className="space-y-[1.5vh]">
        {shown.map((flag) => {
          const label = labelOf(flag.item);
          return (
            <li key={`${flag.item.kind}:${flag.item.id}`} className={`${CARD} flex items-center gap-[2vh] py-[1.5vh] text-[3vh]`}>
              <span className="w-[30%] min-w-0 truncate font-semibold">
                {label.text}
              </span>
              <span className="h-[2.4vh] flex-1 rounded bg-purple-100" aria-hidden="true">
                <span className="block h-full rounded bg-purple-700" style={{ width: `${(flag.count / max) * 100}%` }} />
              </span>
              <span className="font-bold tabular-nums">{flag.count}</span>
            </li>
          );
        })}
      </ol>
      {flags.length > shown.length && <p className="text-[3vh] text-slate-300">and {flags.length - shown.length} more</p>}
    </section>
  );
}
