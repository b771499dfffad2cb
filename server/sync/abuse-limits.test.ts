import type net from 'node:net';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode, MessageType, roomName } from '../../lib/protocol';
import type { ServerConfig } from '../config';
import { openSqliteStore } from '../store/sqlite-store';
import { seedWorkshop, syncPayload, syncStep1Frame, updateFrame } from '../testing/attack';
import { connectProvider, eventually, rawClient, readDoc, startInProcess, syncUrlFor, testConfig, upgradeStatus, whenSynced } from '../testing/harness';
import { encodeAwarenessEntries } from './awareness-filter';

/**
 * Issue 20, items 3–6, against a real server: output backpressure, room slots, the per-workshop
 * write budget and presence ownership.
 */

async function withServer(overrides: Partial<ServerConfig>, run: (server: Awaited<ReturnType<typeof startInProcess>>) => Promise<void>) {
  const config = testConfig(overrides);
  const server = await startInProcess(config, openSqliteStore(config.dataDir));
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** A valid board update of about `bytes` bytes: new entries of the `flags` collection. */
function flagsUpdate(bytes: number, prefix: string): Uint8Array {
  const doc = new Y.Doc();
  const flags = doc.getMap('flags');
  for (let i = 0; bytes > 0; i++, bytes -= 80) flags.set(`step:${prefix}-${i}#${'t'.repeat(12)}`, 'x'.repeat(60));
  return Y.encodeStateAsUpdate(doc);
}

function awarenessFrame(entries: Array<{ clientId: number; clock: number; name: string }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries(entries.map((e) => ({ clientId: e.clientId, clock: e.clock, state: { user: { id: `u${e.clientId}`, name: e.name } } }))));
  return encoding.toUint8Array(encoder);
}

const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

describe('output backpressure', () => {
  it('a paused projector sending 400 sync step 1 messages: the server holds at most one document answer, its heap stays bounded and /api/time answers promptly', async () => {
    await withServer({}, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const w = await seedWorkshop(store, 'Big');
      // About 1.5 MB of valid content, so that 400 queued copies would take 600 MB.
      await store.append(roomName(w.id, 'board'), flagsUpdate(1_500_000, 'big'));
      store.close();
      const name = roomName(w.id, 'board');
      const reader = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'projector', w.secrets.projector));
      await eventually(() => expect(reader.received.length).toBeGreaterThan(0)); // loaded, step 1 received
      (reader.ws as unknown as { _socket: net.Socket })._socket.pause();

      const baseline = memory();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
      try {
        const frame = syncStep1Frame();
        expect(frame.byteLength).toBe(4);
        for (let i = 0; i < 400; i++) reader.ws.send(frame);
        const started = performance.now();
        const time = await fetch(`${server.origin}/api/time`);
        expect(time.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(1000);
        await eventually(() => expect(server.sync.connectionsIn(name)[0]?.handledMessages).toBe(400), 20_000);
        peak = Math.max(peak, memory());
      } finally {
        clearInterval(sampler);
      }
      expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
      const [info] = server.sync.connectionsIn(name);
      expect(info?.bufferedBytes).toBeLessThan(16 * 1024 * 1024);

      // Reading again, it gets its answers (the coalesced one last) and stays connected.
      (reader.ws as unknown as { _socket: net.Socket })._socket.resume();
      await eventually(() => expect(reader.received.filter((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2)).length).toBeGreaterThanOrEqual(2), 20_000);
      expect(reader.received.filter((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2)).length).toBeLessThan(50);
      expect(reader.ws.readyState).toBe(WebSocket.OPEN);
      reader.ws.close();
    });
  }, 60_000);

  it('a reader over the output bound is closed (1013, reconnect allowed); the writers are not', async () => {
    await withServer({ maxBufferedBytes: 64 * 1024 }, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const w = await seedWorkshop(store, 'Slow reader');
      await store.append(roomName(w.id, 'board'), flagsUpdate(1_500_000, 'big'));
      store.close();
      const name = roomName(w.id, 'board');
      const reader = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'projector', w.secrets.projector));
      await eventually(() => expect(reader.received.length).toBeGreaterThan(0));
      (reader.ws as unknown as { _socket: net.Socket })._socket.pause();
      // Asking again each time the last question was handled: answers fill the kernel's
      // buffers, then one stays in ours for good (one message always fits, whatever its size).
      const projector = () => server.sync.connectionsIn(name).find((c) => c.role === 'projector');
      for (let asked = 1; (projector()?.bufferedBytes ?? 0) <= 64 * 1024; asked++) {
        if (asked > 200) throw new Error('the output buffer never filled');
        reader.ws.send(syncStep1Frame());
        await eventually(() => expect(projector()?.handledMessages).toBe(asked), 20_000);
      }
      // That answer does not count against the bound (a document may be larger than it), but
      // the changes relayed behind it do: the reader is closed once they pass 64 KiB.
      const writer = connectProvider(server.origin, w, 'participant');
      await whenSynced(writer.provider);
      writer.doc.getText('title').insert(0, 'K');
      for (let i = 0; server.sync.connectionsIn(name).some((c) => c.role === 'projector' && c.open); i++) {
        if (i > 100) throw new Error('the paused reader was never closed');
        writer.doc.transact(() => {
          for (let k = 0; k < 100; k++) writer.doc.getMap('flags').set(`step:w${i}-${k}#token`, 'y'.repeat(60));
        });
        await eventually(() => expect(server.sync.connectionsIn(name).find((c) => c.role === 'participant')?.handledMessages).toBeGreaterThan(i + 1));
      }
      (reader.ws as unknown as { _socket: net.Socket })._socket.resume();
      expect((await reader.closed).code).toBe(CloseCode.OutputBufferFull);
      expect(writer.provider.wsconnected).toBe(true);
      await eventually(async () => expect((await readDoc(server.origin, w)).getText('title').toString()).toBe('KSlow reader'));
      writer.destroy();
    });
  }, 60_000);
});

describe('room slots', () => {
  it('rooms opened and closed quickly do not fill MAX_ROOMS: the oldest empty ones are unloaded, and a real facilitator still connects', async () => {
    await withServer({ maxRooms: 3, unloadGraceMs: 60_000 }, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const workshops = await Promise.all(Array.from({ length: 30 }, (_, i) => seedWorkshop(store, `Spam ${i}`)));
      const real = await seedWorkshop(store, 'Real workshop');
      store.close();
      for (const w of workshops) {
        const c = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
        await eventually(() => expect(c.received.length).toBeGreaterThan(0)); // the room is loaded
        c.ws.close();
        await c.closed;
      }
      const facilitator = connectProvider(server.origin, real, 'facilitator');
      await whenSynced(facilitator.provider);
      expect(facilitator.doc.getText('title').toString()).toBe('Real workshop');
      // Rooms with people in them still count: with three occupied, a fourth is refused.
      const others = await Promise.all(workshops.slice(0, 2).map((w) => rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant))));
      const fourth = workshops[5]!;
      await eventually(() => expect(server.sync.stats().rooms).toBeLessThanOrEqual(3));
      expect(await upgradeStatus(syncUrlFor(server.origin, fourth.id, 'board', 'participant', fourth.secrets.participant))).toBe(503);
      for (const o of others) o.ws.close();
      facilitator.destroy();
    });
  }, 60_000);
});

describe('per-workshop write budget', () => {
  it('a participant reconnecting 10 times while writing large updates is stopped with 4429 at the workshop budget', async () => {
    const budget = 64 * 1024;
    await withServer({ workshopWriteBytesPerMinute: budget }, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const w = await seedWorkshop(store, 'Budget');
      store.close();
      const codes: number[] = [];
      let sent = 0;
      for (let round = 0; round < 10; round++) {
        const c = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
        for (let k = 0; k < 4; k++) {
          const frame = updateFrame(flagsUpdate(8 * 1024, `r${round}-${k}`));
          sent += frame.byteLength;
          if (c.ws.readyState === WebSocket.OPEN) c.ws.send(frame);
        }
        c.ws.send(new Uint8Array([MessageType.SaveCheck, 1]));
        const closedOrAcked = await Promise.race([
          c.closed.then((info) => info.code),
          eventually(() => expect(c.received.some((m) => m[0] === MessageType.SaveCheck)).toBe(true)).then(() => 0),
        ]);
        codes.push(closedOrAcked);
        c.ws.close();
        await c.closed;
      }
      expect(sent).toBeGreaterThan(4 * budget);
      expect(codes).toContain(CloseCode.RateLimited);
      const stored = (await readDoc(server.origin, w)).getMap('flags').size * 80;
      expect(stored).toBeLessThanOrEqual(budget + 8 * 1024);
      // The budget is the workshop's: the facilitation document shares it.
      const f = await rawClient(syncUrlFor(server.origin, w.id, 'facilitation', 'facilitator', w.secrets.facilitator));
      const locks = new Y.Doc();
      for (let i = 0; i < 200; i++) locks.getMap('locks').set(`step:${'l'.repeat(100)}${i}`, true);
      f.ws.send(updateFrame(Y.encodeStateAsUpdate(locks)));
      expect((await f.closed).code).toBe(CloseCode.RateLimited);
    });
  }, 60_000);
});

describe('presence ownership', () => {
  const url = (server: { origin: string }, w: Awaited<ReturnType<typeof seedWorkshop>>) => syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
  const connectFrom = async (address: string, target: string) => {
    const ws = new WebSocket(target, { localAddress: address });
    const received: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { ws, received, closed };
  };

  it('an id whose owner’s connection dropped cannot be taken over by someone else until it times out; its owner can take it back', async () => {
    await withServer({}, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const w = await seedWorkshop(store, 'Presence');
      store.close();
      const watcher = connectProvider(server.origin, w, 'participant');
      watcher.provider.awareness.setLocalState(null);
      await whenSynced(watcher.provider);
      const nameOf = (id: number) => (watcher.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;

      const owner = await connectFrom('127.0.0.1', url(server, w));
      owner.ws.send(awarenessFrame([{ clientId: 777, clock: 1, name: 'Alice' }]));
      await eventually(() => expect(nameOf(777)).toBe('Alice'));
      owner.ws.terminate(); // the owner's network drops
      await eventually(() => expect(nameOf(777)).toBeUndefined());

      // Someone else (another address) announces Alice's id with a newer clock, and an id of their own.
      const attacker = await connectFrom('127.0.0.2', url(server, w));
      attacker.ws.send(awarenessFrame([{ clientId: 777, clock: 9, name: 'Mallory as Alice' }, { clientId: 888, clock: 1, name: 'Mallory' }]));
      await eventually(() => expect(nameOf(888)).toBe('Mallory'));
      expect(nameOf(777)).toBeUndefined();
      attacker.ws.send(awarenessFrame([{ clientId: 777, clock: 10, name: 'Mallory as Alice' }, { clientId: 888, clock: 2, name: 'Mallory again' }]));
      await eventually(() => expect(nameOf(888)).toBe('Mallory again'));
      expect(nameOf(777)).toBeUndefined();

      // Alice reconnects (same address, same link) and takes her id back.
      const back = await connectFrom('127.0.0.1', url(server, w));
      back.ws.send(awarenessFrame([{ clientId: 777, clock: 11, name: 'Alice' }]));
      await eventually(() => expect(nameOf(777)).toBe('Alice'));
      for (const c of [attacker, back]) c.ws.close();
      watcher.destroy();
    });
  });

  it('a socket may own at most 4 presence ids', async () => {
    await withServer({}, async (server) => {
      const store = openSqliteStore(server.config.dataDir);
      const w = await seedWorkshop(store, 'Presence cap');
      store.close();
      const watcher = connectProvider(server.origin, w, 'participant');
      watcher.provider.awareness.setLocalState(null);
      await whenSynced(watcher.provider);
      const client = await rawClient(url(server, w));
      for (let id = 1; id <= 4; id++) client.ws.send(awarenessFrame([{ clientId: 1000 + id, clock: 1, name: `P${id}` }]));
      await eventually(() => expect(watcher.provider.awareness.getStates().size).toBe(4));
      expect(client.ws.readyState).toBe(WebSocket.OPEN);
      client.ws.send(awarenessFrame([{ clientId: 1005, clock: 1, name: 'P5' }]));
      expect((await client.closed).code).toBe(CloseCode.BadMessage);
      expect(watcher.provider.awareness.getStates().has(1005)).toBe(false);
      watcher.destroy();
    });
  });
});
