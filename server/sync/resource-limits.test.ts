import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode, roomName } from '../../lib/protocol';
import { loadConfig, type ServerConfig } from '../config';
import { createMemoryStore } from '../store/memory-store';
import type { DocStore } from '../store/types';
import { PENDING_UPDATES, pendingDeletion, syncPayload, syncStep1Frame, updateFrame } from '../testing/attack';
import { createMemorySocketPair } from '../testing/memory-socket';
import { RoomRegistry } from './room-registry';

/**
 * Issue 20 with in-memory sockets: what the room does with a stored document that holds
 * pending structs or is over the memory budget, output backpressure, presence ownership and
 * the log lines of a flood.
 */

const WORKSHOP = 'BBBBBBBBBBBB';
const board = roomName(WORKSHOP, 'board');

function titleUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('title').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function setup(store: DocStore = createMemoryStore(), overrides: Partial<ServerConfig> = {}) {
  const lines: Array<{ message: string; extra?: Record<string, unknown> }> = [];
  const registry = new RoomRegistry({
    store,
    config: { ...loadConfig({}), unloadGraceMs: 60_000, ...overrides },
    log: (message, extra) => lines.push({ message, extra }),
  });
  const join = (role: 'participant' | 'projector' | 'facilitator' = 'participant', ip = '10.0.0.1') => {
    const { server, client } = createMemorySocketPair();
    const connection = registry.join({ address: { workshopId: WORKSHOP, kind: 'board' }, socket: server, role, ip, secretHash: role });
    return Object.assign(client, { connection });
  };
  return { store, registry, join, lines };
}

/** The full document a joiner with an empty state is sent. */
async function fullAnswer(join: ReturnType<typeof setup>['join']): Promise<Uint8Array> {
  const client = join('projector');
  client.send(syncStep1Frame());
  const frame = await client.next((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2) !== null);
  client.close();
  await client.closeHandled;
  return syncPayload(frame, syncProtocol.messageYjsSyncStep2)!;
}

describe('pending structs already in the store (written before the server refused them)', () => {
  it('are dropped on load with one log line, never sent to joiners, and the next compaction rewrites the document without them', async () => {
    const title = titleUpdate('Clean');
    const clean = createMemoryStore();
    await clean.append(board, title);
    const expected = await fullAnswer(setup(clean).join);

    const store = createMemoryStore();
    await store.append(board, title);
    for (const update of [...Object.values(PENDING_UPDATES), pendingDeletion()]) await store.append(board, update);
    const { join, registry, lines } = setup(store);
    expect(await fullAnswer(join)).toEqual(expected);
    expect(lines.filter((l) => l.message === 'dropped pending structs on load')).toHaveLength(1);

    await registry.unloadIdleRooms();
    const { updates } = await store.load(board);
    expect(updates).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, updates[0]!);
    const s = reloaded.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    expect([s.pendingStructs, s.pendingDs]).toEqual([null, null]);
    expect(reloaded.getText('title').toString()).toBe('Clean');
  });

  it('a snapshot that itself holds pending structs is rewritten too (one stored row)', async () => {
    const store = createMemoryStore();
    const poisoned = Y.mergeUpdates([titleUpdate('Clean'), ...Object.values(PENDING_UPDATES)]);
    await store.append(board, poisoned);
    const { join, registry } = setup(store);
    await fullAnswer(join);
    await registry.unloadIdleRooms();
    const { updates } = await store.load(board);
    const reloaded = new Y.Doc();
    for (const u of updates) Y.applyUpdate(reloaded, u);
    expect((reloaded.store as unknown as { pendingStructs: unknown }).pendingStructs).toBeNull();
  });
});

describe('memory budget on load', () => {
  it('a stored document with more clients than the budget is refused with 4500 and a clear reason, without building it', async () => {
    const store = createMemoryStore();
    const doc = new Y.Doc();
    for (let i = 0; i < 50; i++) {
      const author = new Y.Doc();
      author.clientID = 1000 + i;
      author.getMap('flags').set(`k${i}`, 'x');
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(author));
    }
    await store.append(board, Y.encodeStateAsUpdate(doc));
    const { join, lines, registry } = setup(store, { maxDocClients: 20 });
    const client = join();
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.StorageError);
    expect(closed.reason).toMatch(/too large to open/);
    expect(lines.some((l) => l.message === 'room load failed' && String(l.extra?.error).includes('more than 20 clients'))).toBe(true);
    await client.closeHandled;
    expect(registry.get(board)).toBeUndefined();
  });

  it('a stored document with more structs than the budget is refused the same way; one within it opens', async () => {
    const store = createMemoryStore();
    const doc = new Y.Doc();
    for (let i = 0; i < 100; i++) doc.getMap('flags').set(`k${i}`, 'x');
    await store.append(board, Y.encodeStateAsUpdate(doc));
    const refused = setup(store, { maxDocStructs: 50 });
    expect((await refused.join().closed).code).toBe(CloseCode.StorageError);
    const accepted = setup(store, { maxDocStructs: 500 });
    expect((await fullAnswer(accepted.join)).byteLength).toBeGreaterThan(100);
  });
});

/** Lets every frame sent so far reach the room, then waits until the room has handled them. */
async function drain(connection: { room: { enqueue(task: () => void): Promise<void> } }): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await connection.room.enqueue(() => {});
}

describe('repeated sync step 1 coalesce', () => {
  it('a client that stopped reading gets one full answer in flight, and one more (the newest) once it reads again', async () => {
    const store = createMemoryStore();
    await store.append(board, titleUpdate('Coalesced'));
    const { join } = setup(store, { maxMessagesPerSecond: 10_000 });
    const reader = join('projector');
    await reader.next(() => true); // the server's sync step 1: the room is loaded
    reader.pauseReading();
    for (let i = 0; i < 50; i++) reader.send(syncStep1Frame());
    await drain(reader.connection);
    expect(reader.connection.handledMessages).toBe(50);
    const answers = () => reader.received.filter((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2) !== null).length;
    expect(answers()).toBe(0);
    reader.resumeReading();
    await reader.next((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2) !== null);
    await drain(reader.connection);
    expect(answers()).toBe(2);
    expect(reader.isOpen()).toBe(true);
  });

  it('an honest client asking again after its answer arrived is answered at once', async () => {
    const { join } = setup();
    const client = join('participant');
    for (let i = 1; i <= 3; i++) {
      const from = client.received.length;
      client.send(syncStep1Frame());
      await client.next((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2) !== null, from);
    }
  });
});

describe('output buffer bound', () => {
  it('a reader whose output buffer is over the bound is closed with 1013 and one log line', async () => {
    const store = createMemoryStore();
    const big = new Y.Doc();
    for (let i = 0; i < 2000; i++) big.getMap('flags').set(`step:${i}#token`, 'x'.repeat(60));
    await store.append(board, Y.encodeStateAsUpdate(big));
    const { join, lines } = setup(store, { maxBufferedBytes: 64 * 1024 });
    const reader = join('projector');
    await reader.next(() => true);
    reader.pauseReading();
    reader.send(syncStep1Frame()); // a full answer (~170 kB) now waits in the buffer
    await drain(reader.connection);
    // The answer alone does not count against the bound (a document may be larger than it).
    const writer = join('participant');
    writer.send(updateFrameOf(titleUpdate('K')));
    await drain(writer.connection);
    expect(reader.connection.isOpen()).toBe(true);
    // What piles up behind it does: relayed changes, 80 kB of them.
    for (let i = 0; i < 10; i++) {
      const more = new Y.Doc();
      for (let k = 0; k < 100; k++) more.getMap('flags').set(`step:more-${i}-${k}#token`, 'y'.repeat(60));
      writer.send(updateFrameOf(Y.encodeStateAsUpdate(more)));
    }
    const closed = await reader.closed;
    expect(closed.code).toBe(CloseCode.OutputBufferFull);
    await reader.closeHandled;
    expect(lines.filter((l) => l.message === 'closing socket over its output buffer')).toHaveLength(1);
    expect(writer.isOpen()).toBe(true);
  });
});

describe('logs', () => {
  it('a flood writes one summary line per connection, when it closes', async () => {
    const { join, lines } = setup(createMemoryStore(), { maxMessagesPerSecond: 100_000, maxBytesPerSecond: 100_000_000, maxAwarenessPerSecond: 100_000 });
    const projector = join('projector');
    const dropped = updateFrameOf(titleUpdate('dropped'));
    for (let i = 0; i < 500; i++) projector.send(dropped); // read-only: dropped
    for (let i = 0; i < 500; i++) projector.send(new Uint8Array([1, 1, 0])); // presence from a viewer: ignored
    await drain(projector.connection);
    expect(lines).toHaveLength(0);
    projector.close();
    await projector.closeHandled;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: 'connection closed', extra: { role: 'projector', messages: 1000, droppedWrites: 500, filteredPresence: 500 } });

    lines.length = 0;
    const hostile = join('participant');
    for (let i = 0; i < 1000; i++) hostile.send(new Uint8Array([42, i % 100]));
    await hostile.closed;
    await hostile.closeHandled;
    expect(lines).toHaveLength(1);
    expect(lines[0]?.message).toBe('closing socket after bad message');
  });

  it('an honest connection writes no line at all', async () => {
    const { join, lines } = setup();
    const client = join('participant');
    client.send(syncStep1Frame());
    client.send(updateFrameOf(titleUpdate('fine')));
    await drain(client.connection);
    client.close();
    await client.closeHandled;
    expect(lines).toEqual([]);
  });
});

function updateFrameOf(update: Uint8Array): Uint8Array {
  return updateFrame(update);
}
