import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../lib/protocol';
import { encodeAwarenessEntries } from './awareness-filter';
import { createWorkshop, eventually, rawClient, startInProcess, syncUrlFor, testConfig } from '../testing/harness';

/**
 * Rooms opened and closed in sequence are unloaded, and join/leave cycles leave no presence
 * bookkeeping behind. The normal test command runs a short version; `npm run test:soak` runs
 * SOAK_ROOMS=10000 and prints memory before and after.
 */
const ROOMS = Number(process.env.SOAK_ROOMS ?? 300);

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig({ unloadGraceMs: 0 }));
});
afterAll(() => server.close());

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMiB: Math.round(rss / 2 ** 20), heapMiB: Math.round(heapUsed / 2 ** 20) };
}

function presence(clientId: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([{ clientId, clock: 1, state: { user: { id: `p${clientId}`, name: 'Soak' } } }]));
  return encoding.toUint8Array(encoder);
}

describe(`soak: ${ROOMS} rooms and join/leave cycles`, () => {
  it('unloads every room after its last client leaves', async () => {
    const workshops = await Promise.all(Array.from({ length: 10 }, (_, i) => createWorkshop(server.origin, `Room ${i}`)));
    const before = memory();
    for (let i = 0; i < ROOMS; i++) {
      const w = workshops[i % workshops.length]!;
      const client = await rawClient(syncUrlFor(server.origin, w.id, i % 2 ? 'board' : 'facilitation', 'participant', w.secrets.participant));
      client.ws.close();
      await client.closed;
    }
    await eventually(() => expect(server.sync.stats()).toEqual({ rooms: 0, connections: 0, presenceEntries: 0 }), 20_000);
    const after = memory();
    if (process.env.SOAK_ROOMS) console.log(JSON.stringify({ rooms: ROOMS, before, after }));
    expect(after.heapMiB - before.heapMiB).toBeLessThan(100);
  }, 600_000);

  it('join/leave cycles with presence leave no presence entries behind', async () => {
    const w = await createWorkshop(server.origin);
    const url = syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
    const watcher = await rawClient(url); // keeps the room loaded
    for (let i = 1; i <= ROOMS; i++) {
      const client = await rawClient(url);
      client.ws.send(presence(10_000 + i));
      client.ws.close();
      await client.closed;
    }
    await eventually(() => expect(server.sync.stats()).toMatchObject({ rooms: 1, connections: 1, presenceEntries: 0 }));
    watcher.ws.close();
  }, 600_000);
});
