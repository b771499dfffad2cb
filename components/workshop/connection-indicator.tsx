'use client';

import type { ConnectionSnapshot, WorkshopConnection } from '@/lib/sync/workshop-connection';
import { useConnectionState } from './use-workshop-connection';

const NETWORK: Record<ConnectionSnapshot['network'], { label: string; dot: string }> = {
  connecting: { label: 'Connecting…', dot: 'bg-amber-500' },
  live: { label: 'Live', dot: 'bg-green-600' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500' },
  offline: { label: 'Offline', dot: 'bg-red-600' },
  denied: { label: 'Disconnected', dot: 'bg-red-600' },
};

const SAVE: Record<ConnectionSnapshot['save'], string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes: they will be sent when the connection is back',
};

/**
 * Always-visible connection and save state. "Saved" means the server has stored it. It
 * subscribes to the connection itself: the save state changes twice per keystroke, and only
 * this indicator should re-render for it, not the board.
 */
export function ConnectionIndicator({ connection, showSave = true }: { connection: WorkshopConnection; showSave?: boolean }) {
  const state = useConnectionState(connection);
  const network = NETWORK[state.network];
  return (
    <div role="status" aria-live="polite" aria-label="Connection" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="inline-flex items-center gap-1.5 font-medium" data-network={state.network}>
        <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${network.dot}`} />
        {network.label}
      </span>
      {showSave && (
        <span className="text-slate-700" data-save={state.save}>
          {SAVE[state.save]}
        </span>
      )}
      {state.deniedReason && <span className="text-red-800">The server closed this session: {state.deniedReason}. Reload to try again.</span>}
      {state.serverError && !state.deniedReason && <span className="text-red-800">Server problem: {state.serverError}. Retrying…</span>}
    </div>
  );
}
