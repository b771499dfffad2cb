'use client';

import { ConnectionIndicator } from '@/components/workshop/connection-indicator';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { ProjectorGlossary } from './projector-glossary';
import { ProjectorProcess } from './projector-process';
import { usePresence } from '@/components/workshop/use-presence';
import { useTitle } from '@/components/workshop/use-title';
import { useConnectionState, useWorkshopConnection } from '@/components/workshop/use-workshop-connection';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';

/** The read-only display for the room's screen: large type, high contrast, no controls. */
export function ProjectorView({ workshopId, secret }: { workshopId: string; secret: string }) {
  const handle = useWorkshopConnection({ workshopId, role: 'projector', secret, identity: null });
  return (
    <main className="flex min-h-screen flex-col bg-slate-950 p-10 text-white" aria-label="Projector">
      {handle.status === 'ready' ? <ProjectorContent connection={handle.connection} /> : <p className="text-3xl">Connecting…</p>}
    </main>
  );
}

function ProjectorContent({ connection }: { connection: WorkshopConnection }) {
  const state = useConnectionState(connection);
  const title = useTitle(connection.board);
  const people = usePresence(connection.awareness);
  return (
    <>
      <h1 className="text-5xl leading-tight font-bold md:text-7xl">
        {state.loaded ? title || 'Untitled workshop' : 'Loading…'}
      </h1>
      <p className="mt-4 text-3xl md:text-4xl" aria-live="polite">
        <span data-testid="people-count">{people.length}</span> {people.length === 1 ? 'person' : 'people'} here
      </p>
      {state.loaded && (
        <GlossaryProvider board={connection.board}>
          <div className="mt-8 space-y-10">
            <ProjectorProcess board={connection.board} />
            <ProjectorGlossary />
          </div>
        </GlossaryProvider>
      )}
      <div className="mt-auto pt-10 text-xl text-slate-300 [&_span]:text-slate-200">
        <ConnectionIndicator state={state} showSave={false} />
      </div>
    </>
  );
}
