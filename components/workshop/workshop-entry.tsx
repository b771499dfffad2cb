'use client';

import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import type { Role } from '@/lib/protocol';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { MessagePage } from '@/components/ui/message-page';
import { JoinForm } from './join-form';
import { useIdentity } from './use-identity';
import { useLinkCheck } from './use-link-check';
import { WorkshopView } from './workshop-view';

// Only the projector route shows it (with the QR code library): loaded there, not on the board.
const ProjectorView = dynamic(() => import('@/components/projector/projector-view').then((m) => m.ProjectorView), {
  ssr: false,
  loading: () => (
    <main className="flex min-h-screen items-center justify-center" aria-busy="true">
      <p className="text-lg text-slate-700">Opening the workshop…</p>
    </main>
  ),
});

/** The client island of a workshop page: check the link, ask who you are, then open the board. */
export function WorkshopEntry({ workshopId, role }: { workshopId: string; role: Role }) {
  const link = useLinkCheck(workshopId, role);
  const { identity, save } = useIdentity();
  const [editingIdentity, setEditingIdentity] = useState(false);

  useEffect(() => {
    if (link.status === 'valid') rememberWorkshop(browserStorage(), { id: workshopId, links: { [role]: window.location.href } });
  }, [link.status, workshopId, role]);

  if (link.status === 'checking' || (link.status === 'valid' && identity === undefined)) {
    return (
      <main className="flex min-h-screen items-center justify-center" aria-busy="true">
        <p className="text-lg text-slate-700">Opening the workshop…</p>
      </main>
    );
  }
  if (link.status === 'invalid') {
    return (
      <MessagePage title="This link is not valid">
        <p>The link is incomplete or its secret is wrong. Links are long: check that it was copied whole.</p>
        <p>Ask the facilitator to send it again.</p>
      </MessagePage>
    );
  }
  if (link.status === 'not-found') {
    return (
      <MessagePage title="Workshop not found">
        <p>There is no workshop at this address. It may have been mistyped.</p>
      </MessagePage>
    );
  }
  if (link.status === 'error') {
    return (
      <MessagePage
        title="The workshop could not be opened"
        action={
          <button type="button" onClick={link.retry} className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white">
            Try again
          </button>
        }
      >
        <p>The server could not be reached. Check your connection.</p>
      </MessagePage>
    );
  }
  if (role === 'projector') return <ProjectorView workshopId={workshopId} secret={link.secret} />;
  if (!identity || editingIdentity) {
    return (
      <JoinForm
        role={role}
        initial={identity ?? null}
        onJoin={(input) => {
          save(input);
          setEditingIdentity(false);
        }}
        onCancel={identity ? () => setEditingIdentity(false) : undefined}
      />
    );
  }
  return (
    <WorkshopView
      workshopId={workshopId}
      role={role}
      secret={link.secret}
      identity={identity}
      onEditIdentity={() => setEditingIdentity(true)}
    />
  );
}
