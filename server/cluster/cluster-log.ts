import type { Logger } from '../log';
import type { PostgresStore } from '../store/postgres-store';
import type { LogEntry, RemotePresence, RoomLog, RoomLogEvents } from '../sync/room-log';
import type { RoomMessage } from './wire';

export type ClusterLogDeps = {
  name: string;
  instance: string;
  store: Pick<PostgresStore, 'readFrom' | 'append' | 'compactFromRows'>;
  /** Subscribes to the room's channel; resolves once Redis has confirmed it. */
  subscribe(onMessage: (message: RoomMessage) => void): Promise<void>;
  unsubscribe(): void;
  /** Fire and forget: a message lost here is found by the reconciliation tick. */
  publish(message: RoomMessage): void;
  events: RoomLogEvents;
  /** The presence owner standing for another instance's clients (one per instance, shared by rooms). */
  ownerOf(instance: string): RemotePresence;
  log: Logger;
};

/**
 * One room's log in a cluster. PostgreSQL numbers and stores every update; Redis only says
 * "seq n exists, here it is" after the commit. This instance applies updates strictly in
 * sequence order: the next number is applied, a number seen before is dropped, and a gap
 * (a message lost, or an instance that died between its commit and its publish) is filled by
 * reading the missing rows from PostgreSQL. One lost message therefore never leaves later
 * updates waiting forever (yjs issues 405/550), and nothing is applied twice.
 */
export class ClusterLog implements RoomLog {
  /** Every update through this number has been handed to the room (or is the room's own). */
  private head = 0;
  private loaded = false;
  private closed = false;
  /** Updates from other instances above `head + 1`, waiting for the ones before them. */
  private readonly pending = new Map<number, Uint8Array>();
  /** Numbers of this instance's own appends above `head` (already in the room's document). */
  private readonly own = new Set<number>();
  private filling = false;
  private refill = false;
  /** Whether Redis confirmed the subscription (else the cluster retries after a reconnect). */
  subscribed = false;

  constructor(private readonly deps: ClusterLogDeps) {}

  get name(): string {
    return this.deps.name;
  }

  /**
   * Subscribe first and buffer, then read the snapshot and the rows after it, then apply what
   * arrived meanwhile above the head read: nothing committed around the read can be missed.
   * Redis being down does not stop a room from opening: PostgreSQL has everything, and the
   * reconciliation tick reads it until the subscription is back.
   */
  async load(): Promise<{ updates: Uint8Array[]; lastSeq: number }> {
    await this.resubscribe();
    const tail = await this.deps.store.readFrom(this.deps.name, 0);
    const updates = tail.rows.map((r) => r.data);
    if (tail.snapshot) updates.unshift(tail.snapshot.data);
    this.advanceTo(tail.head); // what arrived meanwhile and was already read is dropped
    this.loaded = true;
    // Handed to the room after it has applied what was read (the room queues them behind its load).
    this.drain();
    this.deps.publish({ kind: 'presence-query', instance: this.deps.instance });
    return { updates, lastSeq: tail.head };
  }

  async resubscribe(): Promise<void> {
    if (this.subscribed || this.closed) return;
    try {
      await this.deps.subscribe((message) => this.receive(message));
      this.subscribed = true;
    } catch (error) {
      this.deps.log('room subscription failed; reading from PostgreSQL until Redis is back', { room: this.deps.name, error: String(error) });
    }
  }

  async append(update: Uint8Array): Promise<number> {
    const seq = await this.deps.store.append(this.deps.name, update);
    // Only now, committed, may anyone else hear of it.
    this.deps.publish({ kind: 'update', instance: this.deps.instance, seq, update });
    if (seq === this.head + 1) {
      this.head = seq;
      this.drain();
    } else if (seq > this.head + 1) {
      // Someone committed before us and we have not heard of it yet: read it.
      this.own.add(seq);
      void this.fill();
    }
    return seq;
  }

  async compact(): Promise<{ rows: number; bytes: number } | null> {
    return this.deps.store.compactFromRows(this.deps.name);
  }

  publishPresence(update: Uint8Array): void {
    if (this.closed) return;
    this.deps.publish({ kind: 'presence', instance: this.deps.instance, update });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.deps.unsubscribe();
  }

  /** The reconciliation tick saw PostgreSQL's head for this room. */
  reconcile(storedHead: number): void {
    if (this.loaded && !this.closed && storedHead > this.head) void this.fill();
  }

  /** After a Redis reconnect (messages may have been lost meanwhile): read what we missed. */
  resync(): void {
    if (this.loaded && !this.closed) void this.fill();
  }

  /** Our heartbeat had expired: the others may have dropped our clients' presence; send it again. */
  republishPresence(): void {
    if (!this.closed) this.deps.events.presenceQuery();
  }

  /** Another instance's heartbeat expired: its clients are gone from this room. */
  presenceGone(owner: RemotePresence): void {
    if (!this.closed) this.deps.events.presenceGone(owner);
  }

  /** Where this instance is, for tests and diagnostics. */
  get appliedHead(): number {
    return this.head;
  }

  private receive(message: RoomMessage): void {
    if (this.closed || message.instance === this.deps.instance) return;
    if (message.kind === 'update') {
      if (message.seq <= this.head || this.own.has(message.seq)) return; // seen
      this.pending.set(message.seq, message.update);
      if (this.loaded) this.drain();
    } else if (message.kind === 'presence') this.deps.events.presence(message.update, this.deps.ownerOf(message.instance));
    else if (message.kind === 'presence-query') this.deps.events.presenceQuery();
  }

  /** Hands over every update that is next in order; a gap left behind is filled from PostgreSQL. */
  private drain(): void {
    this.drainInOrder();
    if (this.pending.size > 0) void this.fill();
  }

  /** Reads every row after the head from PostgreSQL (a snapshot first if the rows were compacted away). */
  private async fill(): Promise<void> {
    if (this.filling) {
      this.refill = true;
      return;
    }
    this.filling = true;
    try {
      do {
        this.refill = false;
        const before = this.head;
        const tail = await this.deps.store.readFrom(this.deps.name, this.head);
        if (this.closed) return;
        const entries: LogEntry[] = [];
        if (tail.snapshot && tail.snapshot.seq > this.head) {
          entries.push({ seq: tail.snapshot.seq, update: tail.snapshot.data });
          this.advanceTo(tail.snapshot.seq);
        }
        for (const row of tail.rows) {
          if (row.seq <= this.head) continue;
          if (row.seq !== this.head + 1) {
            this.refill = true; // compacted between our reads: read again
            break;
          }
          if (!this.own.has(row.seq)) entries.push({ seq: row.seq, update: row.data });
          this.advanceTo(row.seq);
        }
        if (entries.length > 0) this.deps.events.updates(entries);
        // Messages that arrived while reading, above what was read. Any still waiting were
        // committed before they were published: the next read finds them (a read that found
        // nothing new leaves them to the tick rather than spin).
        this.drainInOrder();
        if (this.pending.size > 0 && this.head > before) this.refill = true;
      } while (this.refill && !this.closed);
    } catch (error) {
      // PostgreSQL unreachable: the next tick tries again.
      this.deps.log('reading missed updates failed', { room: this.deps.name, error: String(error) });
    } finally {
      this.filling = false;
    }
  }

  private advanceTo(seq: number): void {
    this.head = seq;
    for (const s of this.pending.keys()) if (s <= seq) this.pending.delete(s);
    for (const s of this.own) if (s <= seq) this.own.delete(s);
  }

  private drainInOrder(): void {
    const entries: LogEntry[] = [];
    for (;;) {
      const next = this.head + 1;
      const update = this.pending.get(next);
      if (update) {
        this.pending.delete(next);
        entries.push({ seq: next, update });
      } else if (this.own.has(next)) this.own.delete(next);
      else break;
      this.head = next;
    }
    if (entries.length > 0) this.deps.events.updates(entries);
  }
}
