'use client';

import dynamic from 'next/dynamic';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Identity } from '@/lib/presence';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import type { Role } from '@/lib/protocol';
import { GlossaryProvider } from '@/components/glossary/glossary-context';
import { SignalsProvider } from '@/components/signals/signals-context';
import { AgendaBar } from '@/components/facilitation/agenda-bar';
import { FacilitationProvider } from '@/components/facilitation/facilitation-context';
import { FacilitationToasts } from '@/components/facilitation/facilitation-toasts';
import { FollowFacilitator } from '@/components/facilitation/follow-facilitator';
import { BoardNavigationProvider, type SidePanel as SidePanelId } from './board-navigation';
import { SidePanel } from './side-panel';
import { ProcessArea } from '@/components/wall/process-area';
import { colorFor } from '@/lib/presence';
import { BoardUndoProvider } from './board-undo-context';
import { UndoControls } from './undo-controls';
import { ExportMenu } from './export-menu';
import { recordParticipant } from '@/lib/doc/participants';
import { ConnectionIndicator } from './connection-indicator';
import { DamageNotice } from './damage-notice';
import { PresenceList } from './presence-list';
import { TitleEditor } from './title-editor';
import { useConnectionLoaded, useWorkshopConnection } from './use-workshop-connection';
import { usePresence } from './use-presence';
import { useDocumentTitle } from './use-document-title';
import { useTitle } from './use-title';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';

const SIDE_PANEL_KEY = 'common-ground:side-panel';

// The facilitator's links and join code: not part of a participant's download.
const LinksMenu = dynamic(() => import('./links-menu').then((m) => m.LinksMenu), {
  ssr: false,
  // The button's size, unseen, so the header does not move when it arrives.
  loading: () => (
    <span aria-hidden="true" className="invisible rounded-md border px-3 py-1.5 text-sm font-medium">
      Links
    </span>
  ),
});

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

function ConnectedWorkshop({ workshopId, role, secret, identity, onEditIdentity, connection }: Props & { connection: WorkshopConnection }) {
  const loaded = useConnectionLoaded(connection);
  // The board is first built at background priority: React renders it in slices between which
  // the browser paints and handles input, not in one long task the moment the documents arrive.
  const boardLoaded = useDeferredValue(loaded);
  const people = usePresence(connection.awareness);
  const title = useTitle(connection.board);
  useDocumentTitle(loaded ? title : '', role);
  useEffect(() => {
    // Keeps the home page's list of this browser's workshops up to date with the live title.
    if (loaded) rememberWorkshop(browserStorage(), { id: workshopId, title, links: {} });
  }, [loaded, title, workshopId]);
  useEffect(() => {
    // Who took part, for the handbook (presence itself is not stored).
    if (loaded) recordParticipant(connection.board, identity);
  }, [loaded, connection, identity]);
  const user = useMemo(() => ({ ...identity, color: colorFor(identity.id) }), [identity]);
  const [panel, setPanelOnly] = useState<SidePanelId>('glossary');
  // The side column can be hidden (from tablet width up) to give the wall the whole width;
  // remembered per browser. Anything that opens a panel (a term's link, "Park") shows it again.
  const [sideOpen, setSideOpenOnly] = useState(() => browserStorage().getItem(SIDE_PANEL_KEY) !== 'hidden');
  const setSideOpen = useCallback((open: boolean) => {
    setSideOpenOnly(open);
    browserStorage().setItem(SIDE_PANEL_KEY, open ? 'shown' : 'hidden');
  }, []);
  const setPanel = useCallback(
    (next: SidePanelId) => {
      setSideOpen(true);
      setPanelOnly(next);
    },
    [setSideOpen],
  );
  const showGlossary = useCallback(() => setPanel('glossary'), [setPanel]);
  return (
    <div className="min-h-screen md:flex md:h-dvh md:flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[120rem] flex-wrap items-center gap-3 px-4 py-3">
          <span className="rounded bg-slate-900 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-white">
            {role === 'facilitator' ? 'Facilitator' : 'Participant'}
          </span>
          {loaded ? <TitleEditor board={connection.board} /> : <p className="flex-1 text-slate-600">Loading the board…</p>}
          <ConnectionIndicator connection={connection} />
          {role === 'facilitator' && <LinksMenu workshopId={workshopId} secret={secret} />}
          <ExportMenu workshopId={workshopId} secret={secret} role={role} />
        </div>
      </header>
      {!(loaded && boardLoaded) ? (
        <p className="p-6 text-slate-700">Loading the board…</p>
      ) : (
        <BoardUndoProvider board={connection.board}>
          <GlossaryProvider board={connection.board} onOpenTerm={showGlossary}>
          <BoardNavigationProvider panel={panel} setPanel={setPanel}>
          <SignalsProvider board={connection.board} workshopId={workshopId} team={identity.team}>
          <FacilitationProvider doc={connection.facilitation} role={role}>
            <FollowFacilitator />
            <FacilitationToasts board={connection.board} />
            <nav aria-label="Board sections" className="mx-auto flex w-full max-w-[120rem] flex-wrap items-center gap-3 px-4 pt-3 text-sm">
              <UndoControls />
              <span className="flex gap-3 xl:hidden">
                <a href="#process-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">Process map</a>
                <a href="#tab-glossary" className="inline-flex min-h-11 items-center text-blue-800 underline">Glossary & metrics</a>
                <a href="#presence-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">People</a>
              </span>
              <button
                type="button"
                onClick={() => setSideOpen(!sideOpen)}
                aria-expanded={sideOpen}
                aria-controls="side-column"
                className="ml-auto hidden rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 md:inline-flex"
              >
                {sideOpen ? 'Hide side panel' : 'Show glossary, metrics and people'}
              </button>
            </nav>
            {/* Full width: the facilitator's toolbar fits on one line from 1366 px up. */}
            <div className="mx-auto w-full max-w-[120rem] px-4 pt-3">
              <AgendaBar board={connection.board} />
            </div>
            {/* From tablet width up the page does not scroll: the wall keeps its place beside the
                side panel, which scrolls on its own (opening a term never scrolls the wall away). */}
            <div
              className={`mx-auto grid w-full max-w-[120rem] gap-4 px-4 py-3 md:min-h-0 md:flex-1 ${sideOpen ? 'md:grid-cols-[minmax(0,1fr)_24rem] xl:max-[90rem]:grid-cols-[minmax(0,1fr)_28rem] min-[90rem]:grid-cols-[minmax(0,1fr)_34rem]' : 'md:grid-cols-[minmax(0,1fr)]'}`}
            >
              <main className="flex min-w-0 flex-col gap-3 md:min-h-0 md:overflow-y-auto" aria-label="Board">
                <DamageNotice board={connection.board} facilitation={connection.facilitation} role={role} />
                <div className="min-h-0 flex-1">
                  <ProcessArea connection={connection} identity={identity} people={people} />
                </div>
              </main>
              <div id="side-column" className={`min-w-0 space-y-4 md:min-h-0 md:overflow-y-auto md:pr-1 ${sideOpen ? '' : 'md:hidden'}`}>
              <aside className="min-w-0" aria-label="Glossary, metrics and parking lot">
                <SidePanel board={connection.board} awareness={connection.awareness} user={user} role={role} people={people} />
              </aside>
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
          </FacilitationProvider>
          </SignalsProvider>
          </BoardNavigationProvider>
          </GlossaryProvider>
        </BoardUndoProvider>
      )}
    </div>
  );
}
