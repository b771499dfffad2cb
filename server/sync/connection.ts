import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Role } from '../../lib/protocol';
import { CloseCode, MessageType, canSharePresence, canWrite } from '../../lib/protocol';
import type { Logger } from '../log';
import { AWARENESS_LIMITS, decodeAwarenessUpdate, encodeAwarenessEntries, stampRole } from './awareness-filter';
import { ProtocolError, truncateCloseReason } from './protocol-error';
import { TokenBucket } from './rate-limit';
import type { Room } from './room';
import type { ClientSocket, SyncSocket } from './socket';

export type ConnectionLimits = {
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxAwarenessPerSecond: number;
  /** Interval of liveness pings; a socket that misses a pong is dropped. */
  keepAliveMs: number;
};

export type ConnectionOptions = {
  socket: ClientSocket;
  room: Room;
  role: Role;
  limits: ConnectionLimits;
  /** The client's address, for the per-address connection limit. */
  ip: string;
  /** Which link secret (by hash) opened this connection, so rotating a link can close it. */
  secretHash: string;
  log: Logger;
  /** Called once when the socket is gone, after the room has forgotten the connection. */
  onClose?: (connection: SyncConnection) => void;
};

/**
 * One client's socket on one room, with the role its link secret proved. This is the one
 * place of the socket loop (as Hocuspocus's Connection): it listens to the socket, keeps it
 * alive, meters every frame on arrival, decodes and handles it in the room's queue, and turns
 * any error into a close code for this socket alone. The room sees it only as a `SyncSocket`.
 */
export class SyncConnection implements SyncSocket {
  readonly role: Role;
  readonly room: Room;
  readonly ip: string;
  readonly secretHash: string;
  readonly writable: boolean;
  readonly sharesPresence: boolean;

  private readonly socket: ClientSocket;
  private readonly log: Logger;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly presence: TokenBucket;
  private readonly keepAlive: NodeJS.Timeout;
  /** Set by pongs; a socket still false at the next ping is dropped. */
  private alive = true;
  /** We closed it: messages still queued from it are not handled. */
  private closedByServer = false;

  constructor(options: ConnectionOptions) {
    const { socket, room, role, limits } = options;
    this.socket = socket;
    this.room = room;
    this.role = role;
    this.ip = options.ip;
    this.secretHash = options.secretHash;
    this.log = options.log;
    this.writable = canWrite(role, room.kind);
    this.sharesPresence = canSharePresence(role, room.kind);
    this.messages = new TokenBucket(limits.maxMessagesPerSecond);
    this.bytes = new TokenBucket(limits.maxBytesPerSecond);
    this.presence = new TokenBucket(limits.maxAwarenessPerSecond);
    room.addConnection(this); // throws for a room that is gone; the registry never hands one out
    this.keepAlive = setInterval(() => this.ping(), limits.keepAliveMs);
    this.keepAlive.unref();
    socket.listen({
      message: (data, isBinary) => this.receive(data, isBinary),
      pong: () => {
        this.alive = true;
      },
      close: () => {
        clearInterval(this.keepAlive);
        this.room.removeConnection(this);
        options.onClose?.(this);
      },
    });
    // The first thing a client gets (our sync step 1, then who is present) waits in the
    // queue until the document is loaded: nobody is ever sent an empty document.
    void room.enqueue(() => this.start());
  }

  private receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closedByServer) return;
    if (!isBinary) {
      this.close(CloseCode.BadMessage, 'binary messages only');
      return;
    }
    // Metered on arrival, not when handled: a flood is cut off before it queues up.
    const overLimit = !this.messages.take(1) ? 'messages' : !this.bytes.take(data.byteLength) ? 'bytes' : null;
    if (overLimit) {
      this.log('closing socket over its rate limit', { room: this.room.name, role: this.role, error: `too many ${overLimit} per second` });
      this.close(CloseCode.RateLimited, 'rate limit exceeded');
      return;
    }
    void this.room.enqueue(async () => {
      if (this.closedByServer) return;
      try {
        await this.handle(data);
      } catch (error) {
        // Whatever a client sends, only its own socket pays: close it, keep the room.
        this.log('closing socket after bad message', { room: this.room.name, role: this.role, error: String(error) });
        // Refusals say why (cut to the 123 bytes a close reason may hold); decoding errors do not.
        if (error instanceof ProtocolError) this.close(error.code, error.message);
        else this.close(CloseCode.BadMessage, 'malformed message');
      }
    });
  }

  /** First thing a client gets: our sync step 1, then who is present. */
  private start(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.room.doc);
    this.send(encoding.toUint8Array(encoder));
    const present = [...this.room.awareness.getStates().keys()];
    if (present.length > 0) this.send(this.awarenessMessage(present));
  }

  /** Handles one binary message. Throws for anything malformed or refused. */
  private async handle(data: Uint8Array): Promise<void> {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(decoder);
      case MessageType.Awareness:
        return this.handleAwareness(decoding.readVarUint8Array(decoder));
      case MessageType.QueryAwareness:
        this.send(this.awarenessMessage([...this.room.awareness.getStates().keys()]));
        return;
      case MessageType.Auth:
        return; // the stock client never sends one; authentication happens before the upgrade
      case MessageType.SaveCheck: {
        // Handled in the queue after everything this socket sent before: all of it is stored.
        const seq = decoding.readVarUint(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.SaveCheck);
        encoding.writeVarUint(encoder, seq);
        this.send(encoding.toUint8Array(encoder));
        return;
      }
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  private async handleSync(decoder: decoding.Decoder): Promise<void> {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(stateVector); // throws on malformed input
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, this.room.doc, stateVector);
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder);
      // Read-only connections (projector; non-facilitators on the facilitation document):
      // their changes are dropped, silently, so a stock client keeps working as a viewer.
      if (!this.writable) return;
      await this.room.applyClientUpdate(update, this);
      return;
    }
    throw new ProtocolError(`unknown sync message type ${syncType}`);
  }

  private handleAwareness(update: Uint8Array): void {
    if (!this.sharesPresence) return; // viewers are not shown as present
    if (!this.presence.take(1)) throw new ProtocolError('too many presence updates per second', CloseCode.RateLimited);
    const entries = decodeAwarenessUpdate(update);
    const { presenceOwners, awareness } = this.room;
    const accepted = entries.filter((entry) => {
      const owner = presenceOwners.get(entry.clientId);
      if (owner === this) return true;
      if (owner && owner.isOpen()) return false; // someone else's presence (or the client's echo of it)
      // Unowned: a new person, or an echo of someone who has left. An echo carries a clock the
      // server has already seen; only a newer clock claims the id.
      const seen = awareness.meta.get(entry.clientId);
      if (seen && entry.clock <= seen.clock) return false;
      return true;
    });
    if (accepted.length === 0) return;
    if (accepted.length > AWARENESS_LIMITS.maxOwnEntries) throw new ProtocolError(`too many presence entries (${accepted.length})`);
    for (const entry of accepted) presenceOwners.set(entry.clientId, this);
    const stamped = accepted.map((e) => stampRole(e, this.role));
    awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwarenessEntries(stamped), this);
  }

  private awarenessMessage(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }

  /**
   * Liveness: a socket that did not answer the last ping is dropped. The empty awareness
   * update keeps the stock client's 30 s "no message received" watchdog quiet on quiet rooms
   * (a projector alone receives nothing otherwise).
   */
  private ping(): void {
    if (this.closedByServer) return; // closing: the close handshake has its own deadline
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, []));
    this.send(encoding.toUint8Array(encoder));
  }

  isOpen(): boolean {
    return !this.closedByServer && this.socket.isOpen();
  }

  send(message: Uint8Array): void {
    if (this.closedByServer) return;
    this.socket.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closedByServer) return;
    this.closedByServer = true;
    this.socket.close(code, truncateCloseReason(reason));
  }
}
