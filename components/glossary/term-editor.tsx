'use client';

import { useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { deleteTerm, mergeProblem, setTermStatus, setTermText } from '@/lib/doc/glossary';
import { termDefinitionField, type TermId, type TermRecord } from '@/lib/doc/schema';
import { findCollisions } from '@/lib/glossary/normalize';
import type { PresenceState } from '@/lib/presence';
import { LIMITS } from '@/lib/protocol';
import { RichTextEditor } from '@/components/ui/rich-text';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { AliasList } from './alias-list';
import { CollisionWarning } from './collision-warning';
import { ExampleList } from './example-list';
import { useGlossary } from './glossary-context';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';
import { StatusSelect } from './status-select';
import { VariantPanel } from '@/components/variants/variant-panel';

type Props = { board: Y.Doc; term: TermRecord; awareness: Awareness; user: PresenceState['user'] };

/** Everything about one term, editable live by everyone. */
export function TermEditor({ board, term, awareness, user }: Props) {
  const { glossary, openTerm } = useGlossary();
  const { undo } = useBoardUndoContext();
  const [mergeFrom, setMergeFrom] = useState('');
  const collisions = findCollisions(term.name, glossary.owners, term.id);
  const label = term.name || 'Untitled term';
  const locked = useLockedForMe({ kind: 'term', id: term.id });
  // Said before the click: a merge that would pass a limit is refused whole.
  const mergeBlocked = mergeFrom ? mergeProblem(board, term.id, mergeFrom as TermId) : null;
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3">
      <SharedTextField label="Name" value={term.name} onChange={(next) => setTermText(board, term.id, 'name', next)} maxLength={LIMITS.termNameMaxLength} placeholder="Untitled term" readOnly={locked} />
      <CollisionWarning collisions={collisions} />
      <div className="grid grid-cols-2 gap-2">
        <SharedTextField label="Owner" value={term.owner} onChange={(next) => setTermText(board, term.id, 'owner', next)} maxLength={LIMITS.displayNameMaxLength * 2} readOnly={locked} />
        <StatusSelect id={`term-status-${term.id}`} value={term.status} disabled={locked} onChange={(status) => setTermStatus(board, term.id, status)} />
      </div>
      <div>
        <p className="text-sm font-medium text-slate-700">Definition</p>
        <RichTextEditor board={board} field={termDefinitionField(term.id)} awareness={awareness} user={user} label={`Definition of ${label}`} highlightTerms={false} readOnly={locked} />
      </div>
      <VariantPanel board={board} item={{ kind: 'term', id: term.id }} label={label} user={user} agreed={term.status === 'agreed'} />
      <AliasList board={board} term={term} defaultTeam={user.team} readOnly={locked} />
      <ExampleList board={board} term={term} readOnly={locked} />
      {locked ? (
        <p className="text-sm text-slate-700">Agreed and locked by the facilitator.</p>
      ) : (
      <div className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-2 text-sm">
        <div>
          <label htmlFor={`merge-${term.id}`} className="block font-medium text-slate-700">
            Merge another term into this one
          </label>
          <select id={`merge-${term.id}`} value={mergeFrom} onChange={(e) => setMergeFrom(e.target.value)} className="max-w-56 rounded border border-slate-300 bg-white px-1 py-1">
            <option value="">Choose a term…</option>
            {glossary.terms
              .filter((t) => t.id !== term.id)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name || 'Untitled term'}
                </option>
              ))}
          </select>
        </div>
        <button
          type="button"
          disabled={!mergeFrom || mergeBlocked !== null}
          aria-describedby={mergeBlocked ? `merge-problem-${term.id}` : undefined}
          onClick={() => {
            undo.mergeTerms(term.id, mergeFrom as TermId);
            setMergeFrom('');
          }}
          className="rounded bg-slate-800 px-2 py-1 font-medium text-white disabled:opacity-40"
        >
          Merge
        </button>
        {mergeBlocked && (
          <p id={`merge-problem-${term.id}`} role="alert" className="w-full text-red-800">
            {mergeBlocked}
          </p>
        )}
        <button
          type="button"
          onClick={() => {
            undo.stopCapturing();
            deleteTerm(board, term.id);
            openTerm(null);
          }}
          className="ml-auto text-red-800 underline"
          aria-label={`Delete term ${label}`}
        >
          Delete term
        </button>
      </div>
      )}
    </div>
  );
}
