'use client';

import dynamic from 'next/dynamic';
import { FacilitationProvider, useFacilitation } from '@/components/facilitation/facilitation-context';
import { FacilitationToasts } from '@/components/facilitation/facilitation-toasts';
import { TimerDisplay } from '@/components/facilitation/timer-display';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { ConnectionIndicator } from '@/components/workshop/connection-indicator';
import { usePresence } from '@/components/workshop/use-presence';
import { useDocumentTitle } from '@/components/workshop/use-document-title';
import { useTitle } from '@/components/workshop/use-title';
import { useConnectionLoaded, useWorkshopConnection } from '@/components/workshop/use-workshop-connection';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { FitToBox } from './fit-to-box';
import { ProjectorFocus } from './projector-focus';

// The QR code library loads when the facilitator shows the join panel, not with the projector.
const JoinPanel = dynamic(() => import('./join-panel').then((m) => m.JoinPanel), {
  ssr: false,
  // The panel's width, so the focus beside it does not jump when the code arrives.
  loading: () => <div aria-hidden="true" className="w-[30vh] shrink-0 self-start rounded-2xl bg-white" />,
});

/** The read-only display for the room's screen: large type, high contrast, no controls. */
export function ProjectorView({ workshopId, secret }: { workshopId: string; secret: string }) {
  const handle = useWorkshopConnection({ workshopId, role: 'projector', secret, identity: null });
  return (
    // Exactly one screen: a projector cannot scroll. Sizes follow the screen's height (vh), so the
    // agenda item is 48 px at 1080p and the same share of any other resolution. No pointer either:
    // a mouse left over the screen by whoever plugged the laptop in is not part of the picture.
    <main className="flex h-screen cursor-none flex-col gap-[2vh] overflow-hidden bg-slate-950 p-[3vh] text-white" aria-label="Projector">
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
  useDocumentTitle(title, 'projector');
  const people = usePresence(connection.awareness);
  const { facilitation } = useFacilitation();
  const current = facilitation.agenda.find((a) => a.id === facilitation.currentId);
  return (
    <>
      <header className="flex shrink-0 items-start gap-[3vh]">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-[3.6vh] leading-tight font-bold text-slate-200">{title || 'Untitled workshop'}</h1>
          {current && (
            <p className="mt-[0.5vh] text-[4.6vh] leading-tight font-bold text-amber-300" data-testid="projector-agenda-item">
              Now: {current.title || 'Untitled item'}
            </p>
          )}
          <p className="mt-[0.5vh] text-[4vh] leading-tight" aria-live="polite">
            <span data-testid="people-count">{people.length}</span> {people.length === 1 ? 'person' : 'people'} here
          </p>
        </div>
        <TimerDisplay large />
      </header>
      <div className="flex min-h-0 flex-1 gap-[3vh]">
        <FitToBox label="On screen">
          <ProjectorFocus board={connection.board} />
        </FitToBox>
        {facilitation.showJoin && <JoinPanel workshopId={workshopId} projectorSecret={secret} panelVersion={facilitation.joinPanelVersion} />}
      </div>
      <div className="flex shrink-0 items-center gap-[3vh] text-[1.8vh] text-slate-300 [&>div:first-child_span]:text-slate-200">
        <div className="w-[20vh] shrink-0">
          <ConnectionIndicator connection={connection} showSave={false} />
        </div>
        <FacilitationToasts board={connection.board} projector />
        <div className="w-[20vh] shrink-0" aria-hidden="true" />
      </div>
    </>
  );
}
