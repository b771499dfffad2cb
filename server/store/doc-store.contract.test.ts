import net from 'node:net';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/harness';
import { startPostgres, type TestPostgres } from '../testing/services';
import { createMemoryStore } from './memory-store';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

/** One throwaway PostgreSQL server for this file; each test gets its own database on it. */
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.destroy());

/** One contract, run against every store. */
const stores: Array<[string, () => Store | Promise<Store>]> = [
  ['sqlite', () => openSqliteStore(tempDataDir())],
  ['memory', () => createMemoryStore()],
  ['postgres', async () => openPostgresStore(await postgres.newDatabase())],
];

function update(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(stores)('%s store', (_name, open) => {
  it('appends and loads in order, per document', async () => {
    const store = await open();
    // Sequence numbers grow per document (PostgreSQL numbers each document on its own, so that
    // an instance can see a gap; SQLite numbers all of them together).
    const s1 = await store.append('a/board', update('x', 1));
    await store.append('b/board', update('y', 2));
    const s3 = await store.append('a/board', update('z', 3));
    expect(s3).toBeGreaterThan(s1);
    const loaded = await store.load('a/board');
    expect(loaded.updates).toHaveLength(2);
    expect(loaded.lastSeq).toBe(s3);
    expect(await store.load('none')).toEqual({ updates: [], lastSeq: 0 });
    store.close();
  });

  it('compaction replaces the log up to a sequence number with one snapshot and keeps later rows', async () => {
    const store = await open();
    const doc = new Y.Doc();
    let last = 0;
    for (let i = 0; i < 10; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('m').set(`k${i}`, i);
      last = await store.append('w/board', Y.encodeStateAsUpdate(doc, before));
    }
    const snapshot = Y.encodeStateAsUpdate(doc);
    await store.append('w/board', update('late', 99)); // arrives after the snapshot was taken
    await store.compact('w/board', snapshot, last);
    expect(await store.count('w/board')).toBe(2);
    const restored = new Y.Doc();
    for (const u of (await store.load('w/board')).updates) Y.applyUpdate(restored, u);
    expect(restored.getMap('m').toJSON()).toEqual({ ...doc.getMap('m').toJSON(), late: 99 });
    store.close();
  });

  it('creates a workshop together with its seed documents', async () => {
    const store = await open();
    const record = {
      id: 'AbCdEfGhIjKl',
      createdAt: 1,
      template: 'blank',
      secretHashes: { participant: 'aa', facilitator: 'bb', projector: 'cc' },
    };
    await store.createWorkshop(record, [{ docName: 'AbCdEfGhIjKl/board', update: update('t', 1) }]);
    expect(await store.getWorkshop('AbCdEfGhIjKl')).toEqual(record);
    expect(await store.getWorkshop('nope')).toBeNull();
    expect(await store.count('AbCdEfGhIjKl/board')).toBe(1);
    await expect(store.createWorkshop(record, [])).rejects.toThrow();
    await store.updateSecretHashes('AbCdEfGhIjKl', { participant: 'dd', projector: 'ee' });
    expect((await store.getWorkshop('AbCdEfGhIjKl'))?.secretHashes).toEqual({ participant: 'dd', facilitator: 'bb', projector: 'ee' });
    store.close();
  });

  it('keeps one join code per workshop, found by its hash; replacing or clearing it kills the old one', async () => {
    const store = await open();
    const code = (hash: string) => ({ codeHash: hash, sealedSecret: `sealed-${hash}`, panelVersion: '1.2', createdAt: 5 });
    expect(await store.findJoinCode('h1')).toBeNull();
    await store.setJoinCode('AbCdEfGhIjKl', code('h1'));
    expect(await store.findJoinCode('h1')).toEqual({ ...code('h1'), workshopId: 'AbCdEfGhIjKl' });
    await store.setJoinCode('AbCdEfGhIjKl', code('h2'));
    expect(await store.findJoinCode('h1')).toBeNull();
    expect((await store.findJoinCode('h2'))?.workshopId).toBe('AbCdEfGhIjKl');
    // Another workshop cannot take a code hash in use, and the refusal leaves its own code alone.
    await store.setJoinCode('ZyXwVuTsRqPo', code('h3'));
    await expect(store.setJoinCode('ZyXwVuTsRqPo', code('h2'))).rejects.toThrow();
    expect((await store.findJoinCode('h3'))?.workshopId).toBe('ZyXwVuTsRqPo');
    expect((await store.findJoinCode('h2'))?.workshopId).toBe('AbCdEfGhIjKl');
    await store.setJoinCode('AbCdEfGhIjKl', null);
    expect(await store.findJoinCode('h2')).toBeNull();
    store.close();
  });

  it('concurrent appends to one document get distinct numbers and are all loaded, in order', async () => {
    const store = await open();
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append('c/board', update(`k${i}`, i))));
    expect(new Set(seqs).size).toBe(50);
    const loaded = await store.load('c/board');
    expect(loaded.updates).toHaveLength(50);
    expect(loaded.lastSeq).toBe(Math.max(...seqs));
    store.close();
  });
});

/**
 * A TCP proxy in front of PostgreSQL that drops the `options` parameter from each connection's
 * startup message, as a connection pooler may.
 */
async function optionsDroppingProxy(port: number): Promise<{ url: (db: string) => string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let first = Buffer.alloc(0);
    const onFirst = (chunk: Buffer) => {
      first = Buffer.concat([first, chunk]);
      if (first.length < 4 || first.length < first.readInt32BE(0)) return;
      client.off('data', onFirst);
      const length = first.readInt32BE(0);
      const fields = first.subarray(8, length - 1).toString('utf8').split('\0');
      const kept: string[] = [];
      for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] !== 'options') kept.push(fields[i]!, fields[i + 1]!);
      const body = Buffer.from(`${kept.join('\0')}\0\0`, 'utf8');
      const header = Buffer.alloc(8);
      header.writeInt32BE(body.length + 8, 0);
      header.writeInt32BE(first.readInt32BE(4), 4); // the protocol version
      upstream.write(Buffer.concat([header, body, first.subarray(length)]));
      client.pipe(upstream);
      upstream.pipe(client);
    };
    client.on('data', onFirst);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as net.AddressInfo).port;
  return {
    url: (db) => `postgres://postgres@127.0.0.1:${proxyPort}/${db}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('postgres store', () => {
  it('refuses to start when synchronous_commit is not on (a pooler dropped the startup options)', async () => {
    const url = await postgres.newDatabase();
    const db = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${db} SET synchronous_commit = off`);
    await admin.end();
    const proxy = await optionsDroppingProxy(postgres.port);
    try {
      await expect(openPostgresStore(proxy.url(db))).rejects.toThrow(/synchronous_commit = off .*dropped the startup "options" parameter/);
      // Directly, the startup options reach PostgreSQL and win over the database's default.
      const direct = await openPostgresStore(url);
      direct.close();
    } finally {
      proxy.close();
    }
  });

  it('compaction with a snapshot that lacks rows another instance stored keeps those rows\' edits', async () => {
    const url = await postgres.newDatabase();
    const [mine, theirs] = [await openPostgresStore(url), await openPostgresStore(url)];
    const doc = new Y.Doc(); // this instance's copy: it never sees the other's edit
    const own = async (key: string, value: number) => {
      const before = Y.encodeStateVector(doc);
      doc.getMap('m').set(key, value);
      return mine.append('p/board', Y.encodeStateAsUpdate(doc, before));
    };
    await own('mine1', 1);
    await theirs.append('p/board', update('theirs', 2));
    const last = await own('mine2', 3); // numbered above the other's row
    await mine.compact('p/board', Y.encodeStateAsUpdate(doc), last);
    const stored = await mine.readDocument('p/board');
    expect(stored.getMap('m').toJSON()).toEqual({ mine1: 1, theirs: 2, mine2: 3 });
    // A later compaction with an older copy (lower sequence number) loses nothing either.
    const older = new Y.Doc();
    older.getMap('m').set('mine1', 1);
    await theirs.compact('p/board', Y.encodeStateAsUpdate(older), 1);
    expect((await theirs.readDocument('p/board')).getMap('m').toJSON()).toEqual({ mine1: 1, theirs: 2, mine2: 3 });
    mine.close();
    theirs.close();
  });

  it('numbers each document gap-free from 1, and compacts from its own rows under a lock', async () => {
    const { openPostgresStore: open } = await import('./postgres-store');
    const url = await postgres.newDatabase();
    const store = await open(url);
    const other = await open(url); // a second instance on the same database
    const seqs = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).append('g/board', update(`k${i}`, i))));
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [a, b] = await Promise.all([store.compactFromRows('g/board'), other.compactFromRows('g/board')]);
    // One of them compacted; the other skipped or found the work done.
    expect([a, b].some((r) => r?.rows === 1)).toBe(true);
    await store.append('g/board', update('after', 1));
    const tail = await store.readFrom('g/board', 0);
    expect(tail.snapshot?.seq).toBe(40);
    expect(tail.rows.map((r) => r.seq)).toEqual([41]);
    expect(tail.head).toBe(41);
    expect((await store.readFrom('g/board', 40)).snapshot).toBeNull();
    const doc = await store.readDocument('g/board');
    expect(Object.keys(doc.getMap('m').toJSON())).toHaveLength(41);
    // Reopening runs the migrations again: nothing changes.
    const again = await open(url);
    expect((await again.load('g/board')).lastSeq).toBe(41);
    for (const s of [store, other, again]) s.close();
  });
});
