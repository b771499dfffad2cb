import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomName } from '../../lib/protocol';
import { createAppServer, type AppServer } from '../app-server';
import { openBackend } from '../backend';
import type { PostgresStore } from '../store/postgres-store';
import { connectProvider, createWorkshop, eventually, testConfig, whenSynced } from '../testing/harness';
import { startPostgres, type TestPostgres } from '../testing/services';
import { appendToken, tokensOf } from '../testing/valid-data';

/**
 * DATABASE_URL without REDIS_URL on more than one instance (a misconfiguration, or one
 * instance of a cluster started without REDIS_URL): the instances do not hear of each other's
 * edits, but none of them may ever delete what another stored. Each instance is wired exactly
 * as `npm start` wires it (openBackend), on one throwaway PostgreSQL database.
 */
let postgres: TestPostgres;
let databaseUrl: string;
type Instance = AppServer & { origin: string; store: PostgresStore };
const instances: Instance[] = [];
const cleanups: Array<() => unknown> = [];

async function start(name: string): Promise<Instance> {
  const config = testConfig({ databaseUrl, instanceId: name });
  const backend = await openBackend(config, () => {});
  expect(backend.storeKind).toBe('postgres');
  const app = createAppServer({ config, ...backend });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const instance = Object.assign(app, { origin: `http://127.0.0.1:${app.port()}`, store: backend.store as PostgresStore });
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.newDatabase();
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all(instances.map((i) => i.close()));
  postgres?.destroy();
}, 30_000);

describe('two instances on PostgreSQL without Redis', () => {
  it("compacting a room on one instance never deletes the edits another instance stored", async () => {
    const [a, b] = [await start('pg-only-a'), await start('pg-only-b')];
    const w = await createWorkshop(a.origin);
    const name = roomName(w.id, 'board');
    const onA = connectProvider(a.origin, w, 'participant');
    cleanups.push(() => onA.destroy());
    await whenSynced(onA.provider);
    appendToken(onA.doc, 'a', 'a1');
    await eventually(async () => expect(tokensOf(await a.store.readDocument(name), 'a')).toEqual(['a1']));

    // b loads the room after a1 is stored, then stores an edit a never hears of.
    const onB = connectProvider(b.origin, w, 'participant');
    cleanups.push(() => onB.destroy());
    await whenSynced(onB.provider);
    appendToken(onB.doc, 'b', 'b1');
    await eventually(async () => expect(tokensOf(await a.store.readDocument(name), 'b')).toEqual(['b1']));

    // a's next edit takes a sequence number above b1's: a's room now counts b1's row as its own.
    appendToken(onA.doc, 'a', 'a2');
    await eventually(async () => expect(tokensOf(await a.store.readDocument(name), 'a')).toEqual(['a1', 'a2']));
    expect(tokensOf(onA.doc, 'b')).toEqual([]); // a never saw b1

    onA.destroy();
    onB.destroy();
    await eventually(() => [a, b].forEach((i) => expect(i.sync.connectionsIn(name)).toHaveLength(0)));
    await a.sync.unloadIdleRooms(); // compacts a's room through its last sequence number
    expect(a.sync.hasRoom(name)).toBe(false);
    let stored = await a.store.readDocument(name);
    expect(tokensOf(stored, 'a')).toEqual(['a1', 'a2']);
    expect(tokensOf(stored, 'b')).toEqual(['b1']);

    await b.sync.unloadIdleRooms();
    stored = await a.store.readDocument(name);
    expect(tokensOf(stored, 'a')).toEqual(['a1', 'a2']);
    expect(tokensOf(stored, 'b')).toEqual(['b1']);
    // And a client that opens the room now sees everything.
    const reader = connectProvider(b.origin, w, 'participant');
    cleanups.push(() => reader.destroy());
    await whenSynced(reader.provider);
    expect(tokensOf(reader.doc, 'a')).toEqual(['a1', 'a2']);
    expect(tokensOf(reader.doc, 'b')).toEqual(['b1']);
  }, 60_000);
});
