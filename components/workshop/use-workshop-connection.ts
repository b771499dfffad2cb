import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Identity } from '@/lib/presence';
import type { Role } from '@/lib/protocol';
import type { ConnectionSnapshot } from '@/lib/sync/workshop-connection';
import { WorkshopConnection } from '@/lib/sync/workshop-connection';

export type ConnectionHandle = { status: 'starting' } | { status: 'ready'; connection: WorkshopConnection };

/** Opens the workshop's documents for this page and closes them when it unmounts. */
export function useWorkshopConnection(options: {
  workshopId: string;
  role: Role;
  secret: string;
  identity: Identity | null;
}): ConnectionHandle {
  const { workshopId, role, secret, identity } = options;
  const [connection, setConnection] = useState<WorkshopConnection | null>(null);

  useEffect(() => {
    const created = new WorkshopConnection({ origin: window.location.origin, workshopId, role, secret, identity: null });
    // The connection is an external resource owned by this effect (opened here, destroyed in
    // the cleanup, StrictMode-safe); state only hands its handle to the render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConnection(created);
    const online = () => created.setOnline(navigator.onLine);
    online();
    window.addEventListener('online', online);
    window.addEventListener('offline', online);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', online);
      created.destroy();
    };
  }, [workshopId, role, secret]);

  // Identity changes (name, team) update presence without reconnecting.
  useEffect(() => {
    if (connection && identity) connection.setIdentity(identity);
  }, [connection, identity]);

  return connection ? { status: 'ready', connection } : { status: 'starting' };
}

const STARTING: ConnectionSnapshot = { network: 'connecting', save: 'saved', loaded: false, deniedReason: null, serverError: null };

export function useConnectionState(connection: WorkshopConnection | null): ConnectionSnapshot {
  return useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => {}),
    () => connection?.getSnapshot() ?? STARTING,
    () => STARTING,
  );
}

/** Whether the board has loaded: a boolean, so a component using it re-renders only when that flips. */
export function useConnectionLoaded(connection: WorkshopConnection | null): boolean {
  return useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => {}),
    () => connection?.getSnapshot().loaded ?? false,
    () => false,
  );
}
