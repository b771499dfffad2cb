import net from 'node:net';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../lib/protocol';
import { encodeAwarenessEntries } from './awareness-filter';
import { connectProvider, createWorkshop, rawClient, readDoc, startInProcess, syncUpdateMessage, syncUrlFor, testConfig, upgradeStatus, whenSynced } from '../testing/harness';
import type { ServerConfig } from '../config';

async function withServer(overrides: Partial<ServerConfig>, run: (server: Awaited<ReturnType<typeof startInProcess>>) => Promise<void>) {
  const server = await startInProcess(testConfig(overrides));
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

const queryAwareness = () => new Uint8Array([MessageType.QueryAwareness]);
function awarenessMessage(clientId: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([{ clientId, clock, state: { user: { id: 'x', name: 'X' } } }]));
  return encoding.toUint8Array(encoder);
}
/** An update of about `bytes` bytes that fits the board's schema (entries of a string collection). */
function textUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const flags = doc.getMap('flags');
  for (let i = 0; bytes > 0; i++, bytes -= 80) flags.set(`step:${i}#${'t'.repeat(12)}`, 'x'.repeat(60));
  return Y.encodeStateAsUpdate(doc);
}

describe('limits, each crossed', () => {
  it('messages per second: a flooding socket is closed with 4429, its room keeps working', async () => {
    await withServer({ maxMessagesPerSecond: 10 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const good = connectProvider(server.origin, w, 'participant');
      await whenSynced(good.provider);
      const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
      for (let i = 0; i < 100; i++) bad.ws.send(queryAwareness());
      expect((await bad.closed).code).toBe(4429);
      good.doc.getText('title').insert(0, 'ok ');
      await expect.poll(async () => (await readDoc(server.origin, w)).getText('title').toString()).toBe('ok Sales process');
      good.destroy();
    });
  });

  it('bytes per second', async () => {
    await withServer({ maxBytesPerSecond: 1024 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
      for (let i = 0; i < 5; i++) bad.ws.send(syncUpdateMessage(textUpdate(2000)));
      expect((await bad.closed).code).toBe(4429);
    });
  });

  it('presence updates per second', async () => {
    await withServer({ maxAwarenessPerSecond: 2 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
      for (let i = 1; i <= 20; i++) bad.ws.send(awarenessMessage(777, i));
      expect((await bad.closed).code).toBe(4429);
    });
  });

  it('presence state size', async () => {
    await withServer({}, async (server) => {
      const w = await createWorkshop(server.origin);
      const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([{ clientId: 5, clock: 1, state: { user: { name: 'x'.repeat(5000) } } }]));
      bad.ws.send(encoding.toUint8Array(encoder));
      expect((await bad.closed).code).toBe(4400);
    });
  });

  it('connections per room, per address, and rooms per process are refused at the upgrade', async () => {
    await withServer({ maxConnectionsPerRoom: 2 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const url = syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
      const a = await rawClient(url);
      const b = await rawClient(url);
      expect(await upgradeStatus(url)).toBe(503);
      a.ws.close();
      b.ws.close();
    });
    await withServer({ maxConnectionsPerIp: 2 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const url = syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
      const a = await rawClient(url);
      const b = await rawClient(url);
      expect(await upgradeStatus(url)).toBe(429);
      a.ws.close();
      b.ws.close();
    });
    await withServer({ maxRooms: 1 }, async (server) => {
      const w1 = await createWorkshop(server.origin);
      const w2 = await createWorkshop(server.origin);
      const a = await rawClient(syncUrlFor(server.origin, w1.id, 'board', 'participant', w1.secrets.participant));
      expect(await upgradeStatus(syncUrlFor(server.origin, w2.id, 'board', 'participant', w2.secrets.participant))).toBe(503);
      a.ws.close();
    });
  });

  it('document size budget: the update that would pass it is refused with 4413 and nothing is stored', async () => {
    await withServer({ maxDocumentBytes: 4096 }, async (server) => {
      const w = await createWorkshop(server.origin);
      const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
      bad.ws.send(syncUpdateMessage(textUpdate(10_000)));
      const closed = await bad.closed;
      expect(closed.code).toBe(4413);
      expect(closed.reason).toContain('size limit');
      const fresh = await readDoc(server.origin, w);
      expect(fresh.getMap('flags').size).toBe(0);
      expect(fresh.getText('title').toString()).toBe('Sales process');
    });
  });

  it('origin check on websocket upgrades', async () => {
    await withServer({ allowedOrigins: ['https://workshop.example'] }, async (server) => {
      const w = await createWorkshop(server.origin);
      const url = syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
      const status = (origin: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(url, { headers: { origin } });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => (ws.close(), resolve(101)));
          ws.on('error', () => undefined);
        });
      expect(await status('https://evil.example')).toBe(403);
      expect(await status(server.origin)).toBe(101);
      expect(await status('https://workshop.example')).toBe(101);
    });
  });

  it('time before authentication: a client that never finishes its request is cut off', async () => {
    await withServer({ headersTimeoutMs: 300 }, async (server) => {
      const socket = net.connect(server.port(), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('GET /sync/AAAAAAAAAAAA/board HTTP/1.1\r\nHost: x\r\n');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const started = Date.now();
      await new Promise((resolve) => socket.once('close', resolve));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(answer).toContain('408');
    });
  });
});
