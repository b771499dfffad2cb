'use client';

import { useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
import { JOIN_CODE_LENGTH, normalizeJoinCode } from '@/lib/join-code';
import { workshopPath } from '@/lib/links';

type State = { status: 'idle' } | { status: 'checking' } | { status: 'refused'; message: string };

/**
 * `/join`: type the short code shown on the projector and land on the participant link. The
 * server answers with the participant secret only while the projector shows its join panel,
 * and refuses an address after too many wrong codes (docs/security.md).
 */
export function JoinByCode() {
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<State>({ status: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (state.status === 'checking') return;
    if (!normalizeJoinCode(typed)) {
      setState({ status: 'refused', message: `A join code is ${JOIN_CODE_LENGTH} letters and digits, such as K7QM-3XTR. It has no 0, 1, O, I or L.` });
      return;
    }
    setState({ status: 'checking' });
    try {
      const result = await api.resolveJoinCode({ code: typed });
      if (result.ok) {
        // Replace: "back" from the board should not land on a form with a used code.
        window.location.replace(`${workshopPath(result.body.id, 'participant')}#k=${result.body.key}`);
        return;
      }
      setState({ status: 'refused', message: result.error ?? `The code could not be checked (${result.status}). Try again.` });
    } catch {
      setState({ status: 'refused', message: 'The server could not be reached. Check your connection and try again.' });
    }
  }

  const refused = state.status === 'refused' ? state.message : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <form onSubmit={submit} aria-label="Join with a code" className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" noValidate>
        <div>
          <h1 className="text-2xl font-semibold">Join a workshop</h1>
          <p className="text-slate-700">Type the code shown on the projector. No account needed.</p>
        </div>
        <div className="space-y-1">
          <label htmlFor="join-code" className="block font-medium">
            Join code
          </label>
          <input
            id="join-code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            maxLength={JOIN_CODE_LENGTH + 4}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            autoFocus
            placeholder="K7QM-3XTR"
            aria-invalid={refused ? true : undefined}
            aria-describedby={refused ? 'join-code-error' : undefined}
            className="min-h-12 w-full rounded-md border border-slate-400 px-3 py-2 font-mono text-2xl tracking-widest uppercase placeholder:text-slate-500"
          />
        </div>
        {refused && (
          <p id="join-code-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {refused}
          </p>
        )}
        <button
          type="submit"
          disabled={state.status === 'checking'}
          className="min-h-11 w-full rounded-md bg-blue-700 px-5 py-2.5 text-lg font-semibold text-white hover:bg-blue-800 disabled:opacity-70"
        >
          {state.status === 'checking' ? 'Checking…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
