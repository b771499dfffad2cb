import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/harness';
import { openSqliteStore } from './sqlite-store';

describe('sqlite store: WAL checkpoints', () => {
  it('no commit checkpoints; the background worker moves the log into the database file', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir, { checkpointIntervalMs: 50 });
    const file = path.join(dir, 'common-ground.sqlite');
    const empty = fs.statSync(file).size;
    // ~3,000 WAL pages: past SQLite's default of 1,000, short of the safety net (4,000), so only
    // the worker can have written the database file.
    for (let i = 0; i < 1000; i++) await store.append('a/board', new Uint8Array(200).fill(i % 256));
    await expect.poll(() => fs.statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(empty + 200 * 1000);
    store.close();
    // Everything stored is readable by a new connection after the worker has stopped.
    const reopened = openSqliteStore(dir);
    expect((await reopened.load('a/board')).updates).toHaveLength(1000);
    reopened.close();
  });

  it('without the worker (interval never reached) the database file is not written by commits', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir, { checkpointIntervalMs: 60_000 });
    const file = path.join(dir, 'common-ground.sqlite');
    const empty = fs.statSync(file).size;
    // ~3,000 WAL pages: past SQLite's default of 1,000, short of the safety net.
    for (let i = 0; i < 1000; i++) await store.append('a/board', new Uint8Array(200).fill(1));
    expect(fs.statSync(file).size).toBe(empty);
    const probe = new Database(file, { readonly: true });
    expect((probe.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n).toBe(1000);
    probe.close();
    store.close();
  });

  it('writes too steady for the worker to finish a checkpoint still keep the log bounded; closing folds it in', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir, { checkpointIntervalMs: 60_000 });
    const wal = path.join(dir, 'common-ground.sqlite-wal');
    // ~60,000 WAL pages (240 MiB) if nothing checkpointed.
    for (let i = 0; i < 20_000; i++) await store.append('a/board', new Uint8Array(40).fill(i % 256));
    expect(fs.statSync(wal).size).toBeLessThan(32 * 2 ** 20);
    store.close();
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    const reopened = openSqliteStore(dir);
    expect((await reopened.load('a/board')).updates).toHaveLength(20_000);
    reopened.close();
  });
});

describe('sqlite store: appendMany', () => {
  it('stores updates that arrived together in one transaction, in order, all or none', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir);
    const first = await store.append('a/board', new Uint8Array([1]));
    const last = await store.appendMany!('a/board', [new Uint8Array([2]), new Uint8Array([3]), new Uint8Array([4])]);
    expect(last).toBe(first + 3);
    expect((await store.load('a/board')).updates.map((u) => u[0])).toEqual([1, 2, 3, 4]);
    // A row that cannot be written (not bytes) fails the whole batch: nothing of it is stored.
    await expect(store.appendMany!('a/board', [new Uint8Array([5]), 'not bytes' as unknown as Uint8Array])).rejects.toThrow();
    expect((await store.load('a/board')).updates).toHaveLength(4);
    store.close();
  });
});
