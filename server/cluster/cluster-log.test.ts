import { createClient } from 'redis';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../store/postgres-store';
import { RemotePresence, type LogEntry, type RoomLogEvents } from '../sync/room-log';
import { eventually } from '../testing/harness';
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from '../testing/services';
import { openCluster, type Cluster } from './cluster';
import { ClusterLog } from './cluster-log';
import { encodeRoomMessage, roomChannel, type RoomMessage } from './wire';

/**
 * One room's log in a cluster (ClusterLog), on a real throwaway PostgreSQL: the order it hands
 * updates to the room in, and what it drops. The first tests drive the log's Redis side by
 * hand (its `subscribe` hands us the function Redis would call), so that gaps and duplicates
 * arrive exactly when the test says; the last one runs two clusters on a real Redis.
 */
let postgres: TestPostgres;
let redis: TestRedis;
let databaseUrl: string;
let store: PostgresStore;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.newDatabase();
  store = await openPostgresStore(databaseUrl, { max: 4 });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  store?.close();
  await redis?.destroy();
  postgres?.destroy();
}, 30_000);

let rooms = 0;

/** What the room would be told: the sequence numbers and bytes handed to it, in order. */
function recorder() {
  const applied: LogEntry[] = [];
  const events: RoomLogEvents = {
    updates: (entries) => applied.push(...entries),
    presence: () => {},
    presenceQuery: () => {},
    presenceGone: () => {},
  };
  return { applied, events, seqs: () => applied.map((e) => e.seq) };
}

/** A ClusterLog on the real store whose Redis messages the test delivers itself. */
async function handDriven() {
  const name = `hand-${++rooms}/board`;
  const { applied, events, seqs } = recorder();
  let deliver: (message: RoomMessage) => void = () => {
    throw new Error('not subscribed');
  };
  const published: RoomMessage[] = [];
  const log = new ClusterLog({
    name,
    instance: 'me',
    store,
    events,
    log: () => {},
    ownerOf: (other) => new RemotePresence(other),
    subscribe: async (onMessage) => {
      deliver = onMessage;
    },
    unsubscribe: () => {},
    publish: (message) => published.push(message),
  });
  await log.load();
  return { name, log, applied, seqs, published, deliver: (message: RoomMessage) => deliver(message) };
}

/** An update that sets one key, as another instance would have stored it. */
function update(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, key);
  return Y.encodeStateAsUpdate(doc);
}
const fromOther = (seq: number, data: Uint8Array): RoomMessage => ({ kind: 'update', instance: 'other', seq, update: data });
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('ClusterLog', () => {
  it('a gap (n+2 arrives while n+1 is missing) is filled from PostgreSQL before n+2 is applied', async () => {
    const room = await handDriven();
    const one = update('one');
    const two = update('two');
    expect(await store.append(room.name, one)).toBe(1);
    expect(await store.append(room.name, two)).toBe(2);
    // The message for 1 was lost; 2 arrives.
    room.deliver(fromOther(2, two));
    await eventually(() => expect(room.seqs()).toEqual([1, 2]));
    // 1 came from the store (no message ever carried it), and before 2.
    expect(room.applied[0]!.update).toEqual(one);
    expect(room.log.appliedHead).toBe(2);
    // The next in order is applied straight from the message, without waiting for anything.
    const three = update('three');
    expect(await store.append(room.name, three)).toBe(3);
    room.deliver(fromOther(3, three));
    expect(room.seqs()).toEqual([1, 2, 3]);
  });

  it('updates arriving out of order are applied in order, each once; duplicates and old numbers are dropped', async () => {
    const room = await handDriven();
    const data = [update('a'), update('b'), update('c')];
    for (const d of data) await store.append(room.name, d);
    room.deliver(fromOther(1, data[0]!));
    room.deliver(fromOther(1, data[0]!)); // Redis delivered it twice
    expect(room.seqs()).toEqual([1]);
    room.deliver(fromOther(3, data[2]!)); // ahead of 2: waits, and 2 is read from PostgreSQL
    room.deliver(fromOther(2, data[1]!));
    room.deliver(fromOther(3, data[2]!));
    await eventually(() => expect(room.seqs()).toEqual([1, 2, 3]));
    await settle(); // a read from PostgreSQL in flight finds nothing new to hand over
    room.deliver(fromOther(2, data[1]!));
    room.deliver(fromOther(1, data[0]!));
    // The tick and a Redis reconnect read again: nothing is handed over twice.
    room.log.reconcile(3);
    room.log.resync();
    await settle();
    expect(room.seqs()).toEqual([1, 2, 3]);
  });

  it("its own appends are announced after the commit and never handed back to the room, nor are their echoes", async () => {
    const room = await handDriven();
    const mine = update('mine');
    const seq = await room.log.append(mine);
    expect(seq).toBe(1);
    expect(room.published.filter((m) => m.kind === 'update')).toEqual([{ kind: 'update', instance: 'me', seq: 1, update: mine }]);
    room.deliver({ kind: 'update', instance: 'me', seq: 1, update: mine }); // our own message, back from Redis
    // Another instance stores 2, unannounced yet; our next append gets 3 and reads 2 from the
    // store: the room gets 2 only.
    const theirs = update('theirs');
    expect(await store.append(room.name, theirs)).toBe(2);
    const mineAgain = update('mine again');
    expect(await room.log.append(mineAgain)).toBe(3);
    await eventually(() => expect(room.seqs()).toEqual([2]));
    expect(room.applied[0]!.update).toEqual(theirs);
    // 2's message arrives late and 3 comes back from another instance's relay: both dropped.
    room.deliver(fromOther(2, theirs));
    room.deliver(fromOther(3, mineAgain));
    room.log.reconcile(3);
    await settle();
    expect(room.seqs()).toEqual([2]);
    expect(room.log.appliedHead).toBe(3);
  });
});

describe('ClusterLog on a real Redis', () => {
  let a: Cluster, b: Cluster;
  let storeB: PostgresStore;
  beforeAll(async () => {
    storeB = await openPostgresStore(databaseUrl, { max: 4 });
    // b's tick is slower than the test: whatever b receives, it receives through Redis.
    a = await openCluster({ store, redisUrl: redis.url, instance: 'a', log: () => {} });
    b = await openCluster({ store: storeB, redisUrl: redis.url, instance: 'b', log: () => {}, tickMs: 600_000 });
    cleanups.push(async () => {
      await Promise.all([a.close(), b.close()]);
      storeB.close();
    });
  }, 30_000);

  it('a malformed message on a room channel is dropped; fan-out goes on for that room and the others (y/hub issue 61)', async () => {
    const names = [`redis-${++rooms}/board`, `redis-${++rooms}/board`];
    const onB = names.map(() => recorder());
    const logsB = names.map((name, i) => b.openLog(name, onB[i]!.events));
    const logsA = names.map((name) => a.openLog(name, recorder().events));
    await Promise.all([...logsA, ...logsB].map((log) => log.load()));

    const spoiler = createClient({ url: redis.url });
    await spoiler.connect();
    cleanups.push(() => spoiler.close());
    const valid = encodeRoomMessage({ kind: 'update', instance: 'x', seq: 1, update: update('x') });
    const garbage = [
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // a varint that never ends
      Buffer.from([9, 1, 120]), // an unknown kind
      Buffer.from(valid.subarray(0, valid.length - 3)), // truncated
      Buffer.alloc(0),
      Buffer.from('{"kind":"update"}'),
    ];
    for (const bytes of garbage) expect(await spoiler.publish(roomChannel(names[0]!), bytes)).toBe(2); // a and b

    const after = names.map((_, i) => update(`after-${i}`));
    for (const [i, log] of logsA.entries()) await log.append(after[i]!);
    for (const r of onB) await eventually(() => expect(r.seqs()).toEqual([1]));
    onB.forEach((r, i) => expect(r.applied[0]!.update).toEqual(after[i]));
    // And the room that got the garbage keeps receiving.
    await logsA[0]!.append(update('later'));
    await eventually(() => expect(onB[0]!.seqs()).toEqual([1, 2]));
  });

  it('a heartbeat that Redis refuses does not stop the reconciliation tick', async () => {
    const lines: string[] = [];
    const c = await openCluster({ store, redisUrl: redis.url, instance: 'c', log: (line) => lines.push(line), tickMs: 100 });
    cleanups.push(() => c.close());
    const name = `tick-${++rooms}/board`;
    const r = recorder();
    await c.openLog(name, r.events).load();
    redis.command('ACL', 'SETUSER', 'default', '-set'); // the heartbeat's SET now fails
    try {
      await eventually(() => expect(lines.some((l) => /heartbeat failed|tick failed/.test(l))).toBe(true));
      // Stored, never announced: only the tick can find it.
      const silent = update('silent');
      await store.append(name, silent);
      await eventually(() => expect(r.seqs()).toEqual([1]), 5_000);
      expect(r.applied[0]!.update).toEqual(silent);
    } finally {
      redis.command('ACL', 'SETUSER', 'default', '+set');
    }
  });
});
