import * as Y from 'yjs';
import type { Role, RoomAddress } from '../../lib/protocol';
import { CloseCode, roomName } from '../../lib/protocol';
import type { ServerConfig } from '../config';
import type { Logger } from '../log';
import type { DocStore } from '../store/types';
import { SyncConnection } from './connection';
import { checkLoadBudget, dropPending } from './doc-budget';
import { Room } from './room';
import { localRoomServices, type RoomServices, type WriteBudget } from './room-log';
import type { ClientSocket } from './socket';

export type RegistryConfig = Pick<
  ServerConfig,
  | 'unloadGraceMs'
  | 'maxDocumentBytes'
  | 'maxMessagesPerSecond'
  | 'maxBytesPerSecond'
  | 'maxAwarenessPerSecond'
  | 'keepAliveMs'
  | 'maxDocClients'
  | 'maxDocStructs'
  | 'maxBufferedBytes'
  | 'workshopWriteBytesPerMinute'
>;

export type JoinRequest = {
  address: RoomAddress;
  socket: ClientSocket;
  role: Role;
  ip: string;
  secretHash: string;
};

export type RoomStats = { rooms: number; connections: number; presenceEntries: number };

/** One connection as diagnostics (and tests) see it. */
/** `open` turns false as soon as the server has begun closing it (the socket may linger for its close handshake). */
export type ConnectionInfo = { role: Role; open: boolean; handledMessages: number; bufferedBytes: number };

/**
 * The rooms of one process: get-or-load on join, forgotten when they unload. It knows no
 * transport: whoever authenticated a client hands its socket to `join`.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Set<SyncConnection>();
  private readonly connectionsByIp = new Map<string, number>();
  /** Per workshop (board and facilitation together): bytes of updates per minute. */
  private readonly writeBudgets = new Map<string, WriteBudget>();
  private readonly services: RoomServices;

  constructor(
    private readonly options: { store: DocStore; config: RegistryConfig; log: Logger; services?: RoomServices },
  ) {
    this.services = options.services ?? localRoomServices(options.store);
    this.services.onClose((workshopId, hashes) => this.closeHere(workshopId, hashes));
  }

  /** The live room of a document, if loaded. */
  get(name: string): Room | undefined {
    const room = this.rooms.get(name);
    return room?.acceptsClients() ? room : undefined;
  }

  get size(): number {
    return this.rooms.size;
  }

  connectionsFrom(ip: string): number {
    return this.connectionsByIp.get(ip) ?? 0;
  }

  /** Opens the room if needed and attaches the socket to it. */
  join(request: JoinRequest): SyncConnection {
    const { config, log } = this.options;
    const room = this.getOrLoad(request.address);
    const connection = new SyncConnection({
      socket: request.socket,
      room,
      role: request.role,
      limits: config,
      ip: request.ip,
      secretHash: request.secretHash,
      log,
      writeBudget: this.writeBudgetOf(request.address.workshopId),
      onClose: (closed) => {
        this.connections.delete(closed);
        const left = this.connectionsFrom(closed.ip) - 1;
        if (left > 0) this.connectionsByIp.set(closed.ip, left);
        else this.connectionsByIp.delete(closed.ip);
      },
    });
    this.connections.add(connection);
    this.connectionsByIp.set(request.ip, this.connectionsFrom(request.ip) + 1);
    return connection;
  }

  private writeBudgetOf(workshopId: string): WriteBudget {
    let budget = this.writeBudgets.get(workshopId);
    if (!budget) {
      budget = this.services.writeBudget(workshopId, this.options.config.workshopWriteBytesPerMinute);
      this.writeBudgets.set(workshopId, budget);
    }
    return budget;
  }

  /**
   * Whether a room may be opened for a new joiner. Only rooms with people in them count toward
   * `maxRooms`; when the loaded rooms reach it, the ones that have been empty longest (in their
   * unload grace) are unloaded to make room.
   */
  canOpenRoom(maxRooms: number): boolean {
    const rooms = [...this.rooms.values()];
    if (rooms.filter((r) => r.connections.size > 0).length >= maxRooms) return false;
    const staying = rooms.filter((r) => !r.unloading);
    const excess = staying.length - maxRooms + 1;
    if (excess > 0) {
      const idle = staying.filter((r) => r.connections.size === 0).sort((a, b) => (a.emptySince ?? 0) - (b.emptySince ?? 0));
      for (const room of idle.slice(0, excess)) void room.unload();
    }
    return true;
  }

  /** A joiner always gets a room that accepts clients, never one that is closing or failed. */
  private getOrLoad(address: RoomAddress): Room {
    const name = roomName(address.workshopId, address.kind);
    const existing = this.get(name);
    if (existing) return existing;
    const { config, log } = this.options;
    const room = new Room({
      name,
      kind: address.kind,
      openLog: (events) => this.services.openLog(name, events),
      unloadGraceMs: config.unloadGraceMs,
      maxDocumentBytes: config.maxDocumentBytes,
      loadBudget: { maxClients: config.maxDocClients, maxStructs: config.maxDocStructs },
      log,
      onGone: (gone) => {
        if (this.rooms.get(gone.name) === gone) this.rooms.delete(gone.name);
        // The budget goes with the workshop's last loaded room (by then it has refilled for at
        // least the unload grace).
        const others = [roomName(address.workshopId, 'board'), roomName(address.workshopId, 'facilitation')].some((n) => this.rooms.has(n));
        if (!others) this.writeBudgets.delete(address.workshopId);
      },
    });
    this.rooms.set(name, room);
    return room;
  }

  stats(): RoomStats {
    let connections = 0;
    let presenceEntries = 0;
    for (const room of this.rooms.values()) {
      connections += room.connections.size;
      // The server has no presence of its own, so every state is a client's entry.
      presenceEntries += room.awareness.getStates().size;
    }
    return { rooms: this.rooms.size, connections, presenceEntries };
  }

  /** The connections of a loaded room. */
  connectionsIn(name: string): ConnectionInfo[] {
    return [...this.connections]
      .filter((c) => c.room.name === name)
      .map((c) => ({ role: c.role, open: c.isOpen(), handledMessages: c.handledMessages, bufferedBytes: c.bufferedAmount() }));
  }

  /**
   * Closes the connections of a workshop opened with any of these link secret hashes (a link
   * was rotated), here and, in a cluster, on every other instance.
   */
  closeByHash(workshopId: string, hashes: ReadonlySet<string>): void {
    this.services.closeEverywhere(workshopId, hashes);
  }

  private closeHere(workshopId: string, hashes: ReadonlySet<string>): void {
    const names = new Set([roomName(workshopId, 'board'), roomName(workshopId, 'facilitation')]);
    for (const connection of [...this.connections]) {
      if (names.has(connection.room.name) && hashes.has(connection.secretHash)) connection.close(CloseCode.LinkRotated, 'this link was replaced by the facilitator');
    }
  }

  /**
   * A copy of a document as stored: from memory when its room is loaded, else from the store.
   * Read in the room's queue, whose barrier first stores any update the room has accepted but
   * not stored yet: everything in the copy is stored. The copy may be changed freely.
   */
  async readDocument(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const room = this.rooms.get(name);
    if (room && room.state === 'ready') {
      let copied = false;
      await room.enqueue(() => {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
        copied = true;
      });
      if (copied) return doc;
    }
    const { updates } = await this.options.store.load(name);
    const { config } = this.options;
    checkLoadBudget(updates, { maxClients: config.maxDocClients, maxStructs: config.maxDocStructs });
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
    dropPending(doc); // never part of the document anyone sees
    return doc;
  }

  /** Unloads rooms that have no clients now, without waiting for the grace period. */
  async unloadIdleRooms(): Promise<void> {
    await Promise.all([...this.rooms.values()].filter((r) => r.connections.size === 0).map((r) => r.unload()));
  }

  /** Stores every room compactly and closes every socket (1012: clients reconnect). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.rooms.values()].map((room) =>
        room.enqueue(async () => {
          await room.compact();
          room.close(CloseCode.ServerRestart, 'server restarting');
        }),
      ),
    );
  }
}
