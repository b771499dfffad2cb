'use client';

import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import { memo, type KeyboardEvent } from 'react';
import { maxLengthOf, setStepStatus, setStepText } from '@/lib/doc/process';
import { STEP_STATUSES, type MetricRecord, type StepRecord, type StepStatus } from '@/lib/doc/schema';
import type { PresenceEntry } from '@/lib/presence';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { STATUS_CLASS, STATUS_LABEL } from '@/components/process/sticky-kinds';
import { useWallActions } from './wall-context';

export type StepNodeData = {
  step: StepRecord;
  index: number;
  stepCount: number;
  notes: number;
  flags: number;
  parked: number;
  metrics: readonly MetricRecord[];
  editors: readonly PresenceEntry[];
  locked: boolean;
  selected: boolean;
  dropHint: boolean;
  autoFocusTitle: boolean;
};
export type StepNode = Node<StepNodeData, 'step'>;

/** Below this zoom a card shows only its title, large (like a wall seen from across the room). */
export const FAR_ZOOM = 0.6;
const farSelector = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;
/**
 * The title's size when far: at least 12 px on screen whatever the zoom (whole pixels, so panning
 * does not re-render); a word longer than the card is broken rather than cut.
 */
const farTitleSelector = (s: { transform: [number, number, number] }) => Math.min(56, Math.ceil(12.05 / Math.max(s.transform[2], 0.05)));

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A step as a card at the head of its column: title, status, owner and small counts. The rest
 * (description, criteria, inputs, outputs, signals) opens in the drawer.
 */
export const WallStep = memo(function WallStep({ data }: NodeProps<StepNode>) {
  const { step, index, stepCount, notes, flags, parked, metrics, editors, locked, selected, dropHint, autoFocusTitle } = data;
  const actions = useWallActions();
  const far = useStore(farSelector);
  const farTitle = useStore(farTitleSelector);
  const label = step.title || 'Untitled step';
  const onKeyDown = (event: KeyboardEvent) => {
    if (locked || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    if ((event.target as HTMLElement).closest('input,textarea,select')) return;
    event.preventDefault();
    event.stopPropagation();
    actions.moveStepBy(step.id, event.key === 'ArrowLeft' ? -1 : 1);
  };
  const counts = [
    notes > 0 && plural(notes, 'note', 'notes'),
    flags > 0 && `${flags} don’t understand`,
    parked > 0 && `${parked} parked`,
  ].filter(Boolean) as string[];
  return (
    <article
      id={`wall-step-${step.id}`}
      aria-label={`Step ${index + 1}: ${label}`}
      onKeyDown={onKeyDown}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).closest('input,textarea,select,button')) return;
        actions.addNote(step.id);
      }}
      className={`flex h-full w-full flex-col gap-1.5 rounded-lg border-2 bg-white shadow-md ${far ? 'p-1.5' : 'p-2.5'} ${selected ? 'border-blue-700 ring-2 ring-blue-700' : dropHint ? 'border-blue-500 ring-4 ring-blue-300' : 'border-slate-400'}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!border-0 !bg-transparent" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="!border-0 !bg-transparent" />
      {far ? (
        <button type="button" onClick={() => actions.openStep(step.id)} className="nodrag relative flex h-full w-full items-start text-left" aria-label={`Open step ${index + 1}: ${label}`}>
          <span className="absolute -top-2 left-0 -translate-y-full rounded bg-slate-800 px-1.5 leading-tight font-semibold text-white" style={{ fontSize: Math.round(farTitle * 0.55) }} aria-hidden="true">
            {index + 1}
          </span>
          <span data-testid="wall-step-title" className="line-clamp-3 pb-[0.1em] leading-[1.1] font-bold text-slate-950 [overflow-wrap:anywhere]" style={{ fontSize: farTitle }}>
            {label}
          </span>
        </button>
      ) : (
        <>
          <div className="flex items-center gap-1.5 text-xs">
            <span className="font-semibold text-slate-700">Step {index + 1}</span>
            <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_CLASS[step.status]}`}>{STATUS_LABEL[step.status]}</span>
            <ul className="ml-auto flex -space-x-1" aria-label={`Editing ${label} now`}>
              {editors.map((person) => (
                <li key={person.id} title={`${person.name} is editing`} className="inline-flex h-5 w-5 items-center justify-center rounded-full border-2 border-white text-[10px] font-bold text-white" style={{ backgroundColor: person.color }}>
                  <span aria-hidden="true">{person.name.slice(0, 1).toUpperCase()}</span>
                  <span className="sr-only">{person.name}</span>
                </li>
              ))}
            </ul>
          </div>
          <div className="nodrag" data-testid="wall-step-title">
            <SharedTextField
              label={`Step ${index + 1} title`}
              hideLabel
              value={step.title}
              onChange={(next) => setStepText(actions.board, step.id, 'title', next)}
              maxLength={maxLengthOf('title')}
              placeholder="Untitled step"
              readOnly={locked}
              autoFocus={autoFocusTitle}
              className="border-transparent px-1 py-0.5 text-base font-semibold hover:border-slate-300"
            />
          </div>
          <p className="truncate text-xs text-slate-700">{step.ownerRole ? `Owner: ${step.ownerRole}` : 'No owner yet'}</p>
          <p className="truncate text-xs text-slate-700" aria-label={`On ${label}`}>
            {counts.length > 0 ? counts.join(' · ') : 'No notes yet'}
            {metrics.length > 0 && ` · ${plural(metrics.length, 'metric', 'metrics')}`}
          </p>
          <div className="nodrag mt-auto flex items-center gap-1">
            <label htmlFor={`wall-status-${step.id}`} className="sr-only">
              Status of {label}
            </label>
            <select
              id={`wall-status-${step.id}`}
              value={step.status}
              onChange={(e) => setStepStatus(actions.board, step.id, e.target.value as StepStatus)}
              disabled={locked}
              className="h-7 rounded border border-slate-400 bg-white px-0.5 text-xs"
            >
              {STEP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => actions.openStep(step.id)} className="h-7 rounded border border-slate-400 px-2 text-xs font-medium hover:bg-slate-100" aria-label={`Details of ${label}`} aria-pressed={selected}>
              Details
            </button>
            <button type="button" onClick={() => actions.addNote(step.id)} disabled={locked} className="ml-auto h-7 rounded bg-slate-900 px-2 text-xs font-semibold whitespace-nowrap text-white hover:bg-slate-700 disabled:opacity-40" aria-label={`Add a note to ${label}`}>
              + Note
            </button>
          </div>
          <span className="sr-only">
            {index > 0 ? '' : 'First step. '}
            {index === stepCount - 1 ? 'Last step.' : ''}
          </span>
        </>
      )}
    </article>
  );
});
