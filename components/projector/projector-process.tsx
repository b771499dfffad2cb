'use client';

import type * as Y from 'yjs';
import { useProcess } from '@/components/process/use-process';
import { useMetrics } from '@/components/metrics/use-metrics';
import { metricsOnStep } from '@/lib/doc/metrics';
import type { StepId } from '@/lib/doc/schema';
import { STATUS_CLASS, STATUS_LABEL, STICKY_STYLE } from '@/components/process/sticky-kinds';

/** The overview shows a step's first notes; focusing the step shows them all. */
const NOTES_PER_STEP = 3;

/** The process map for the projector: read-only, large type, wrapping rows (a projector cannot scroll). */
export function ProjectorProcess({ board }: { board: Y.Doc }) {
  const { steps, stickiesByStep } = useProcess(board);
  const metrics = useMetrics(board);
  const stepExists = (id: StepId) => steps.some((s) => s.id === id);
  if (steps.length === 0) return <p className="text-[3vh] text-slate-300">The process map is empty.</p>;
  return (
    <ol className="grid grid-cols-[repeat(auto-fill,minmax(38vh,1fr))] gap-[1.5vh]" aria-label="Process steps">
      {steps.map((step, index) => (
        <li key={step.id} className="rounded-xl bg-white p-[1.5vh] text-slate-950" data-fit-item="">
          <p className="text-[3vh] font-semibold text-slate-700">Step {index + 1}</p>
          <h2 className="text-[3.6vh] leading-tight font-bold">{step.title || 'Untitled step'}</h2>
          <p className="mt-[0.8vh] flex flex-wrap items-center gap-[0.8vh] text-[3vh]">
            <span className={`rounded px-2 py-0.5 ${STATUS_CLASS[step.status]}`}>{STATUS_LABEL[step.status]}</span>
            {step.ownerRole && <span>Owner: {step.ownerRole}</span>}
          </p>
          <ul className="mt-[1vh] space-y-[0.8vh]" aria-label={`Metrics on ${step.title || 'Untitled step'}`}>
            {metricsOnStep(metrics, step.id, stepExists).map((metric) => (
              <li key={metric.id} className="rounded border-l-8 border-teal-600 bg-teal-50 p-[0.8vh] text-[3vh]">
                <span className="font-semibold">{metric.name}</span>
                {metric.target && ` · target ${metric.target}`}
              </li>
            ))}
          </ul>
          <ul className="mt-[1vh] space-y-[0.8vh]">
            {(stickiesByStep.get(step.id) ?? []).slice(0, NOTES_PER_STEP).map((sticky) => (
              <li key={sticky.id} className={`rounded border-l-8 p-[0.8vh] text-[3vh] ${STICKY_STYLE[sticky.kind].className}`}>
                <span className="font-semibold">{STICKY_STYLE[sticky.kind].label}:</span> {sticky.text}
              </li>
            ))}
          </ul>
          {(stickiesByStep.get(step.id)?.length ?? 0) > NOTES_PER_STEP && (
            <p className="mt-[0.8vh] text-[3vh] text-slate-700">and {stickiesByStep.get(step.id)!.length - NOTES_PER_STEP} more notes</p>
          )}
        </li>
      ))}
    </ol>
  );
}
