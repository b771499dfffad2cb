'use client';

import { useState, type FormEvent } from 'react';
import type { Identity } from '@/lib/presence';
import { cleanName } from '@/lib/presence';
import type { Role } from '@/lib/protocol';
import { LIMITS } from '@/lib/protocol';

/** Asks for a display name and an optional team; both are remembered in this browser. */
export function JoinForm({
  role,
  initial,
  onJoin,
  onCancel,
}: {
  role: Role;
  initial: Identity | null;
  onJoin: (input: { name: string; team: string }) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [team, setTeam] = useState(initial?.team ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (cleanName(name) === '') {
      setError('Enter the name others will see.');
      return;
    }
    onJoin({ name, team });
  }

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <form onSubmit={submit} className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" noValidate>
        <div>
          <h1 className="text-2xl font-semibold">{initial ? 'Change your name or team' : 'Join the workshop'}</h1>
          <p className="text-slate-700">
            {role === 'facilitator' ? 'You are joining as the facilitator.' : 'No account needed.'} This browser remembers you.
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor="join-name" className="block font-medium">
            Your name
          </label>
          <input
            id="join-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={LIMITS.displayNameMaxLength}
            autoComplete="name"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'join-error' : undefined}
            className="w-full rounded-md border border-slate-400 px-3 py-2 text-base"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="join-team" className="block font-medium">
            Team <span className="font-normal text-slate-600">(optional: department, region, territory)</span>
          </label>
          <input
            id="join-team"
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            maxLength={LIMITS.teamMaxLength}
            autoComplete="organization"
            className="w-full rounded-md border border-slate-400 px-3 py-2 text-base"
          />
        </div>
        {error && (
          <p id="join-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="rounded-md bg-blue-700 px-5 py-2.5 font-semibold text-white hover:bg-blue-800">
            {initial ? 'Save' : 'Join'}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100">
              Cancel
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
