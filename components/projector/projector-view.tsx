'use client';

import { FacilitationProvider, useFacilitation } from '@/components/facilitation/facilitation-context';
import { TimerDisplay } from '@/components/facilitation/timer-display';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { ConnectionIndicator } from '@/components/workshop/connection-indicator';
import { usePresence } from '@/components/workshop/use-presence';
import { useTitle } from '@/components/workshop/use-title';
import { useConnectionLoaded, useWorkshopConnection } from '@/components/workshop/use-workshop-connection';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { JoinPanel } from './join-panel';
import { ProjectorFocus } from './projector-focus';

/** The read-only display for the room's screen: large type, high contrast, no controls. */
export function ProjectorView({ workshopId, secret }: { workshopId: string; secret: string }) {
  const handle = useWorkshopConnection({ workshopId, role: 'projector', secret, identity: null });
  return (
    <main className="flex min-h-screen flex-col gap-8 bg-slate-950 p-10 text-white" aria-label="Projector">
      {handle.status === 'ready' ? <ProjectorContent connection={handle.connection} workshopId={workshopId} secret={secret} /> : <p className="text-3xl">Connecting…</p>}
    </main>
  );
}

function ProjectorContent({ connection, workshopId, secret }: { connection: WorkshopConnection; workshopId: string; secret: string }) {
  const loaded = useConnectionLoaded(connection);
  if (!loaded) return <p className="text-3xl">Loading…</p>;
  return (
    <GlossaryProvider board={connection.board}>
      <FacilitationProvider doc={connection.facilitation} role="projector">
        <ProjectorScreen connection={connection} workshopId={workshopId} secret={secret} />
      </FacilitationProvider>
    </GlossaryProvider>
  );
}

function ProjectorScreen({ connection, workshopId, secret }: { connection: WorkshopConnection; workshopId: string; secret: string }) {
  const title = useTitle(connection.board);
  const people = usePresence(connection.awareness);
  const { facilitation } = useFacilitation();
  const current = facilitation.agenda.find((a) => a.id === facilitation.currentId);
  return (
    <>
      <header className="flex flex-wrap items-start gap-8">
        <div className="min-w-0 flex-1">
          <h1 className="text-5xl leading-tight font-bold md:text-6xl">{title || 'Untitled workshop'}</h1>
          {current && (
            <p className="mt-3 text-4xl text-amber-300" data-testid="projector-agenda-item">
              Now: {current.title || 'Untitled item'}
            </p>
          )}
          <p className="mt-3 text-3xl" aria-live="polite">
            <span data-testid="people-count">{people.length}</span> {people.length === 1 ? 'person' : 'people'} here
          </p>
        </div>
        <TimerDisplay large />
      </header>
      <div className="flex-1">
        <ProjectorFocus board={connection.board} />
      </div>
      {facilitation.showJoin && <JoinPanel workshopId={workshopId} projectorSecret={secret} />}
      <div className="text-xl text-slate-300 [&_span]:text-slate-200">
        <ConnectionIndicator connection={connection} showSave={false} />
      </div>
    </>
  );
}
