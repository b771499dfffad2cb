'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { addAlias, removeAlias } from '@/lib/doc/glossary';
import { BoardLimitError } from '@/lib/doc/fields';
import type { TermRecord } from '@/lib/doc/schema';
import { findCollisions } from '@/lib/glossary/normalize';
import { LIMITS } from '@/lib/protocol';
import { CollisionWarning } from './collision-warning';
import { useGlossary } from './glossary-context';

/** "Team East calls this Deal": aliases with their team; warns when an alias collides. */
export function AliasList({ board, term, defaultTeam, readOnly = false }: { board: Y.Doc; term: TermRecord; defaultTeam: string; readOnly?: boolean }) {
  const { glossary } = useGlossary();
  const [text, setText] = useState('');
  const [team, setTeam] = useState(defaultTeam);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const collisions = findCollisions(text, glossary.owners).filter((c) => !(c.termId === term.id && c.via === 'name'));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Write the word the team uses.');
    if (collisions.length > 0 && !confirming) return setConfirming(true);
    try {
      addAlias(board, term.id, { text, team });
      setText('');
      setConfirming(false);
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The alias could not be added.');
    }
  }
  return (
    <div className="space-y-1">
      <h4 className="text-sm font-semibold">Aliases</h4>
      {term.aliases.length === 0 && <p className="text-sm text-slate-600">No aliases yet: add the words teams use for this.</p>}
      <ul className="space-y-1" aria-label={`Aliases of ${term.name}`}>
        {term.aliases.map((alias) => (
          <li key={alias.id} className="flex items-center gap-2 text-sm">
            <span>
              {alias.team ? <span className="font-medium">{alias.team}</span> : 'Also'} calls this <em className="font-semibold">{alias.text}</em>
            </span>
            <button type="button" hidden={readOnly} onClick={() => removeAlias(board, term.id, alias.id)} className="ml-auto text-red-800 underline" aria-label={`Remove alias ${alias.text}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} hidden={readOnly} className="flex flex-wrap gap-1" aria-label={`Add an alias to ${term.name}`}>
        <label className="sr-only" htmlFor={`alias-team-${term.id}`}>
          Team
        </label>
        <input id={`alias-team-${term.id}`} value={team} onChange={(e) => setTeam(e.target.value)} maxLength={LIMITS.teamMaxLength} placeholder="Team" className="w-28 rounded border border-slate-300 px-1.5 py-1 text-sm" />
        <label className="sr-only" htmlFor={`alias-text-${term.id}`}>
          Alias
        </label>
        <input
          id={`alias-text-${term.id}`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setConfirming(false);
          }}
          maxLength={LIMITS.aliasMaxLength}
          placeholder="Their word"
          className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 text-sm"
        />
        <button type="submit" className="rounded bg-slate-800 px-2 text-sm font-medium text-white">
          {confirming ? 'Add anyway' : 'Add alias'}
        </button>
      </form>
      <CollisionWarning collisions={collisions} />
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
