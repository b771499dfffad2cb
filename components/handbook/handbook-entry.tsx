'use client';

import { useSyncExternalStore } from 'react';
import { isRole, type Role } from '@/lib/protocol';
import { MessagePage } from '@/components/ui/message-page';
import { subscribeHash, useLinkCheck } from '@/components/workshop/use-link-check';
import { HandbookView } from './handbook-view';

/** The printable handbook, opened with any role's link (`#k=<secret>&r=<role>`). */
export function HandbookEntry({ workshopId }: { workshopId: string }) {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash, () => '');
  const roleParam = new URLSearchParams(hash.replace(/^#/, '')).get('r');
  const role: Role = isRole(roleParam) ? roleParam : 'participant';
  const link = useLinkCheck(workshopId, role);
  if (link.status === 'checking') return <p className="p-8">Opening the handbook…</p>;
  if (link.status === 'invalid') return <MessagePage title="This link is not valid"><p>The handbook link is incomplete or its secret is wrong.</p></MessagePage>;
  if (link.status === 'not-found') return <MessagePage title="Workshop not found"><p>There is no workshop at this address.</p></MessagePage>;
  if (link.status === 'error') return <MessagePage title="The handbook could not be opened"><p>The server could not be reached.</p></MessagePage>;
  return <HandbookView workshopId={workshopId} role={role} secret={link.secret} />;
}
