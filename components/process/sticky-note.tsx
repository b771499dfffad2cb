'use client';

import { memo, useState } from 'react';
import type * as Y from 'yjs';
import { deleteSticky, moveSticky, setStickyKind, setStickyText } from '@/lib/doc/process';
import { STICKY_KINDS, type StepId, type StepRecord, type StickyKind, type StickyRecord } from '@/lib/doc/schema';
import { LIMITS } from '@/lib/protocol';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { STICKY_STYLE } from './sticky-kinds';

type Props = {
  board: Y.Doc;
  sticky: StickyRecord;
  /** The steps now, read only when the move list opens (a stable function: notes do not re-render when a step title changes). */
  getSteps: () => readonly StepRecord[];
};

/**
 * One sticky note: kind, text and author; anyone can edit, move or delete it. Memoised: the
 * note re-renders only when its own record changes (the process snapshot shares unchanged ones).
 */
export const StickyNote = memo(function StickyNote({ board, sticky, getSteps }: Props) {
  const style = STICKY_STYLE[sticky.kind];
  const [moving, setMoving] = useState(false);
  return (
    <li id={`sticky-${sticky.id}`} className={`space-y-1 rounded-md border-l-4 p-2 text-sm shadow-sm ${style.className}`} aria-label={`${style.label}: ${sticky.text || 'empty note'}`}>
      <div className="flex items-center justify-between gap-2">
        <span className="font-semibold">{style.label}</span>
        <span className="truncate text-xs text-slate-700">{sticky.authorName || 'Someone'}</span>
      </div>
      <SharedTextField
        label={`${style.label} text`}
        hideLabel
        multiline
        value={sticky.text}
        onChange={(next) => setStickyText(board, sticky.id, next)}
        maxLength={LIMITS.stickyTextMaxLength}
        placeholder="Write the note…"
        className="border-slate-300 bg-white/70"
      />
      <div className="flex flex-wrap items-center gap-1">
        <label className="sr-only" htmlFor={`kind-${sticky.id}`}>
          Kind of note
        </label>
        <select
          id={`kind-${sticky.id}`}
          value={sticky.kind}
          onChange={(e) => setStickyKind(board, sticky.id, e.target.value as StickyKind)}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
        >
          {STICKY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {STICKY_STYLE[kind].label}
            </option>
          ))}
        </select>
        {moving ? (
          <>
            <label className="sr-only" htmlFor={`move-${sticky.id}`}>
              Move note to step
            </label>
            <select
              id={`move-${sticky.id}`}
              autoFocus
              value={sticky.stepId}
              onChange={(e) => {
                moveSticky(board, sticky.id, e.target.value as StepId);
                setMoving(false);
              }}
              onBlur={() => setMoving(false)}
              className="min-w-0 max-w-32 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
            >
              {getSteps().map((step, i) => (
                <option key={step.id} value={step.id}>
                  {i + 1}. {step.title || 'Untitled step'}
                </option>
              ))}
            </select>
          </>
        ) : (
          // The step list is only rendered on demand: a board with a thousand notes would
          // otherwise carry a thousand selects of every step.
          <button type="button" onClick={() => setMoving(true)} className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs" aria-label={`Move ${style.label.toLowerCase()} to another step`}>
            Move…
          </button>
        )}
        <button
          type="button"
          onClick={() => deleteSticky(board, sticky.id)}
          className="ml-auto rounded px-1.5 py-0.5 text-xs text-red-800 underline hover:bg-red-100"
          aria-label={`Delete ${style.label.toLowerCase()} “${sticky.text.slice(0, 40)}”`}
        >
          Delete
        </button>
      </div>
    </li>
  );
});
