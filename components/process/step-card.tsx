'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { createContext, memo, useContext, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { maxLengthOf, setStepStatus, setStepText } from '@/lib/doc/process';
import { STEP_STATUSES, type StepId, type StepRecord, type StepStatus, type StickyRecord } from '@/lib/doc/schema';
import { FlagButton } from '@/components/signals/flag-button';
import { ParkButton } from '@/components/signals/park-button';
import { StepMetrics, type StepMetricView } from './step-metrics';
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
  stepCount: number;
  /** The steps now, for lists opened on demand (a stable function). */
  getSteps: () => readonly StepRecord[];
  stickies: readonly StickyRecord[];
  metrics: readonly StepMetricView[];
  editors: readonly PresenceEntry[];
  identity: Identity;
  selected: boolean;
  /** Focus the title on mount: the step was just added by this user. */
  autoFocusTitle: boolean;
  /** False while a large board is still being built: the notes, metrics and signals come a moment later. */
  revealed: boolean;
  /** Stable callbacks, told which step. */
  onMove: (id: StepId, toIndex: number) => void;
  onDelete: (id: StepId, title: string) => void;
  onOpen: (id: StepId) => void;
  onEditing: (id: StepId, editing: boolean) => void;
};

function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => same(x, b[i]!)));
}

/**
 * Whether a card would render the same: records by identity (the process snapshot keeps
 * unchanged ones), derived lists by content. On a board of 150 steps, typing in one title then
 * re-renders one card, not 150 cards and their thousand notes.
 */
export function sameCardProps(a: Props, b: Props): boolean {
  return (
    a.board === b.board &&
    a.step === b.step &&
    a.index === b.index &&
    a.stepCount === b.stepCount &&
    a.getSteps === b.getSteps &&
    a.stickies === b.stickies &&
    a.selected === b.selected &&
    a.autoFocusTitle === b.autoFocusTitle &&
    a.revealed === b.revealed &&
    a.onMove === b.onMove &&
    a.onDelete === b.onDelete &&
    a.onOpen === b.onOpen &&
    a.onEditing === b.onEditing &&
    a.identity.id === b.identity.id &&
    a.identity.name === b.identity.name &&
    a.identity.team === b.identity.team &&
    sameItems(a.metrics, b.metrics, (x, y) => x.metric === y.metric && x.boundary === y.boundary) &&
    sameItems(a.editors, b.editors, (x, y) => x.id === y.id && x.name === y.name && x.color === y.color)
  );
}

/** One step of the process: title, status, who is editing it, and its sticky notes. */
export const StepCard = memo(function StepCard({ board, step, index, stepCount, getSteps, stickies, metrics, editors, identity, selected, autoFocusTitle, revealed, onMove, onDelete, onOpen, onEditing }: Props) {
  const locked = useLockedForMe({ kind: 'step', id: step.id });
  const label = step.title || 'Untitled step';
  const onKeyDown = (event: KeyboardEvent) => {
    // Alt+←/→ moves the focused step; focus stays on what the user was in.
    if (locked || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const to = index + (event.key === 'ArrowLeft' ? -1 : 1);
    if (to >= 0 && to < stepCount) onMove(step.id, to);
  };
  return (
    <SortableArticle
      id={step.id}
      locked={locked}
      onKeyDown={onKeyDown}
      onFocusCapture={() => onEditing(step.id, true)}
      onBlurCapture={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && onEditing(step.id, false)}
      label={`Step ${index + 1}: ${label}`}
      className={`render-when-visible flex w-72 shrink-0 flex-col gap-2 rounded-xl border bg-white p-3 shadow-sm ${selected ? 'border-blue-600 ring-2 ring-blue-600' : 'border-slate-300'}`}
    >
      <div className="flex items-center gap-2">
        <DragHandle label={label} />
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
        <button type="button" onClick={() => onOpen(step.id)} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100" aria-label={`Open details of ${label}`} aria-pressed={selected}>
          Details
        </button>
        <button type="button" onClick={() => onMove(step.id, index - 1)} disabled={locked || index === 0} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40" aria-label={`Move ${label} left`}>
          ←
        </button>
        <button type="button" onClick={() => onMove(step.id, index + 1)} disabled={locked || index === stepCount - 1} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40" aria-label={`Move ${label} right`}>
          →
        </button>
        <button type="button" onClick={() => onDelete(step.id, step.title)} disabled={locked} className="ml-auto rounded px-2 py-0.5 text-red-800 underline hover:bg-red-50 disabled:opacity-40" aria-label={`Delete ${label}`}>
          Delete
        </button>
      </div>
      {revealed ? (
        <>
          <div className="flex flex-wrap gap-1">
            <FlagButton item={{ kind: 'step', id: step.id }} label={label} />
            <ParkButton item={{ kind: 'step', id: step.id }} label={label} />
            <ConsensusButton board={board} item={{ kind: 'step', id: step.id }} label={label} />
          </div>
          <StepMetrics metrics={metrics} stepLabel={label} />
          <ul className="space-y-2" aria-label={`Notes on ${label}`}>
            {stickies.map((sticky) => (
              <StickyNote key={sticky.id} board={board} sticky={sticky} getSteps={getSteps} />
            ))}
          </ul>
          <AddStickyForm board={board} stepId={step.id} stepLabel={label} identity={identity} />
        </>
      ) : (
        // Built a moment later, when the browser is idle (see useProgressiveCount).
        <p className="text-sm text-slate-600">
          {stickies.length} {stickies.length === 1 ? 'note' : 'notes'}
          {metrics.length > 0 ? `, ${metrics.length} ${metrics.length === 1 ? 'metric' : 'metrics'}` : ''}
        </p>
      )}
    </SortableArticle>
  );
}, sameCardProps);

type SortableHandle = Pick<ReturnType<typeof useSortable>, 'attributes' | 'listeners' | 'setActivatorNodeRef'>;
const HandleContext = createContext<SortableHandle | null>(null);

/**
 * The card's outer element, driven by dnd-kit. dnd-kit re-renders every sortable item whenever
 * the list around it renders; keeping `useSortable` here (and in the handle) means that only
 * this shell and the handle re-render then. The card's content is the same element as before,
 * so React skips it.
 */
function SortableArticle({ id, locked, label, className, onKeyDown, onFocusCapture, onBlurCapture, children }: {
  id: StepId;
  locked: boolean;
  label: string;
  className: string;
  onKeyDown: (event: KeyboardEvent) => void;
  onFocusCapture: () => void;
  onBlurCapture: (event: FocusEvent<HTMLElement>) => void;
  children: ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: locked });
  return (
    <article
      ref={setNodeRef}
      id={`step-card-${id}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onKeyDown={onKeyDown}
      onFocusCapture={onFocusCapture}
      onBlurCapture={onBlurCapture}
      aria-label={label}
      className={`${className} ${isDragging ? 'opacity-70' : ''}`}
    >
      <HandleContext.Provider value={{ attributes, listeners, setActivatorNodeRef }}>{children}</HandleContext.Provider>
    </article>
  );
}

function DragHandle({ label }: { label: string }) {
  const handle = useContext(HandleContext);
  return (
    <button
      type="button"
      ref={handle?.setActivatorNodeRef}
      {...handle?.attributes}
      {...handle?.listeners}
      aria-label={`Drag to reorder ${label}`}
      className="cursor-grab rounded px-1 text-slate-600 hover:bg-slate-100"
    >
      ⠿
    </button>
  );
}
