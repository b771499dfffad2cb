import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import type { RoomAddress } from '../../lib/protocol';
import { isRole, parseSyncPath, roomName } from '../../lib/protocol';
import { checkAccess } from '../auth';
import type { ServerConfig } from '../config';
import { clientAddressOf } from '../http/client-address';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import { RoomRegistry, type ConnectionInfo, type RoomStats } from './room-registry';
import type { RoomServices } from './room-log';
import { wsSocket } from './ws-socket';

export type SyncServer = {
  /** Handles an HTTP upgrade on the sync path; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): RoomStats;
  /** Stores every room compactly and closes every socket (1012: clients reconnect). */
  close(): Promise<void>;
  /** For tests: unloads rooms that have no clients now, without waiting for the grace period. */
  unloadIdleRooms(): Promise<void>;
  hasRoom(name: string): boolean;
  /** The connections of a loaded room (role, messages handled, bytes waiting to be sent). */
  connectionsIn(name: string): ConnectionInfo[];
  /**
   * A copy of a document as stored: from memory when its room is loaded (everything in memory
   * is stored), else from the store. Used by exports; the copy may be changed freely.
   */
  readDocument(name: string): Promise<Y.Doc>;
  /** Closes the connections of a workshop opened with any of these link secret hashes (rotation), on every instance. */
  closeByHash(workshopId: string, hashes: ReadonlySet<string>): void;
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP error; the socket never becomes a websocket. */
function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The websocket side: authentication and limits before the upgrade, then the socket is
 * adapted (`wsSocket`) and handed to the room registry, which knows no transport.
 */
export function createSyncServer(options: { store: Store; config: ServerConfig; log: Logger; services?: RoomServices }): SyncServer {
  const { store, config, log } = options;
  const registry = new RoomRegistry({ store, config, log, services: options.services });
  let closing = false;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
  });

  /** Browsers always send Origin: accept our own host and the configured origins only. */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true; // scripts and native clients; they still need a link secret
    if (config.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  async function authorise(req: IncomingMessage, socket: Duplex, head: Buffer, address: RoomAddress, url: URL) {
    const role = url.searchParams.get('role');
    const key = url.searchParams.get('key');
    if (!originAllowed(req)) return rejectUpgrade(socket, 403, 'origin not allowed');
    if (!isRole(role)) return rejectUpgrade(socket, 400, 'role must be participant, facilitator or projector');
    if (!key) return rejectUpgrade(socket, 401, 'link secret missing');
    const ip = clientAddressOf(req, config);
    if (registry.connectionsFrom(ip) >= config.maxConnectionsPerIp) return rejectUpgrade(socket, 429, 'too many connections from this address');
    const workshop = await store.getWorkshop(address.workshopId);
    if (!workshop) return rejectUpgrade(socket, 404, 'workshop not found');
    if (checkAccess(workshop, role, key) !== 'ok') return rejectUpgrade(socket, 403, 'this link is not valid');
    if (closing || socket.destroyed) return rejectUpgrade(socket, 503, 'server shutting down');
    const existing = registry.get(roomName(address.workshopId, address.kind));
    if (existing && existing.connections.size >= config.maxConnectionsPerRoom) return rejectUpgrade(socket, 503, 'this workshop is full');
    if (!existing && !registry.canOpenRoom(config.maxRooms)) return rejectUpgrade(socket, 503, 'the server has too many open workshops; try again later');
    const secretHash = workshop.secretHashes[role];
    // Only now, with the secret checked, does the socket become a websocket.
    wss.handleUpgrade(req, socket, head, (ws) => registry.join({ address, socket: wsSocket(ws), role, ip, secretHash }));
  }

  return {
    handleUpgrade(req, socket, head) {
      // The query string carries the secret: never log req.url.
      const url = new URL(req.url ?? '/', 'http://localhost');
      const address = parseSyncPath(url.pathname);
      if (!address) {
        if (url.pathname === '/sync' || url.pathname.startsWith('/sync/')) {
          rejectUpgrade(socket, 404, 'unknown sync path');
          return true;
        }
        return false;
      }
      socket.on('error', () => socket.destroy());
      authorise(req, socket, head, address, url).catch((error) => {
        log('upgrade failed', { error: String(error) });
        rejectUpgrade(socket, 503, 'temporarily unavailable');
      });
      return true;
    },
    stats: () => registry.stats(),
    hasRoom: (name) => registry.get(name) !== undefined,
    connectionsIn: (name) => registry.connectionsIn(name),
    closeByHash: (workshopId, hashes) => registry.closeByHash(workshopId, hashes),
    readDocument: (name) => registry.readDocument(name),
    unloadIdleRooms: () => registry.unloadIdleRooms(),
    async close() {
      closing = true;
      await registry.close();
      wss.close();
    },
  };
}
