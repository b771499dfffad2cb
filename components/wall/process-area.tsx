'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import type { Identity, PresenceEntry } from '@/lib/presence';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { notifyStorageChanged, useStorageItem } from '@/components/ui/use-storage-item';
import { PhoneSteps } from './phone-steps';

// The wall (React Flow) and the list view (drag and drop) are loaded when this screen shows
// them: a phone, which shows one step at a time, never downloads either.
const Wall = dynamic(() => import('./wall').then((m) => m.Wall), { ssr: false, loading: () => <p className="p-4 text-slate-700">Loading the wall…</p> });
const ProcessMap = dynamic(() => import('@/components/process/process-map').then((m) => m.ProcessMap), { ssr: false, loading: () => <p className="p-4 text-slate-700">Loading the steps…</p> });

type Props = { connection: WorkshopConnection; identity: Identity; people: readonly PresenceEntry[] };

export const PROCESS_VIEW_KEY = 'common-ground:process-view';
const PHONE = '(max-width: 599px)';

function subscribePhone(listener: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/**
 * The process as this person chose to see it: the wall (the default), the accessible list view,
 * or on a phone one step at a time. The choice is remembered in this browser.
 */
export function ProcessArea(props: Props) {
  const view = useStorageItem(PROCESS_VIEW_KEY);
  const phone = useSyncExternalStore(subscribePhone, () => window.matchMedia(PHONE).matches, () => false);
  const choose = (next: 'wall' | 'list') => {
    window.localStorage.setItem(PROCESS_VIEW_KEY, next);
    notifyStorageChanged();
  };
  if (view === 'list') {
    return (
      <div className="space-y-2">
        <button type="button" onClick={() => choose('wall')} className="min-h-9 rounded-md border border-slate-400 bg-white px-3 text-sm font-medium hover:bg-slate-100">
          Wall view
        </button>
        <ProcessMap {...props} />
      </div>
    );
  }
  if (view === undefined) return <p className="p-4 text-slate-700">Loading the wall…</p>;
  if (phone) return <PhoneSteps connection={props.connection} identity={props.identity} onListView={() => choose('list')} />;
  return <Wall {...props} onListView={() => choose('list')} />;
}
