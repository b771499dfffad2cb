'use client';

import { useRef, useState } from 'react';
import { BoardLimitError } from '@/lib/doc/fields';
import { addSticky, deleteStep, deleteSticky, moveStep, setStickyKind, setStickyText } from '@/lib/doc/process';
import { STICKY_KINDS, type StepId, type StickyId, type StickyKind } from '@/lib/doc/schema';
import { colorFor, type Identity } from '@/lib/presence';
import { LIMITS } from '@/lib/protocol';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useProcess } from '@/components/process/use-process';
import { STATUS_CLASS, STATUS_LABEL } from '@/components/process/sticky-kinds';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { FlagButton } from '@/components/signals/flag-button';
import { ParkButton } from '@/components/signals/park-button';
import { NOTE_STYLE } from './note-node';
import { StepDrawer } from './step-drawer';

/**
 * The wall on a phone: one step at a time, with its notes and the same actions, large targets,
 * and a swipe (or the buttons) to the next step.
 */
export function PhoneSteps({ connection, identity, onListView }: { connection: WorkshopConnection; identity: Identity; onListView: () => void }) {
  const board = connection.board;
  const { steps, stickiesByStep } = useProcess(board);
  const { selectedStep, selectStep } = useNavigation();
  const { undo } = useBoardUndoContext();
  const [at, setAt] = useState(0);
  const [editing, setEditing] = useState<StickyId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const swipe = useRef<{ x: number; y: number } | null>(null);
  // The facilitator's focus (or a link) can select a step: the phone shows that one.
  const selectedIndex = selectedStep ? steps.findIndex((s) => s.id === selectedStep) : -1;
  const index = Math.min(selectedIndex >= 0 ? selectedIndex : at, Math.max(0, steps.length - 1));
  const step = steps[index];
  const locked = useLockedForMe({ kind: 'step', id: step?.id ?? '' });
  const go = (to: number) => {
    setEditing(null);
    setAt(Math.max(0, Math.min(to, steps.length - 1)));
    selectStep(null);
  };
  const add = (stepId: StepId) => {
    try {
      undo.stopCapturing();
      setEditing(addSticky(board, { stepId, kind: 'idea', text: '', authorId: identity.id, authorName: identity.name }));
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The note could not be added.');
    }
  };
  if (!step) {
    return (
      <section aria-labelledby="process-heading" className="rounded-xl border border-dashed border-slate-400 bg-white p-6 text-center">
        <h2 id="process-heading" className="text-lg font-semibold">
          No steps yet
        </h2>
        <p className="text-slate-700">The steps appear here as soon as someone adds them.</p>
      </section>
    );
  }
  const notes = stickiesByStep.get(step.id) ?? [];
  const label = step.title || 'Untitled step';
  const nav = 'min-h-11 min-w-11 rounded-lg border border-slate-400 bg-white px-3 text-base font-semibold disabled:opacity-40';
  return (
    <section
      aria-labelledby="process-heading"
      className="space-y-3 rounded-xl bg-[#efe6d6] p-3"
      onPointerDown={(e) => (swipe.current = e.pointerType === 'touch' ? { x: e.clientX, y: e.clientY } : null)}
      onPointerUp={(e) => {
        const start = swipe.current;
        swipe.current = null;
        if (!start || (e.target as HTMLElement).closest('textarea,input,select')) return;
        const dx = e.clientX - start.x;
        if (Math.abs(dx) > 60 && Math.abs(e.clientY - start.y) < 50) go(index + (dx < 0 ? 1 : -1));
      }}
    >
      <div className="flex items-center gap-2">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} className={nav} aria-label="Previous step">
          ←
        </button>
        <h2 id="process-heading" className="flex-1 text-center text-sm font-semibold text-slate-800" aria-live="polite">
          Step {index + 1} of {steps.length}
        </h2>
        <button type="button" onClick={() => go(index + 1)} disabled={index === steps.length - 1} className={nav} aria-label="Next step">
          →
        </button>
      </div>
      <article aria-label={`Step ${index + 1}: ${label}`} className="space-y-2 rounded-lg border-2 border-slate-400 bg-white p-3 shadow">
        <p className="text-xl font-bold [overflow-wrap:anywhere]">{label}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_CLASS[step.status]}`}>{STATUS_LABEL[step.status]}</span>
          <span className="text-slate-700">{step.ownerRole ? `Owner: ${step.ownerRole}` : 'No owner yet'}</span>
        </p>
        <div className="flex flex-wrap gap-2">
          <FlagButton item={{ kind: 'step', id: step.id }} label={label} />
          <ParkButton item={{ kind: 'step', id: step.id }} label={label} />
        </div>
        <button type="button" onClick={() => selectStep(step.id)} className="min-h-11 w-full rounded-lg border border-slate-400 text-base font-medium">
          Details of {label}
        </button>
      </article>
      <ul className="grid grid-cols-2 gap-2" aria-label={`Notes on ${label}`}>
        {notes.map((note) => {
          const style = NOTE_STYLE[note.kind];
          return (
            <li key={note.id} className={`min-h-28 rounded-sm border p-2 shadow ${style.className}`}>
              {editing === note.id && !locked ? (
                <div className="flex h-full flex-col gap-1">
                  <SharedTextField label={`${style.label} text`} hideLabel multiline autoFocus value={note.text} onChange={(next) => setStickyText(board, note.id, next)} maxLength={LIMITS.stickyTextMaxLength} placeholder="Type the note…" className="min-h-20 bg-white/70 text-base" />
                  <label className="sr-only" htmlFor={`phone-kind-${note.id}`}>
                    Kind of note
                  </label>
                  <select id={`phone-kind-${note.id}`} value={note.kind} onChange={(e) => setStickyKind(board, note.id, e.target.value as StickyKind)} className="min-h-11 rounded border border-slate-400 bg-white text-base">
                    {STICKY_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {NOTE_STYLE[kind].label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    onClick={() => {
                      if (note.text.trim() === '') deleteSticky(board, note.id);
                      setEditing(null);
                    }}
                    className="min-h-11 rounded bg-slate-900 text-base font-semibold text-white"
                  >
                    Done
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => !locked && setEditing(note.id)} className="flex h-full min-h-24 w-full flex-col text-left" aria-label={`${style.label}: ${note.text || 'empty note'}`}>
                  <span className="text-base [overflow-wrap:anywhere]">{note.text || <em className="text-slate-700">Empty note</em>}</span>
                  <span className="mt-auto text-xs text-slate-800">
                    {style.label} · {note.authorName || 'Someone'}
                  </span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      {selectedStep === step.id && (
        <StepDrawer
          variant="sheet"
          board={board}
          stepId={step.id}
          step={step}
          index={index}
          stepCount={steps.length}
          awareness={connection.awareness}
          user={{ ...identity, color: colorFor(identity.id) }}
          onClose={() => selectStep(null)}
          onEditing={(on) => connection.setEditing(on ? step.id : null)}
          onMove={(by) => moveStep(board, step.id, index + by)}
          onDelete={() => {
            deleteStep(board, step.id);
            selectStep(null);
          }}
        />
      )}
      <div className="flex gap-2">
        <button type="button" onClick={() => add(step.id)} disabled={locked} className="min-h-11 flex-1 rounded-lg bg-blue-700 text-base font-semibold text-white disabled:opacity-40">
          Add a note to {label}
        </button>
        <button type="button" onClick={onListView} className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 text-base">
          List view
        </button>
      </div>
    </section>
  );
}
