'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { createSnapshotStore } from '@/lib/sync/snapshot-store';
import { buildHandbook } from '@/lib/export/handbook';
import type { Role } from '@/lib/protocol';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { useConnectionState, useWorkshopConnection } from '@/components/workshop/use-workshop-connection';
import { HandbookDocument } from './handbook-document';

/** The handbook as a page, live, with a print stylesheet that makes a clean PDF. */
export function HandbookView({ workshopId, role, secret }: { workshopId: string; role: Role; secret: string }) {
  const handle = useWorkshopConnection({ workshopId, role, secret, identity: null });
  if (handle.status !== 'ready') return <p className="p-8">Connecting…</p>;
  return <LiveHandbook connection={handle.connection} />;
}

function LiveHandbook({ connection }: { connection: WorkshopConnection }) {
  const state = useConnectionState(connection);
  const store = useMemo(
    () =>
      createSnapshotStore(
        (onChange) => {
          connection.board.on('update', onChange);
          connection.facilitation.on('update', onChange);
          return () => {
            connection.board.off('update', onChange);
            connection.facilitation.off('update', onChange);
          };
        },
        () => buildHandbook(connection.board, connection.facilitation, new Date()),
      ),
    [connection],
  );
  const handbook = useSyncExternalStore(store.subscribe, store.getSnapshot, () => null);
  if (!state.loaded || !handbook) return <p className="p-8">Loading…</p>;
  return (
    <div className="mx-auto max-w-4xl bg-white px-8 py-8 print:max-w-none print:p-0">
      <div className="no-print mb-6 flex items-center gap-3 rounded-lg border border-slate-300 bg-slate-50 p-3">
        <p className="flex-1 text-sm text-slate-700">This page prints as a clean document: use your browser’s Print → Save as PDF.</p>
        <button type="button" onClick={() => window.print()} className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white">
          Print / save as PDF
        </button>
      </div>
      <HandbookDocument handbook={handbook} />
    </div>
  );
}
