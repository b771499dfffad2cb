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
import type { WriteBudget } from './room-log';
import type { SharedMessage } from './shared-message';
import type { ClientSocket, SyncSocket } from './socket';

/** Dropped or coalesced messages on one socket from which its summary line is written. */
const NOTEWORTHY_DROPS = 100;

export type ConnectionLimits = {
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxAwarenessPerSecond: number;
  /** Interval of liveness pings; a socket that misses a pong is dropped. */
  keepAliveMs: number;
  /** Bytes that may wait in the output buffer; a client over it is closed (it stopped reading). */
  maxBufferedBytes: number;
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
  /**
   * The write budget of the connection's workshop, shared by all its connections on both
   * documents: reconnecting does not get a fresh one.
   */
  writeBudget?: WriteBudget;
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
  /**
   * Repeated sync step 1 coalesce: while one full answer is still on its way out, a newer
   * request only replaces the state vector to answer next (answered once the first is sent).
   */
  private answerInFlight = false;
  /** Bytes of the full answer in flight: not counted against the output bound (see `send`). */
  private answerBytes = 0;
  private nextStateVector: Uint8Array | null = null;
  private readonly maxBufferedBytes: number;
  private readonly writeBudget: WriteBudget | null;
  /** Presence ids this connection has claimed (at most AWARENESS_LIMITS.maxOwnEntries). */
  private readonly ownedPresence = new Set<number>();
  /**
   * What happened on this socket that an operator may want to know, written as one summary
   * line when the socket closes, never a line per message: a flood costs one line.
   */
  private readonly counts = { messages: 0, droppedWrites: 0, filteredPresence: 0, coalesced: 0, ignoredAfterClose: 0 };
  /** Why we closed it (the first reason), for the summary line. */
  private closeCause: { message: string; error: string; code: number } | null = null;
  /** Messages handled so far (for tests and diagnostics). */
  get handledMessages(): number {
    return this.counts.messages;
  }

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
    this.maxBufferedBytes = limits.maxBufferedBytes;
    this.writeBudget = options.writeBudget ?? null;
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
        this.logSummary();
        this.room.reservePresence(this.ownedPresence, this);
        this.room.removeConnection(this);
        options.onClose?.(this);
      },
    });
    // The first thing a client gets (our sync step 1, then who is present) waits in the
    // queue until the document is loaded: nobody is ever sent an empty document.
    void room.enqueue(() => this.start());
  }

  private receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closedByServer) {
      this.counts.ignoredAfterClose++;
      return;
    }
    if (!isBinary) {
      this.close(CloseCode.BadMessage, 'binary messages only');
      return;
    }
    // Metered on arrival, not when handled: a flood is cut off before it queues up.
    const overLimit = !this.messages.take(1) ? 'messages' : !this.bytes.take(data.byteLength) ? 'bytes' : null;
    if (overLimit) {
      this.closeFor('closing socket over its rate limit', `too many ${overLimit} per second`, CloseCode.RateLimited, 'rate limit exceeded');
      return;
    }
    // Updates (sync step 2 and update: [0, 1|2, …]) also draw on the workshop's budget, on
    // arrival, refused or not. Read-only connections' writes are dropped and cost nothing.
    if (this.writeBudget && this.writable && data[0] === MessageType.Sync && (data[1] === 1 || data[1] === 2) && !this.writeBudget.take(data.byteLength)) {
      this.closeFor('closing socket over the workshop write budget', `more than the workshop's bytes per minute`, CloseCode.RateLimited, 'this workshop is receiving too many changes; wait a minute');
      return;
    }
    // An update only joins the room's batch of unstored updates; anything else is a barrier that
    // stores and sends the batch first (see Room.enqueue).
    const isUpdate = data[0] === MessageType.Sync && (data[1] === syncProtocol.messageYjsSyncStep2 || data[1] === syncProtocol.messageYjsUpdate);
    void this.room.enqueue(async () => {
      if (this.closedByServer) {
        this.counts.ignoredAfterClose++;
        return;
      }
      try {
        this.counts.messages++;
        await this.handle(data);
      } catch (error) {
        // Whatever a client sends, only its own socket pays: close it, keep the room.
        // Refusals say why (cut to the 123 bytes a close reason may hold); decoding errors do not.
        if (error instanceof ProtocolError) this.closeFor('closing socket after bad message', String(error), error.code, error.message);
        else this.closeFor('closing socket after bad message', String(error), CloseCode.BadMessage, 'malformed message');
      }
    }, { batchable: isUpdate });
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
      if (this.answerInFlight) {
        this.nextStateVector = stateVector; // answered when the one in flight has been sent
        this.counts.coalesced++;
        return;
      }
      this.answerStep1(stateVector);
      return;
    }
    if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder);
      // Read-only connections (projector; non-facilitators on the facilitation document):
      // their changes are dropped, silently, so a stock client keeps working as a viewer.
      if (!this.writable) {
        this.counts.droppedWrites++;
        return;
      }
      // Stored and sent on with the room's batch (the barrier of the next task that is not an update).
      await this.room.acceptClientUpdate(update, this);
      return;
    }
    throw new ProtocolError(`unknown sync message type ${syncType}`);
  }

  /** Sends what the client lacks; the next request waits until this answer has left our buffers. */
  private answerStep1(stateVector: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep2(encoder, this.room.doc, stateVector);
    const answer = encoding.toUint8Array(encoder);
    this.answerInFlight = true;
    this.send(answer, () => {
      this.answerInFlight = false;
      this.answerBytes = 0;
      const next = this.nextStateVector;
      this.nextStateVector = null;
      // Answered in the room's queue, like any message: from the document as it is then.
      if (next && this.isOpen()) void this.room.enqueue(() => this.answerStep1(next));
    });
    if (this.answerInFlight) this.answerBytes = answer.byteLength;
  }

  private handleAwareness(update: Uint8Array): void {
    if (!this.sharesPresence) {
      this.counts.filteredPresence++; // viewers are not shown as present
      return;
    }
    if (!this.presence.take(1)) throw new ProtocolError('too many presence updates per second', CloseCode.RateLimited);
    const entries = decodeAwarenessUpdate(update);
    const { presenceOwners, awareness } = this.room;
    const accepted = entries.filter((entry) => {
      const owner = presenceOwners.get(entry.clientId);
      if (owner === this) return true;
      // Someone else's presence (or the client's echo of it), even while that socket is closing.
      if (owner) return false;
      // Its owner left less than the presence timeout ago: only that person may take it back.
      if (this.room.presenceReservedAgainst(entry.clientId, this)) return false;
      // Unowned: a new person, or an echo of someone who has left. An echo carries a clock the
      // server has already seen; only a newer clock claims the id.
      const seen = awareness.meta.get(entry.clientId);
      if (seen && entry.clock <= seen.clock) return false;
      return true;
    });
    if (accepted.length === 0) return;
    const claimed = new Set([...this.ownedPresence, ...accepted.map((e) => e.clientId)]);
    if (claimed.size > AWARENESS_LIMITS.maxOwnEntries) throw new ProtocolError(`too many presence entries for one connection (${claimed.size})`);
    for (const entry of accepted) {
      presenceOwners.set(entry.clientId, this);
      this.ownedPresence.add(entry.clientId);
    }
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

  /**
   * Sends, unless the output buffer is already over its bound: then the client has stopped
   * reading (or cannot keep up) and is closed rather than allowed to grow our memory. The one
   * full document answer in flight does not count (a document may be larger than the bound,
   * and a slow phone loading it is not an attacker); everything else waiting does.
   */
  send(message: Uint8Array | SharedMessage, onSent?: () => void): void {
    if (this.closedByServer) return;
    const buffered = this.socket.bufferedAmount() - this.answerBytes;
    if (buffered > this.maxBufferedBytes) {
      this.closeFor('closing socket over its output buffer', `${buffered} bytes waiting to be sent`, CloseCode.OutputBufferFull, 'output buffer full: the client is not reading');
      return;
    }
    this.socket.send(message, onSent);
  }

  bufferedAmount(): number {
    return this.socket.bufferedAmount();
  }

  /** Closes for a cause worth logging; the line is written once, when the socket is gone. */
  private closeFor(message: string, error: string, code: number, reason: string): void {
    if (this.closedByServer) return;
    this.closeCause = { message, error, code };
    this.close(code, reason);
  }

  /** One line per connection, and only when something happened that an operator may want to know. */
  private logSummary(): void {
    const { messages, ...refused } = this.counts;
    // Honest clients cause a few of these (a stock projector answers our sync step 1 with an
    // empty step 2, which is dropped); a flood causes many.
    const noteworthy = Object.values(refused).reduce((a, b) => a + b, 0) >= NOTEWORTHY_DROPS;
    if (!this.closeCause && !noteworthy) return;
    const fields: Record<string, unknown> = { room: this.room.name, role: this.role, messages };
    for (const [key, n] of Object.entries(refused)) if (n > 0) fields[key] = n;
    if (this.closeCause) Object.assign(fields, { code: this.closeCause.code, error: this.closeCause.error });
    this.log(this.closeCause?.message ?? 'connection closed', fields);
  }

  close(code: number, reason: string): void {
    if (this.closedByServer) return;
    this.closedByServer = true;
    this.socket.close(code, truncateCloseReason(reason));
  }
}
