import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParticipantId } from '../lib/presence';
import { WorkshopConnection } from '../lib/sync/workshop-connection';
import type * as Y from 'yjs';
import { type ChildServer, connectProvider, createWorkshop, eventually, killChild, readDoc, startChild, tempDataDir, whenSynced } from './testing/harness';
import { sharedText, tokensOf } from './testing/valid-data';

/**
 * Chaos: the server is killed with SIGKILL while three clients type continuously (and keep
 * typing while it is down); it restarts on the same port. Every client must reconnect on its
 * own, and every character any client typed must be there exactly once, for everyone.
 * `npm run test:chaos` runs more rounds (CHAOS_ROUNDS).
 */
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 1);
/**
 * The shared text is a rich-text description (the server refuses data outside the schema),
 * which holds at most 20,000 characters: each client moves to the next of several texts every
 * 500 tokens. The three type at the same pace, so each text is still typed into by all three.
 */
const TOKENS_PER_TEXT = 500;
const TEXTS = 20 * ROUNDS;
const textName = (typed: number) => `chaos-${Math.floor(typed / TOKENS_PER_TEXT)}`;
const allTokens = (doc: Y.Doc) => Array.from({ length: TEXTS }, (_, i) => tokensOf(doc, `chaos-${i}`)).flat().sort();
const servers: ChildServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => killChild(s)));
});

describe('kill -9 while three clients type', () => {
  it(`loses nothing and duplicates nothing over ${ROUNDS} kill/restart round(s)`, async () => {
    const dataDir = tempDataDir();
    let server = await startChild(dataDir);
    servers.push(server);
    const w = await createWorkshop(server.origin, 'Chaos');
    const setup = connectProvider(server.origin, w, 'participant');
    await whenSynced(setup.provider);
    for (let i = 0; i < TEXTS; i++) sharedText(setup.doc, `chaos-${i}`);
    // Created (and stored) before anyone types, so that all three type into the same texts.
    await eventually(async () => expect((await readDoc(server.origin, w)).getXmlFragment(`step:chaos-${TEXTS - 1}`).length).toBe(1));
    setup.destroy();
    const clients = ['a', 'b', 'c'].map((name) => {
      const connection = new WorkshopConnection({
        origin: server.origin,
        workshopId: w.id,
        role: 'participant',
        secret: w.secrets.participant,
        identity: { id: `${name}00000000` as ParticipantId, name, team: '' },
        WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      });
      return { name, connection, typed: 0 };
    });
    await eventually(() => clients.forEach((c) => expect(c.connection.getSnapshot().network).toBe('live')));
    // Each client types tokens like "a17;" at random token boundaries of one shared text
    // (never inside another token, so the tokens can be counted afterwards).
    const typing = setInterval(() => {
      for (const c of clients) {
        const text = sharedText(c.connection.board, textName(c.typed));
        const current = text.toString();
        const boundaries = [0, ...[...current.matchAll(/;/g)].map((m) => m.index + 1)];
        text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, `${c.name}${c.typed++};`);
      }
    }, 5);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await pause(300);
        await killChild(server, 'SIGKILL');
        await pause(300); // typing goes on while the server is down
        server = await startChild(dataDir, server.port);
        servers.push(server);
        await pause(300);
      }
    } finally {
      clearInterval(typing);
    }
    await eventually(() => clients.forEach((c) => expect(c.connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' })), 30_000);
    const expected = clients.flatMap((c) => Array.from({ length: c.typed }, (_, i) => `${c.name}${i}`)).sort();
    if (process.env.CHAOS_DEBUG) {
      const server_ = allTokens(await readDoc(server.origin, w));
      console.log('expected', expected.length, 'server', server_.length, clients.map((c) => [c.name, c.typed, allTokens(c.connection.board).length, c.connection.getSnapshot()]));
    }
    for (const c of clients) {
      await eventually(() => expect(allTokens(c.connection.board)).toEqual(expected), 20_000);
    }
    expect(allTokens(await readDoc(server.origin, w))).toEqual(expected);
    for (const c of clients) c.connection.destroy();
  }, 120_000);
});
