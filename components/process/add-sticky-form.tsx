'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { BoardLimitError } from '@/lib/doc/fields';
import { addSticky } from '@/lib/doc/process';
import { STICKY_KINDS, type StepId, type StickyKind } from '@/lib/doc/schema';
import type { Identity } from '@/lib/presence';
import { LIMITS } from '@/lib/protocol';
import { STICKY_STYLE } from './sticky-kinds';

/** Adds a sticky note under a step. */
export function AddStickyForm({ board, stepId, stepLabel, identity }: { board: Y.Doc; stepId: StepId; stepLabel: string; identity: Identity }) {
  const [kind, setKind] = useState<StickyKind>('pain');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') return setError('Write something first.');
    try {
      addSticky(board, { stepId, kind, text: text.trim(), authorId: identity.id, authorName: identity.name });
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The note could not be added.');
    }
  }
  return (
    <form onSubmit={submit} className="space-y-1" aria-label={`Add a note to ${stepLabel}`}>
      <div className="flex gap-1">
        <label className="sr-only" htmlFor={`new-kind-${stepId}`}>
          Kind of new note
        </label>
        <select
          id={`new-kind-${stepId}`}
          value={kind}
          onChange={(e) => setKind(e.target.value as StickyKind)}
          className="rounded border border-slate-300 bg-white px-1 text-xs"
        >
          {STICKY_KINDS.map((k) => (
            <option key={k} value={k}>
              {STICKY_STYLE[k].label}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`new-text-${stepId}`}>
          New note text
        </label>
        <input
          id={`new-text-${stepId}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={LIMITS.stickyTextMaxLength}
          placeholder="Add a note…"
          className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 text-sm"
        />
        <button type="submit" className="rounded bg-slate-800 px-2 text-sm font-medium text-white hover:bg-slate-700">
          Add
        </button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}
