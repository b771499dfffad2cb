import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import type { Role, RoomAddress } from '../../lib/protocol';
import { CloseCode, isRole, parseSyncPath, roomName } from '../../lib/protocol';
import { checkAccess } from '../auth';
import type { ServerConfig } from '../config';
import type { Store } from '../store/types';
import { ProtocolError, SyncConnection } from './connection';
import { Room } from './room';

export type Logger = (message: string, extra?: Record<string, unknown>) => void;

export type SyncServer = {
  /** Handles an HTTP upgrade on the sync path; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): { rooms: number; connections: number; presenceEntries: number };
  /** Stores every room compactly and closes every socket (1012: clients reconnect). */
  close(): Promise<void>;
  /** For tests: unloads rooms that have no clients now, without waiting for the grace period. */
  unloadIdleRooms(): Promise<void>;
  hasRoom(name: string): boolean;
  /**
   * A copy of a document as stored: from memory when its room is loaded (everything in memory
   * is stored), else from the store. Used by exports; the copy may be changed freely.
   */
  readDocument(name: string): Promise<Y.Doc>;
  /** Closes the connections of a workshop opened with any of these link secret hashes (rotation). */
  closeByHash(workshopId: string, hashes: ReadonlySet<string>, code: number, reason: string): void;
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

export function createSyncServer(options: { store: Store; config: ServerConfig; log: Logger }): SyncServer {
  const { store, config, log } = options;
  const rooms = new Map<string, Room>();
  let closing = false;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
  });

  function getRoom(address: RoomAddress): Room {
    const name = roomName(address.workshopId, address.kind);
    let room = rooms.get(name);
    if (!room) {
      room = new Room(
        name,
        address.kind,
        store,
        config.unloadGraceMs,
        {
          onGone: (gone) => {
            if (rooms.get(gone.name) === gone) rooms.delete(gone.name);
          },
          log,
        },
        config.maxDocumentBytes,
      );
      rooms.set(name, room);
    }
    return room;
  }

  const connectionsByIp = new Map<string, number>();

  function attach(ws: WebSocket, role: Role, address: RoomAddress, ip: string, secretHash: string): void {
    const room = getRoom(address);
    const connection = new SyncConnection(ws, role, room, config, ip, secretHash);
    room.addConnection(connection);
    connectionsByIp.set(ip, (connectionsByIp.get(ip) ?? 0) + 1);
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('error', () => {
      // Oversized frames and protocol violations surface here; 'close' follows and cleans up.
    });
    ws.on('close', () => {
      room.removeConnection(connection);
      const left = (connectionsByIp.get(ip) ?? 1) - 1;
      if (left > 0) connectionsByIp.set(ip, left);
      else connectionsByIp.delete(ip);
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        connection.close(CloseCode.BadMessage, 'binary messages only');
        return;
      }
      const bytes = Array.isArray(data)
        ? new Uint8Array(Buffer.concat(data))
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      try {
        // Metered on arrival, not when handled: a flood is cut off before it queues up.
        connection.meter(bytes.byteLength);
      } catch (error) {
        log('closing socket over its rate limit', { room: room.name, role, error: String(error) });
        connection.close(error instanceof ProtocolError ? error.code : CloseCode.RateLimited, 'rate limit exceeded');
        return;
      }
      void room.enqueue(async () => {
        if (connection.isClosed()) return;
        try {
          await connection.handle(bytes);
        } catch (error) {
          // Whatever a client sends, only its own socket pays: close it, keep the room.
          const code = error instanceof ProtocolError ? error.code : CloseCode.BadMessage;
          log('closing socket after bad message', { room: room.name, role, error: String(error) });
          // Close reasons are limited to 123 bytes; refusals say why, decoding errors do not.
          const reason = error instanceof ProtocolError ? error.message.slice(0, 120) : 'malformed message';
          connection.close(code, reason);
        }
      });
    });
    void room.enqueue(() => connection.start());
  }

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
    const ip = req.socket.remoteAddress ?? 'unknown';
    if ((connectionsByIp.get(ip) ?? 0) >= config.maxConnectionsPerIp) return rejectUpgrade(socket, 429, 'too many connections from this address');
    const workshop = await store.getWorkshop(address.workshopId);
    if (!workshop) return rejectUpgrade(socket, 404, 'workshop not found');
    if (checkAccess(workshop, role, key) !== 'ok') return rejectUpgrade(socket, 403, 'this link is not valid');
    if (closing || socket.destroyed) return rejectUpgrade(socket, 503, 'server shutting down');
    const existing = rooms.get(roomName(address.workshopId, address.kind));
    if (existing && existing.connections.size >= config.maxConnectionsPerRoom) return rejectUpgrade(socket, 503, 'this workshop is full');
    if (!existing && rooms.size >= config.maxRooms) return rejectUpgrade(socket, 503, 'the server has too many open workshops; try again later');
    const secretHash = workshop.secretHashes[role];
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, role, address, ip, secretHash));
  }

  const keepAlive = setInterval(() => {
    for (const room of rooms.values()) for (const connection of room.connections) connection.ping();
  }, config.keepAliveMs);
  keepAlive.unref();

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
    stats() {
      let connections = 0;
      let presenceEntries = 0;
      for (const room of rooms.values()) {
        connections += room.connections.size;
        presenceEntries += room.presenceOwners.size + room.awareness.getStates().size;
      }
      return { rooms: rooms.size, connections, presenceEntries };
    },
    hasRoom(name) {
      return rooms.has(name);
    },
    closeByHash(workshopId, hashes, code, reason) {
      for (const kind of ['board', 'facilitation'] as const) {
        const room = rooms.get(roomName(workshopId, kind));
        if (!room) continue;
        for (const connection of [...room.connections]) if (hashes.has(connection.secretHash)) connection.close(code, reason);
      }
    },
    async readDocument(name) {
      const doc = new Y.Doc();
      const room = rooms.get(name);
      if (room && room.state === 'ready') {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
        return doc;
      }
      const { updates } = await store.load(name);
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
      return doc;
    },
    async unloadIdleRooms() {
      await Promise.all([...rooms.values()].filter((r) => r.connections.size === 0).map((r) => r.unload()));
    },
    async close() {
      closing = true;
      clearInterval(keepAlive);
      await Promise.all(
        [...rooms.values()].map((room) =>
          room.enqueue(async () => {
            await room.compact();
            room.close(CloseCode.ServerRestart, 'server restarting');
          }),
        ),
      );
      wss.close();
    },
  };
}
