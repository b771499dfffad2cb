'use client';

import type { Node, NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { setStickyText } from '@/lib/doc/process';
import { STICKY_KINDS, type StickyKind, type StickyRecord } from '@/lib/doc/schema';
import { LIMITS } from '@/lib/protocol';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useWallActions } from './wall-context';

export type NoteNodeData = {
  sticky: StickyRecord;
  editing: boolean;
  /** "Step 3: Discover", or "Brain dump" for a loose note. */
  place: string;
  locked: boolean;
};
export type NoteNode = Node<NoteNodeData, 'note'>;

/** Sticky colours by kind, with a label too (never colour alone); text keeps AA contrast. */
export const NOTE_STYLE: Record<StickyKind, { label: string; className: string }> = {
  pain: { label: 'Pain point', className: 'bg-rose-200 border-rose-400' },
  question: { label: 'Question', className: 'bg-amber-200 border-amber-400' },
  idea: { label: 'Idea', className: 'bg-lime-200 border-lime-500' },
  decision: { label: 'Decision', className: 'bg-sky-200 border-sky-400' },
};

/**
 * A sticky note on the wall: a coloured square with its text and, quietly, its author. Click or
 * Enter edits it in place, Esc leaves; Alt+arrows move it (to the next step, up within its step).
 * Dragging is the wall's (React Flow moves the node; the drop decides where it lands).
 */
export const WallNote = memo(function WallNote({ data }: NodeProps<NoteNode>) {
  const { sticky, editing, place, locked } = data;
  const actions = useWallActions();
  const style = NOTE_STYLE[sticky.kind];
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  useEffect(() => {
    // Leaving the editor gives focus back to the note, so the keyboard user stays where they were.
    if (wasEditing.current && !editing) button.current?.focus({ preventScroll: true });
    wasEditing.current = editing;
  }, [editing]);
  const onKeyDown = (event: KeyboardEvent) => {
    const direction = event.altKey ? ({ ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' } as const)[event.key as 'ArrowLeft'] : undefined;
    if (direction) {
      event.preventDefault();
      event.stopPropagation();
      if (!locked) actions.nudgeNote(sticky.id, direction);
    } else if (event.key === 'Delete' && !locked) {
      event.preventDefault();
      actions.deleteNote(sticky.id);
    }
  };
  const label = `${style.label} on ${place}: ${sticky.text || 'empty note'}`;
  if (editing && !locked) {
    return (
      <div
        className={`nodrag nowheel nopan flex h-full w-full flex-col gap-1 rounded-sm border p-2 shadow-lg ring-2 ring-blue-700 ${style.className}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            actions.editNote(null);
          }
        }}
      >
        <SharedTextField
          label={`${style.label} text`}
          hideLabel
          multiline
          autoFocus
          value={sticky.text}
          onChange={(next) => setStickyText(actions.board, sticky.id, next)}
          maxLength={LIMITS.stickyTextMaxLength}
          placeholder="Type the note…"
          className="min-h-0 flex-1 resize-none border-transparent bg-white/60 text-sm"
        />
        <div className="flex items-center gap-1">
          <label className="sr-only" htmlFor={`note-kind-${sticky.id}`}>
            Kind of note
          </label>
          <select
            id={`note-kind-${sticky.id}`}
            value={sticky.kind}
            onChange={(e) => actions.setNoteKind(sticky.id, e.target.value as StickyKind)}
            className="h-6 min-w-0 flex-1 rounded border border-slate-400 bg-white text-xs"
          >
            {STICKY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {NOTE_STYLE[kind].label}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => actions.editNote(null)} className="h-6 rounded bg-slate-900 px-2 text-xs font-semibold text-white">
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className={`group relative flex h-full w-full flex-col rounded-sm border shadow-md ${style.className}`}>
      <button
        ref={button}
        type="button"
        id={`sticky-${sticky.id}`}
        aria-label={label}
        aria-keyshortcuts="Enter Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown Delete"
        onClick={() => !locked && actions.editNote(sticky.id)}
        onKeyDown={onKeyDown}
        className="flex min-h-0 flex-1 flex-col items-start gap-1 overflow-hidden p-2 text-left focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        <span className="line-clamp-4 text-sm leading-snug break-words text-slate-950 [overflow-wrap:anywhere]">{sticky.text || <span className="text-slate-700 italic">Empty note</span>}</span>
        <span className="mt-auto truncate text-xs text-slate-800">
          {style.label} · {sticky.authorName || 'Someone'}
        </span>
      </button>
      {sticky.stepId === '' && !locked && (
        <div className="nodrag absolute -bottom-3 right-1 flex gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
          <button type="button" onClick={() => actions.noteToStep(sticky.id)} className="h-6 rounded border border-slate-500 bg-white px-1.5 text-xs font-medium shadow" aria-label={`Make “${sticky.text || 'empty note'}” a step`}>
            Make step
          </button>
          <button type="button" onClick={() => actions.noteToTerm(sticky.id)} className="h-6 rounded border border-slate-500 bg-white px-1.5 text-xs font-medium shadow" aria-label={`Make “${sticky.text || 'empty note'}” a glossary term`}>
            Make term
          </button>
        </div>
      )}
    </div>
  );
});
