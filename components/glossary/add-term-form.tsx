'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { addTerm } from '@/lib/doc/glossary';
import { BoardLimitError } from '@/lib/doc/fields';
import type { TermId } from '@/lib/doc/schema';
import { findCollisions } from '@/lib/glossary/normalize';
import { LIMITS } from '@/lib/protocol';
import { CollisionWarning } from './collision-warning';
import { useGlossary } from './glossary-context';

/** Adds a term; warns before saving when the name collides with an existing term or alias. */
export function AddTermForm({ board }: { board: Y.Doc }) {
  const { glossary, openTerm } = useGlossary();
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const collisions = findCollisions(name, glossary.owners);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return setError('Give the term a name.');
    // A collision needs a second, deliberate click: "add anyway".
    if (collisions.length > 0 && !confirming) return setConfirming(true);
    try {
      const id: TermId = addTerm(board, { name });
      setName('');
      setConfirming(false);
      setError(null);
      openTerm(id);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The term could not be added.');
    }
  }

  return (
    <form onSubmit={submit} className="space-y-1" aria-label="Add a term">
      <div className="flex gap-2">
        <label htmlFor="new-term-name" className="sr-only">
          New term name
        </label>
        <input
          id="new-term-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setConfirming(false);
          }}
          maxLength={LIMITS.termNameMaxLength}
          placeholder="New term, e.g. Qualified lead"
          aria-describedby={collisions.length > 0 ? 'new-term-collisions' : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-400 px-2 py-1.5"
        />
        <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800">
          {confirming ? 'Add anyway' : 'Add term'}
        </button>
      </div>
      <CollisionWarning id="new-term-collisions" collisions={collisions} />
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}
