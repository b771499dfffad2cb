import type { DocStore } from '../store/types';
import { TokenBucket } from './rate-limit';
import type { SyncSocket } from './socket';

/**
 * What a room reads and writes its document through, and how it hears of other instances.
 * One code path for one instance and many: the local log (below) is the store as it always
 * was; the cluster's (server/cluster/) is PostgreSQL plus Redis. The room never asks which.
 */
export type LogEntry = { seq: number; update: Uint8Array };

export type RoomLogEvents = {
  /**
   * Updates stored by another instance, in sequence order, each delivered once (an update the
   * room already has is harmless: Yjs ignores it and the room sends nothing).
   */
  updates(entries: LogEntry[]): void;
  /** A presence (awareness) update from another instance, whose clients `owner` stands for. */
  presence(update: Uint8Array, owner: RemotePresence): void;
  /** Another instance opened this room and asks who is here. */
  presenceQuery(): void;
  /** An instance is gone (its heartbeat expired): drop the presence of its clients. */
  presenceGone(owner: RemotePresence): void;
};

export interface RoomLog {
  /** The stored document (in a cluster: subscribed first, so nothing committed meanwhile is missed). */
  load(): Promise<{ updates: Uint8Array[]; lastSeq: number }>;
  /** Stores one update durably, then (in a cluster) announces it; resolves with its sequence number. */
  append(update: Uint8Array): Promise<number>;
  /** Stores several updates in one transaction (all or none), then announces them; resolves with the last's sequence number. Optional. */
  appendMany?(updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Replaces the stored log with one snapshot. `live` is the room's document through
   * `throughSeq`; the cluster ignores it and builds the snapshot from PostgreSQL's rows. Returns
   * what is stored afterwards, or null when nothing was done (another instance was compacting).
   */
  compact(live: () => Uint8Array, throughSeq: number): Promise<{ rows: number; bytes: number } | null>;
  /** Sends a presence update of this instance's clients to the other instances. */
  publishPresence(update: Uint8Array): void;
  /** The room is gone: stop listening. */
  close(): void;
}

/** Everything the registry needs that differs between one instance and a cluster. */
export interface RoomServices {
  openLog(name: string, events: RoomLogEvents): RoomLog;
  /** The write budget of a workshop (bytes per minute), shared by every instance in a cluster. */
  writeBudget(workshopId: string, bytesPerMinute: number): WriteBudget;
  /**
   * Closes, on every instance, the connections opened with these link secret hashes (a link
   * was rotated). `closeHere` closes this instance's; the cluster also tells the others.
   */
  closeEverywhere(workshopId: string, hashes: ReadonlySet<string>): void;
  /** Sets what `closeEverywhere` calls on this instance (the registry's closeByHash). */
  onClose(closeHere: (workshopId: string, hashes: ReadonlySet<string>) => void): void;
  /** For `GET /api/health`. */
  readonly instance: string;
  close(): Promise<void>;
}

export type WriteBudget = { take(cost: number): boolean };

/**
 * The clients of another instance, as the owner of their presence entries: a connection of
 * this instance cannot take over an id another instance's client holds. Never sent to.
 */
export class RemotePresence implements SyncSocket {
  constructor(readonly instance: string) {}
  isOpen(): boolean {
    return false;
  }
  send(): void {}
  close(): void {}
  bufferedAmount(): number {
    return 0;
  }
}

/**
 * One process: the store is the log, and there is no one to tell. `compactStored` builds the
 * snapshot from the stored rows instead of the live document (PostgreSQL: another instance
 * without Redis may have stored rows this one never saw; see server/backend.ts).
 */
export function localRoomServices(
  store: DocStore,
  instance = 'local',
  compactStored?: (name: string) => Promise<{ rows: number; bytes: number } | null>,
): RoomServices {
  let closeHere: (workshopId: string, hashes: ReadonlySet<string>) => void = () => {};
  return {
    instance,
    openLog(name) {
      return {
        load: () => store.load(name),
        append: (update) => store.append(name, update),
        ...(store.appendMany ? { appendMany: (updates: readonly Uint8Array[]) => store.appendMany!(name, updates) } : {}),
        async compact(live, throughSeq) {
          if (compactStored) return compactStored(name);
          const snapshot = live();
          await store.compact(name, snapshot, throughSeq);
          return { rows: 1, bytes: snapshot.byteLength };
        },
        publishPresence() {},
        close() {},
      };
    },
    // A minute's worth may be used at once, then it refills continuously.
    writeBudget: (_workshopId, bytesPerMinute) => new TokenBucket(bytesPerMinute / 60, 60),
    closeEverywhere: (workshopId, hashes) => closeHere(workshopId, hashes),
    onClose(handler) {
      closeHere = handler;
    },
    async close() {},
  };
}
