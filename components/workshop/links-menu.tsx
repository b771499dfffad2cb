'use client';

import { useMemo, useState } from 'react';
import { api } from '@/lib/api-client';
import type { Role } from '@/lib/protocol';
import { REMEMBERED_KEY, listRemembered, rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { CopyButton } from '@/components/ui/copy-button';
import { notifyStorageChanged, useStorageItem } from '@/components/ui/use-storage-item';

const LABEL: Record<Role, string> = { participant: 'Participant link', facilitator: 'Facilitator link', projector: 'Projector link' };

/**
 * The facilitator's links: the ones this browser holds, and rotation. Rotating makes the old
 * link stop working at once (people using it are disconnected); the participant and projector
 * links rotate together because the projector derives the join code from its own link.
 */
export function LinksMenu({ workshopId, secret }: { workshopId: string; secret: string }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const raw = useStorageItem(REMEMBERED_KEY);
  const links = useMemo(() => (raw === undefined ? {} : listRemembered(browserStorage()).find((w) => w.id === workshopId)?.links ?? {}), [raw, workshopId]);

  async function rotate(role: 'participant' | 'facilitator') {
    const what = role === 'facilitator' ? 'the facilitator link (this page will switch to the new one)' : 'the participant and projector links (everyone on them is disconnected)';
    if (!window.confirm(`Replace ${what}?`)) return;
    const result = await api.rotateLinks(workshopId, { key: secret, role });
    if (!result.ok) return setMessage(result.error ?? 'The links could not be replaced.');
    const body = result.body;
    rememberWorkshop(browserStorage(), { id: workshopId, links: body.links });
    notifyStorageChanged();
    setMessage(role === 'facilitator' ? 'New facilitator link: switching…' : 'New participant and projector links below. Share them again.');
    if (body.links.facilitator) window.location.replace(body.links.facilitator);
  }

  return (
    <div className="relative no-print">
      <button type="button" aria-expanded={open} aria-controls="links-menu" onClick={() => setOpen(!open)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        Links
      </button>
      {open && (
        <div id="links-menu" className="absolute right-0 z-30 mt-1 w-96 space-y-3 rounded-lg border border-slate-300 bg-white p-3 shadow-lg">
          {(['participant', 'projector', 'facilitator'] as const).map((role) => (
            <div key={role} className="space-y-1">
              <p className="text-sm font-medium">{LABEL[role]}</p>
              {links[role] ? (
                <div className="flex gap-1">
                  <input readOnly value={links[role]} aria-label={LABEL[role]} className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs" />
                  <CopyButton text={links[role]!} label={`Copy ${LABEL[role].toLowerCase()}`} />
                </div>
              ) : (
                <p className="text-sm text-slate-600">Not kept in this browser.</p>
              )}
            </div>
          ))}
          <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-2 text-sm">
            <button type="button" onClick={() => void rotate('participant')} className="rounded border border-red-700 px-2 py-1 text-red-800">
              Replace participant & projector links
            </button>
            <button type="button" onClick={() => void rotate('facilitator')} className="rounded border border-red-700 px-2 py-1 text-red-800">
              Replace facilitator link
            </button>
          </div>
          {message && <p role="status" className="text-sm">{message}</p>}
        </div>
      )}
    </div>
  );
}
