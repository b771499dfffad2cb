'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { maxLengthOf, setStepStatus, setStepText } from '@/lib/doc/process';
import { STEP_STATUSES, type MetricRecord, type StepRecord, type StepStatus, type StickyRecord } from '@/lib/doc/schema';
import { FlagButton } from '@/components/signals/flag-button';
import { ParkButton } from '@/components/signals/park-button';
import { StepMetrics } from './step-metrics';
import { ConsensusButton } from '@/components/facilitation/consensus-button';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';
import type { Identity, PresenceEntry } from '@/lib/presence';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { AddStickyForm } from './add-sticky-form';
import { StickyNote } from './sticky-note';
import { STATUS_LABEL } from './sticky-kinds';

type Props = {
  board: Y.Doc;
  step: StepRecord;
  index: number;
  steps: readonly StepRecord[];
  stickies: readonly StickyRecord[];
  metrics: readonly MetricRecord[];
  editors: readonly PresenceEntry[];
  identity: Identity;
  selected: boolean;
  /** Focus the title on mount: the step was just added by this user. */
  autoFocusTitle: boolean;
  onMove: (toIndex: number) => void;
  onDelete: () => void;
  onOpen: () => void;
  onEditing: (editing: boolean) => void;
};

/** One step of the process: title, status, who is editing it, and its sticky notes. */
export function StepCard({ board, step, index, steps, stickies, metrics, editors, identity, selected, autoFocusTitle, onMove, onDelete, onOpen, onEditing }: Props) {
  const locked = useLockedForMe({ kind: 'step', id: step.id });
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: step.id, disabled: locked });
  const label = step.title || 'Untitled step';
  const onKeyDown = (event: KeyboardEvent) => {
    // Alt+←/→ moves the focused step; focus stays on what the user was in.
    if (locked || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const to = index + (event.key === 'ArrowLeft' ? -1 : 1);
    if (to >= 0 && to < steps.length) onMove(to);
  };
  return (
    <article
      ref={setNodeRef}
      id={`step-card-${step.id}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onKeyDown={onKeyDown}
      onFocusCapture={() => onEditing(true)}
      onBlurCapture={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && onEditing(false)}
      aria-label={`Step ${index + 1}: ${label}`}
      className={`flex w-72 shrink-0 flex-col gap-2 rounded-xl border bg-white p-3 shadow-sm ${selected ? 'border-blue-600 ring-2 ring-blue-600' : 'border-slate-300'} ${isDragging ? 'opacity-70' : ''}`}
    >
      <div className="flex items-center gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Drag to reorder ${label}`}
          className="cursor-grab rounded px-1 text-slate-600 hover:bg-slate-100"
        >
          ⠿
        </button>
        <span className="text-sm font-semibold text-slate-600">Step {index + 1}</span>
        <ul className="ml-auto flex -space-x-1" aria-label={`Editing ${label} now`}>
          {editors.map((person) => (
            <li key={person.id} title={`${person.name} is editing`} className="inline-flex h-6 w-6 items-center justify-center rounded-full border-2 border-white text-xs font-bold text-white" style={{ backgroundColor: person.color }}>
              <span aria-hidden="true">{person.name.slice(0, 1).toUpperCase()}</span>
              <span className="sr-only">{person.name}</span>
            </li>
          ))}
        </ul>
      </div>
      <SharedTextField
        label={`Step ${index + 1} title`}
        hideLabel
        value={step.title}
        onChange={(next) => setStepText(board, step.id, 'title', next)}
        maxLength={maxLengthOf('title')}
        placeholder="Untitled step"
        readOnly={locked}
        autoFocus={autoFocusTitle}
        className="border-transparent text-lg font-semibold hover:border-slate-300"
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`status-${step.id}`} className="sr-only">
          Status of {label}
        </label>
        <select
          id={`status-${step.id}`}
          value={step.status}
          onChange={(e) => setStepStatus(board, step.id, e.target.value as StepStatus)}
          disabled={locked}
          className="rounded border border-slate-300 bg-white px-1 py-0.5"
        >
          {STEP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {step.ownerRole && <span className="truncate text-slate-700">Owner: {step.ownerRole}</span>}
      </div>
      <div className="flex flex-wrap gap-1 text-sm">
        <button type="button" onClick={onOpen} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100" aria-label={`Open details of ${label}`} aria-pressed={selected}>
          Details
        </button>
        <button type="button" onClick={() => onMove(index - 1)} disabled={locked || index === 0} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40" aria-label={`Move ${label} left`}>
          ←
        </button>
        <button type="button" onClick={() => onMove(index + 1)} disabled={locked || index === steps.length - 1} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40" aria-label={`Move ${label} right`}>
          →
        </button>
        <button type="button" onClick={onDelete} disabled={locked} className="ml-auto rounded px-2 py-0.5 text-red-800 underline hover:bg-red-50 disabled:opacity-40" aria-label={`Delete ${label}`}>
          Delete
        </button>
      </div>
      <div className="flex flex-wrap gap-1">
        <FlagButton item={{ kind: 'step', id: step.id }} label={label} />
        <ParkButton item={{ kind: 'step', id: step.id }} label={label} />
        <ConsensusButton board={board} item={{ kind: 'step', id: step.id }} label={label} />
      </div>
      <StepMetrics metrics={metrics} steps={steps} stepLabel={label} />
      <ul className="space-y-2" aria-label={`Notes on ${label}`}>
        {stickies.map((sticky) => (
          <StickyNote key={sticky.id} board={board} sticky={sticky} steps={steps} />
        ))}
      </ul>
      <AddStickyForm board={board} stepId={step.id} stepLabel={label} identity={identity} />
    </article>
  );
}
