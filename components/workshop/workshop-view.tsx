'use client';

import { useEffect } from 'react';
import type { Identity } from '@/lib/presence';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import type { Role } from '@/lib/protocol';
import { ProcessMap } from '@/components/process/process-map';
import { ConnectionIndicator } from './connection-indicator';
import { PresenceList } from './presence-list';
import { TitleEditor } from './title-editor';
import { useConnectionState, useWorkshopConnection } from './use-workshop-connection';
import { usePresence } from './use-presence';
import { useTitle } from './use-title';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';

type Props = { workshopId: string; role: Role; secret: string; identity: Identity; onEditIdentity: () => void };

/** The workshop for participants and the facilitator: title, connection state, who is here. */
export function WorkshopView(props: Props) {
  const handle = useWorkshopConnection(props);
  if (handle.status !== 'ready') {
    return (
      <main className="flex min-h-screen items-center justify-center" aria-busy="true">
        <p className="text-lg text-slate-700">Connecting…</p>
      </main>
    );
  }
  return <ConnectedWorkshop {...props} connection={handle.connection} />;
}

function ConnectedWorkshop({ workshopId, role, identity, onEditIdentity, connection }: Props & { connection: WorkshopConnection }) {
  const state = useConnectionState(connection);
  const people = usePresence(connection.awareness);
  const title = useTitle(connection.board);
  useEffect(() => {
    // Keeps the home page's list of this browser's workshops up to date with the live title.
    if (state.loaded) rememberWorkshop(browserStorage(), { id: workshopId, title, links: {} });
  }, [state.loaded, title, workshopId]);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[100rem] flex-wrap items-center gap-3 px-4 py-3">
          <span className="rounded bg-slate-900 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-white">
            {role === 'facilitator' ? 'Facilitator' : 'Participant'}
          </span>
          {state.loaded ? <TitleEditor board={connection.board} /> : <p className="flex-1 text-slate-600">Loading the board…</p>}
          <ConnectionIndicator state={state} />
        </div>
      </header>
      <div className="mx-auto grid max-w-[100rem] gap-6 px-4 py-6 md:grid-cols-[minmax(0,1fr)_16rem]">
        <main className="min-w-0 space-y-4" aria-label="Board">
          {state.loaded ? (
            <ProcessMap connection={connection} identity={identity} people={people} />
          ) : (
            <p className="text-slate-700">Loading the board…</p>
          )}
        </main>
        <aside className="space-y-4 rounded-xl border border-slate-200 bg-white p-4" aria-label="People">
          <PresenceList people={people} />
          <div className="border-t border-slate-200 pt-3 text-sm">
            <p>
              You are <strong>{identity.name}</strong>
              {identity.team ? ` (${identity.team})` : ''}.
            </p>
            <button type="button" onClick={onEditIdentity} className="mt-1 text-blue-800 underline">
              Change name or team
            </button>
          </div>
        </aside>
      </div>
    </div>
  );
}
