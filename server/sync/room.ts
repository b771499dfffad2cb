import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { BOARD_SHAPE, FACILITATION_SHAPE } from '../../lib/doc/schema';
import type { DocumentShape } from '../../lib/doc/shape';
import { validateUpdate } from '../../lib/doc/validate-update';
import type { DocKind } from '../../lib/protocol';
import { CloseCode, MessageType } from '../../lib/protocol';
import type { Logger } from '../log';
import { AwarenessRejected, decodeAwarenessUpdate, encodeAwarenessEntries } from './awareness-filter';
import { DocumentOverBudget, checkLoadBudget, dropPending, type LoadBudget } from './doc-budget';
import { ProtocolError } from './protocol-error';
import { RemotePresence, type LogEntry, type RoomLog, type RoomLogEvents } from './room-log';
import { SharedMessage } from './shared-message';
import type { SyncSocket } from './socket';

export type RoomState = 'loading' | 'ready' | 'failed' | 'closed';

/** The origin of updates the room applies from the log (stored by another instance). */
const REMOTE = Symbol('stored elsewhere');

/** The declared shape each document's updates are checked against. */
export const DOCUMENT_SHAPES: Record<DocKind, DocumentShape> = { board: BOARD_SHAPE, facilitation: FACILITATION_SHAPE };

export type RoomOptions = {
  name: string;
  kind: DocKind;
  /** Opens the log the room reads, stores and hears of other instances' updates through. */
  openLog(events: RoomLogEvents): RoomLog;
  /** How long the room stays loaded after its last client left. */
  unloadGraceMs: number;
  /** Stored size budget of the document (snapshot plus log); no limit when left out. */
  maxDocumentBytes?: number;
  /** Clients and structs the stored document may hold to be loaded; no limit when left out. */
  loadBudget?: LoadBudget;
  /** The room is gone (unloaded, failed or closed); the registry forgets it. */
  onGone(room: Room): void;
  log: Logger;
};

/**
 * One shared document in memory, with the connections editing it.
 *
 * All work on a room (loading, each client message, unloading) runs through one queue, one
 * task at a time. That gives the ordering guarantees the protocol relies on: nobody is
 * answered before the document is loaded, an update is stored before any other client is
 * sent it, and a save check is answered after everything that came before it on its socket.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly name: string;
  readonly kind: DocKind;
  readonly connections = new Set<SyncSocket>();
  /** Which connection owns which presence client id; nobody else may change that entry. */
  readonly presenceOwners = new Map<number, SyncSocket>();
  /**
   * Presence ids whose owner's socket has gone, held for the presence timeout: only the same
   * person (same address, same link) may take them back meanwhile. Without this, anyone could
   * announce the id of someone whose network dropped and speak under their name.
   */
  private readonly presenceReservations = new Map<number, { ip: string; secretHash: string; until: number }>();
  state: RoomState = 'loading';
  private queue: Promise<void>;
  /**
   * Client updates already checked and integrated into `doc` but not stored yet, in arrival
   * order. Updates queued back to back join one batch, stored in one transaction; any other task
   * (a sync answer, presence, a save check, compaction…) first stores and sends the batch, and
   * nothing is sent to anyone while an update of it is unstored. See `enqueue`.
   */
  private unstored: Array<{ update: Uint8Array; from: SyncSocket }> = [];
  private lastSeq = 0;
  private storedRows = 0;
  /** Bytes of this document in the store (snapshot plus log), for the size budget. */
  private storedBytes = 0;
  private unloadTimer: NodeJS.Timeout | null = null;
  /** When the last client left (for evicting the oldest empty room first); null while occupied. */
  emptySince: number | null = null;
  /** The stored document held something the room dropped on load: rewrite it at the next compaction. */
  private storedNeedsRewrite = false;
  private readonly shape: DocumentShape;
  private readonly loadBudget: LoadBudget;
  private readonly log: RoomLog;
  private readonly unloadGraceMs: number;
  private readonly maxDocumentBytes: number;
  private readonly hooks: Pick<RoomOptions, 'onGone' | 'log'>;

  constructor(options: RoomOptions) {
    this.name = options.name;
    this.kind = options.kind;
    this.unloadGraceMs = options.unloadGraceMs;
    this.maxDocumentBytes = options.maxDocumentBytes ?? Number.POSITIVE_INFINITY;
    this.shape = DOCUMENT_SHAPES[options.kind];
    this.loadBudget = options.loadBudget ?? { maxClients: Number.POSITIVE_INFINITY, maxStructs: Number.POSITIVE_INFINITY };
    this.hooks = { onGone: options.onGone, log: options.log };
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.log = options.openLog({
      updates: (entries) =>
        void this.enqueue(() => {
          try {
            this.applyStored(entries);
          } catch (error) {
            // Stored bytes that do not decode: this copy may now differ from the store, so it
            // goes, and the next client loads what is really stored. Other rooms carry on.
            this.hooks.log('applying a stored update failed', { room: this.name, error: String(error) });
            this.fail();
          }
        }),
      presence: (update, owner) => this.applyRemotePresence(update, owner),
      presenceQuery: () => this.publishOwnPresence(),
      presenceGone: (owner) => this.dropRemotePresence(owner),
    });
    this.queue = this.load();
  }

  private async load(): Promise<void> {
    try {
      const { updates, lastSeq } = await this.log.load();
      if (this.state !== 'loading') return; // closed while the store was reading
      // Counted before a Y.Doc is built from it: a document that would not fit the memory
      // budget is refused, not allowed to take the process down.
      checkLoadBudget(updates, this.loadBudget);
      Y.transact(this.doc, () => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      });
      if (dropPending(this.doc)) {
        // Stored before the server refused such updates: never sent to anyone, and the next
        // compaction writes the document without them.
        this.hooks.log('dropped pending structs on load', { room: this.name });
        this.storedNeedsRewrite = true;
      }
      this.lastSeq = lastSeq;
      this.storedRows = updates.length;
      this.storedBytes = updates.reduce((n, u) => n + u.byteLength, 0);
      this.state = 'ready';
    } catch (error) {
      // A failed load never writes anything: the stored log stays exactly as it was.
      this.hooks.log('room load failed', { room: this.name, error: String(error) });
      if (error instanceof DocumentOverBudget) this.fail(`this workshop is too large to open: ${error.message}`);
      else this.fail();
    }
  }

  /**
   * Runs `task` after everything queued before it, only while the room is usable. A
   * `batchable` task only integrates a client update (`acceptClientUpdate`); every other task
   * first stores and sends the batch of accepted updates before it (the barrier), so that no
   * task ever sends or answers from a document holding something unstored.
   */
  enqueue(task: () => void | Promise<void>, options: { batchable?: boolean } = {}): Promise<void> {
    const run = async () => {
      if (this.state !== 'ready') return;
      if (!options.batchable && this.unstored.length > 0) {
        await this.storeAccepted();
        if (this.state !== 'ready') return;
      }
      await task();
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /** Loading or ready: a client may join. A closed or failed room never comes back. */
  acceptsClients(): boolean {
    return this.state === 'loading' || this.state === 'ready';
  }

  addConnection(connection: SyncSocket): void {
    if (!this.acceptsClients()) throw new Error(`room ${this.name} is ${this.state}`);
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
    this.connections.add(connection);
    this.emptySince = null;
  }

  /** Holds a leaving connection's presence ids for the presence timeout (see presenceReservations). */
  reservePresence(clientIds: Iterable<number>, holder: { ip: string; secretHash: string }): void {
    const now = performance.now();
    for (const [id, r] of this.presenceReservations) if (r.until <= now) this.presenceReservations.delete(id);
    for (const id of clientIds) this.presenceReservations.set(id, { ...holder, until: now + awarenessProtocol.outdatedTimeout });
  }

  /** True when `clientId` is held for someone else than `claimant`. */
  presenceReservedAgainst(clientId: number, claimant: { ip: string; secretHash: string }): boolean {
    const r = this.presenceReservations.get(clientId);
    if (!r || r.until <= performance.now()) return false;
    return r.ip !== claimant.ip || r.secretHash !== claimant.secretHash;
  }

  removeConnection(connection: SyncSocket): void {
    if (!this.connections.delete(connection)) return;
    const owned = [...this.presenceOwners].filter(([, c]) => c === connection).map(([id]) => id);
    for (const id of owned) this.presenceOwners.delete(id);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, connection);
    if (this.connections.size === 0 && this.state !== 'closed' && this.state !== 'failed') {
      this.emptySince = performance.now();
      this.unloadTimer = setTimeout(() => void this.unload(), this.unloadGraceMs);
      this.unloadTimer.unref();
    }
  }

  /**
   * Applies a client's update: check it against the document's shape, integrate it, store what
   * was new, then send it to everyone else. Content the document already had is neither stored
   * nor sent again. A refused update leaves no trace: Yjs cannot roll back, so everything is
   * decided before the document is touched.
   */
  async applyClientUpdate(update: Uint8Array, from: SyncSocket): Promise<void> {
    await this.acceptClientUpdate(update, from);
    await this.storeAccepted();
  }

  /**
   * The first half of `applyClientUpdate`, for a task queued as `batchable`: checks and
   * integrates the update and adds what was new to the batch of unstored updates. The batch is
   * stored (one transaction) and only then sent on, by the barrier of the next task that is not
   * an update; the first update of a batch queues such a task behind everything already queued.
   */
  async acceptClientUpdate(update: Uint8Array, from: SyncSocket): Promise<void> {
    // Validates the binary first: a malformed update throws here, before the document is touched.
    // Read once: the schema check below works on the same structs.
    const decoded = Y.decodeUpdate(update);
    if (this.storedBytes + update.byteLength > this.maxDocumentBytes) {
      // The log may be mostly history: compact, then decide on the real size.
      await this.storeAccepted();
      if (this.state !== 'ready') return;
      await this.compact();
      if (this.state !== 'ready') return; // the room was closed while compacting
      if (this.storedBytes + update.byteLength > this.maxDocumentBytes) {
        throw new ProtocolError(`this workshop has reached its size limit (${this.maxDocumentBytes} bytes); the change was not saved`, CloseCode.DocumentTooLarge);
      }
    }
    const verdict = validateUpdate(this.doc, update, this.shape, decoded);
    if (!verdict.ok) {
      // 'missing': the update depends on structs the server does not have (Yjs would keep it
      // pending, invisible but sent to every joiner). The client lost track: it reconnects and
      // its sync steps send what the server lacks. Anything else is data that does not fit.
      if (verdict.kind === 'missing') throw new ProtocolError(`resync needed: ${verdict.reason}`, CloseCode.Resync);
      throw new ProtocolError(`refused update: ${verdict.reason}`, CloseCode.BadMessage);
    }
    const fresh: Uint8Array[] = [];
    const capture = (u: Uint8Array) => fresh.push(u);
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update, from);
    } finally {
      this.doc.off('update', capture);
    }
    // The validator refuses anything that would stay pending; should Yjs still hold some, the
    // room drops it rather than hand it to joiners or snapshots.
    if (dropPending(this.doc)) this.hooks.log('dropped pending structs of an accepted update', { room: this.name });
    if (fresh.length === 0) return;
    const stored = fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh);
    // Counted now, so that the size budget of the next update sees it.
    this.storedRows++;
    this.storedBytes += stored.byteLength;
    this.unstored.push({ update: stored, from });
    if (this.unstored.length === 1) void this.enqueue(() => {}); // its barrier stores the batch
  }

  /**
   * Stores the batch of accepted updates (one transaction when the log can), then sends each
   * to everyone but its sender, encoded once for all of them.
   */
  private async storeAccepted(): Promise<void> {
    const batch = this.unstored.splice(0);
    if (batch.length === 0) return;
    try {
      const updates = batch.map((b) => b.update);
      let seq = 0;
      if (updates.length > 1 && this.log.appendMany) seq = await this.log.appendMany(updates);
      else for (const u of updates) seq = await this.log.append(u);
      this.lastSeq = Math.max(this.lastSeq, seq);
    } catch (error) {
      // The document now holds something the store does not: drop this copy of the room so
      // that the next client loads what was really stored (clients re-send their edits).
      this.hooks.log('store append failed', { room: this.name, error: String(error) });
      this.fail();
      return;
    }
    if (this.state !== 'ready') return; // closed while storing: the updates are stored, nobody is left to send them to
    for (const { update, from } of batch) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), from);
    }
  }

  /**
   * Updates another instance stored (the log hands them over in sequence order, already
   * committed): applied like a client's, sent to everyone here. They were checked against the
   * schema by the instance that accepted them.
   */
  private applyStored(entries: LogEntry[]): void {
    const fresh: Uint8Array[] = [];
    const capture = (u: Uint8Array) => fresh.push(u);
    this.doc.on('update', capture);
    try {
      Y.transact(this.doc, () => {
        for (const entry of entries) Y.applyUpdate(this.doc, entry.update, REMOTE);
      });
    } finally {
      this.doc.off('update', capture);
    }
    for (const entry of entries) {
      this.lastSeq = Math.max(this.lastSeq, entry.seq);
      this.storedRows++;
      this.storedBytes += entry.update.byteLength;
    }
    if (dropPending(this.doc)) this.hooks.log('dropped pending structs of a stored update', { room: this.name });
    if (fresh.length === 0) return; // already had it (our own update, read back while filling a gap)
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh));
    this.broadcast(encoding.toUint8Array(encoder));
  }

  /**
   * Presence of another instance's clients. Those ids belong to that instance (`owner`): an
   * entry whose id a connection here owns is ignored, as a second claim on it would be here.
   */
  private applyRemotePresence(update: Uint8Array, owner: RemotePresence): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    let entries;
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (error) {
      if (!(error instanceof AwarenessRejected)) this.hooks.log('bad presence from another instance', { room: this.name, error: String(error) });
      return;
    }
    const kept = entries.filter((e) => {
      const current = this.presenceOwners.get(e.clientId);
      return current === undefined || current === owner || (current instanceof RemotePresence && e.state !== null);
    });
    if (kept.length === 0) return;
    for (const e of kept) {
      if (e.state === null) this.presenceOwners.delete(e.clientId);
      else this.presenceOwners.set(e.clientId, owner);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), owner);
  }

  /** Another instance opened the room: tell it who is here. */
  private publishOwnPresence(): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    const own = [...this.presenceOwners].filter(([, o]) => !(o instanceof RemotePresence)).map(([id]) => id);
    if (own.length > 0) this.log.publishPresence(awarenessProtocol.encodeAwarenessUpdate(this.awareness, own));
  }

  /** An instance is gone: its clients' presence goes at once, not after the 30 s presence timeout. */
  private dropRemotePresence(owner: RemotePresence): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    const ids = [...this.presenceOwners].filter(([, o]) => o === owner).map(([id]) => id);
    for (const id of ids) this.presenceOwners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, owner);
  }

  /** Sends `message` to every connection but `except`, framed once for all of them. */
  broadcast(message: Uint8Array, except?: SyncSocket): void {
    const shared = new SharedMessage(message);
    for (const connection of this.connections) {
      if (connection !== except) connection.send(shared);
    }
  }

  private readonly onAwarenessUpdate = (
    {
      added,
      updated,
      removed,
    }: {
      added: number[];
      updated: number[];
      removed: number[];
    },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder));
    // Only what this instance's own connections changed goes to the others: never an entry
    // that came from another instance, nor one this instance timed out on its own (the owner's
    // instance decides about its clients).
    if (typeof origin === 'object' && origin !== null && !(origin instanceof RemotePresence)) this.log.publishPresence(update);
  };

  /**
   * Stores the document as one snapshot when its log has grown, then frees it, unless someone
   * is connected. Checked again after every await: the room stays `ready` (and the registry
   * keeps handing it to joiners) while it compacts, so a client may join in the meantime, and
   * then the room stays loaded for it. The last check and the close run in one synchronous
   * step, so nobody can join a room that has decided to close.
   */
  async unload(): Promise<void> {
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
    this.unloading = true;
    await this.enqueue(async () => {
      if (this.connections.size > 0) return; // someone came back during the grace period
      await this.compact();
      if (this.connections.size > 0) return; // someone joined while the snapshot was stored
      this.close();
    });
    this.unloading = false;
  }

  /** An unload has been asked for and has not finished (the registry does not ask twice). */
  unloading = false;

  /**
   * Compaction builds the snapshot through a Y.Doc (never Y.mergeUpdates over the log, which is
   * quadratic on long histories) and swaps it in within one store transaction. On one instance
   * that is the live document; in a cluster the log builds it from PostgreSQL's rows instead,
   * since this instance's copy may lack what another instance stored a moment ago.
   */
  async compact(): Promise<void> {
    if (this.state !== 'ready' || (this.storedRows <= 1 && !this.storedNeedsRewrite)) return;
    try {
      const stored = await this.log.compact(() => {
        if (dropPending(this.doc)) this.hooks.log('dropped pending structs before compaction', { room: this.name });
        return Y.encodeStateAsUpdate(this.doc);
      }, this.lastSeq);
      if (!stored) return; // another instance is compacting it
      this.storedRows = stored.rows;
      this.storedBytes = stored.bytes;
      this.storedNeedsRewrite = false;
    } catch (error) {
      this.hooks.log('compaction failed', { room: this.name, error: String(error) });
    }
  }

  /** Closes every connection with `code` and forgets the room. */
  close(code: number = CloseCode.ServerRestart, reason = 'server restarting'): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'closed';
    this.dispose(code, reason);
  }

  /** The reason of the failure, once failed (what joiners are told). */
  failure: string | null = null;

  private fail(reason = 'storage error, retry later'): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'failed';
    this.failure = reason;
    this.dispose(CloseCode.StorageError, reason);
  }

  private dispose(code: number, reason: string): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    for (const connection of [...this.connections]) connection.close(code, reason);
    this.connections.clear();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.log.close();
    this.doc.destroy();
    this.hooks.onGone(this);
  }
}
