import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import type { Role } from '../../lib/protocol';
import { CloseCode, MessageType, canSharePresence, canWrite } from '../../lib/protocol';
import { AWARENESS_LIMITS, decodeAwarenessUpdate, encodeAwarenessEntries, stampRole } from './awareness-filter';
import { TokenBucket } from './rate-limit';
import type { Room } from './room';

/** A message we refuse: the socket that sent it is closed with `code`, nobody else is affected. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.BadMessage,
  ) {
    super(message);
  }
}

/** One client's socket on one room, with the role its link secret proved. */
export class SyncConnection {
  /** Set by keep-alive pings; a socket that misses a pong is terminated. */
  alive = true;
  private closed = false;
  readonly writable: boolean;
  readonly sharesPresence: boolean;

  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly presence: TokenBucket;

  constructor(
    private readonly ws: WebSocket,
    readonly role: Role,
    readonly room: Room,
    limits: { maxMessagesPerSecond: number; maxBytesPerSecond: number; maxAwarenessPerSecond: number },
    /** The client's address, for the per-address connection limit. */
    readonly ip: string,
    /** Which link secret (by hash) opened this connection, so rotating a link can close it. */
    readonly secretHash: string,
  ) {
    this.writable = canWrite(role, room.kind);
    this.sharesPresence = canSharePresence(role, room.kind);
    this.messages = new TokenBucket(limits.maxMessagesPerSecond);
    this.bytes = new TokenBucket(limits.maxBytesPerSecond);
    this.presence = new TokenBucket(limits.maxAwarenessPerSecond);
  }

  /** Counts one incoming message against the rate limits; throws when a limit is crossed. */
  meter(byteLength: number): void {
    if (!this.messages.take(1)) throw new ProtocolError('too many messages per second', CloseCode.RateLimited);
    if (!this.bytes.take(byteLength)) throw new ProtocolError('too many bytes per second', CloseCode.RateLimited);
  }

  /** First thing a client gets: our sync step 1, then who is present. */
  start(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.room.doc);
    this.send(encoding.toUint8Array(encoder));
    const present = [...this.room.awareness.getStates().keys()];
    if (present.length > 0) this.send(this.awarenessMessage(present));
  }

  /** Handles one binary message. Throws ProtocolError for anything malformed or refused. */
  async handle(data: Uint8Array): Promise<void> {
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
    const accepted = entries.filter((entry) => {
      const owner = this.room.presenceOwners.get(entry.clientId);
      if (owner === this) return true;
      if (owner && !owner.closed) return false; // someone else's presence (or the client's echo of it)
      // Unowned: a new person, or an echo of someone who has left. An echo carries a clock the
      // server has already seen; only a newer clock claims the id.
      const seen = this.room.awareness.meta.get(entry.clientId);
      if (seen && entry.clock <= seen.clock) return false;
      return true;
    });
    if (accepted.length === 0) return;
    if (accepted.length > AWARENESS_LIMITS.maxOwnEntries) throw new ProtocolError(`too many presence entries (${accepted.length})`);
    for (const entry of accepted) this.room.presenceOwners.set(entry.clientId, this);
    const stamped = accepted.map((e) => stampRole(e, this.role));
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessEntries(stamped), this);
  }

  private awarenessMessage(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message, this.afterSend);
  }

  /** One callback per connection, not one per message: a broadcast to 200 allocates nothing here. */
  private readonly afterSend = (error?: Error) => {
    if (error) this.close(CloseCode.ServerRestart, 'send failed');
  };

  /**
   * Keeps the stock client's 30 s "no message received" watchdog quiet on quiet rooms (a
   * projector alone receives nothing otherwise): an awareness update with no entries.
   */
  sendKeepAlive(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, []));
    this.send(encoding.toUint8Array(encoder));
  }

  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
    this.sendKeepAlive();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket forever.
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }

  isClosed(): boolean {
    return this.closed;
  }
}
