import WebSocket from 'ws';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../lib/presence';
import { WorkshopConnection } from '../../lib/sync/workshop-connection';
import { openPostgresStore } from '../store/postgres-store';
import { failoverProxy, startInstanceProcess, type FailoverProxy } from '../testing/cluster';
import { type ChildServer, createWorkshop, eventually, killChild } from '../testing/harness';
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from '../testing/services';
import { sharedText, tokensOf } from '../testing/valid-data';

/**
 * Instances that die for real: three server processes on one PostgreSQL and one Redis, each
 * client behind its own failover address (the load balancer's part: a new connection goes to
 * the first instance that accepts it), and `kill -9`.
 */
let postgres: TestPostgres;
let redis: TestRedis;
let databaseUrl: string;
const children: ChildServer[] = [];
const proxies: FailoverProxy[] = [];
const connections: WorkshopConnection[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.newDatabase();
}, 60_000);

afterAll(async () => {
  for (const c of connections) c.destroy();
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(children.map((c) => killChild(c)));
  await redis?.destroy();
  postgres?.destroy();
}, 30_000);

async function startInstances(names: string[]): Promise<ChildServer[]> {
  const started = await Promise.all(names.map((name) => startInstanceProcess(databaseUrl, redis.url, name)));
  children.push(...started);
  return started;
}

function connect(origin: string, workshop: { id: string; secrets: { participant: string } }, name: string): WorkshopConnection {
  const connection = new WorkshopConnection({
    origin,
    workshopId: workshop.id,
    role: 'participant',
    secret: workshop.secrets.participant,
    identity: { id: `${name}0000000000`.slice(0, 10) as ParticipantId, name, team: '' },
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  connections.push(connection);
  return connection;
}

/** The rich-text descriptions hold 20,000 characters: each client moves to the next text every 400 tokens. */
const TOKENS_PER_TEXT = 400;
const TEXTS = 10;
const textName = (typed: number) => `failover-${Math.floor(typed / TOKENS_PER_TEXT)}`;
const allTokens = (doc: Y.Doc) => Array.from({ length: TEXTS }, (_, i) => tokensOf(doc, `failover-${i}`)).flat().sort();
const presentNames = (connection: WorkshopConnection) =>
  [...connection.awareness.getStates().entries()]
    .filter(([id]) => id !== connection.awareness.clientID)
    .map(([, s]) => String((s as { user?: { name?: string } }).user?.name))
    .sort();

describe('an instance killed with SIGKILL while clients type on three instances', () => {
  it('its clients move to the others, every token is there exactly once everywhere, and its ghost presence goes within ~5 s', async () => {
    const instances = await startInstances(['i0', 'i1', 'i2']);
    const ports = instances.map((i) => i.port);
    const w = await createWorkshop(instances[0]!.origin, 'Failover');
    // Client k enters through its own address, which prefers instance k, then the next ones.
    for (let k = 0; k < 3; k++) proxies.push(await failoverProxy(() => [0, 1, 2].map((j) => ports[(k + j) % 3]!)));
    const setup = connect(instances[0]!.origin, w, 'setup');
    await eventually(() => expect(setup.getSnapshot()).toMatchObject({ network: 'live', loaded: true }));
    for (let i = 0; i < TEXTS; i++) sharedText(setup.board, `failover-${i}`);
    await eventually(() => expect(setup.getSnapshot().save).toBe('saved'));
    setup.destroy();

    const clients = ['a', 'b', 'c'].map((name, k) => ({ name, connection: connect(proxies[k]!.origin, w, name), typed: 0 }));
    // Someone on the instance that dies and who does not come back (its laptop closed).
    const ghost = connect(instances[0]!.origin, w, 'ghost');
    await eventually(() => [...clients.map((c) => c.connection), ghost].forEach((c) => expect(c.getSnapshot()).toMatchObject({ network: 'live', loaded: true })));
    const watcher = clients[2]!.connection; // on i2 throughout
    await eventually(() => expect(presentNames(watcher)).toEqual(['a', 'b', 'ghost']));

    const typing = setInterval(() => {
      for (const c of clients) {
        if (c.typed >= TOKENS_PER_TEXT * TEXTS) continue;
        const text = sharedText(c.connection.board, textName(c.typed));
        const current = text.toString();
        const boundaries = [0, ...[...current.matchAll(/;/g)].map((m) => m.index + 1)];
        text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, `${c.name}${c.typed++};`);
      }
    }, 5);
    let ghostGoneAfter = -1;
    try {
      await eventually(() => expect(allTokens(watcher.board).length).toBeGreaterThan(150), 20_000);
      const killedAt = Date.now();
      await killChild(instances[0]!, 'SIGKILL');
      const typedByAAtKill = clients[0]!.typed;
      ghost.destroy();
      await eventually(() => expect(presentNames(watcher)).not.toContain('ghost'), 10_000);
      ghostGoneAfter = Date.now() - killedAt;
      // a moved (through its address) to i1: what it types after the kill reaches i2's client.
      await eventually(() => expect(allTokens(watcher.board)).toContain(`a${typedByAAtKill + 10}`), 20_000);
      await eventually(() => expect(clients[0]!.connection.getSnapshot().network).toBe('live'), 20_000);
    } finally {
      clearInterval(typing);
    }
    expect(ghostGoneAfter).toBeLessThan(6_000);
    const expected = clients.flatMap((c) => Array.from({ length: c.typed }, (_, i) => `${c.name}${i}`)).sort();
    for (const c of clients) await eventually(() => expect(allTokens(c.connection.board)).toEqual(expected), 30_000);
    await eventually(() => clients.forEach((c) => expect(c.connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' })), 30_000);
    const store = await openPostgresStore(databaseUrl);
    try {
      expect(allTokens(await store.readDocument(`${w.id}/board`))).toEqual(expected);
    } finally {
      store.close();
    }
    // Presence: each person once, the moved one included, and no ghost.
    await eventually(() => expect(presentNames(watcher)).toEqual(['a', 'b']), 20_000);
  }, 120_000);

  it('every instance killed after a burst: one started again has everything anyone saw', async () => {
    const instances = await startInstances(['j0', 'j1']);
    const w = await createWorkshop(instances[0]!.origin, 'Burst');
    const writer = connect(instances[0]!.origin, w, 'w');
    const watcher = connect(instances[1]!.origin, w, 'v');
    await eventually(() => [writer, watcher].forEach((c) => expect(c.getSnapshot()).toMatchObject({ network: 'live', loaded: true })));
    const text = sharedText(writer.board, 'burst');
    for (let i = 0; i < 300; i++) text.insert(text.length, `${i};`);
    await eventually(() => expect(tokensOf(watcher.board, 'burst').length).toBeGreaterThan(100));
    await Promise.all(instances.map((i) => killChild(i, 'SIGKILL')));
    const seen = tokensOf(watcher.board, 'burst');
    writer.destroy();
    watcher.destroy();
    const [again] = await startInstances(['j2']);
    const reader = connect(again!.origin, w, 'r');
    await eventually(() => expect(reader.getSnapshot()).toMatchObject({ network: 'live', loaded: true }));
    const kept = tokensOf(reader.board, 'burst');
    // Everything the watcher saw, in the same order, exactly once (and maybe more that the writer stored).
    expect(kept.slice(0, seen.length)).toEqual(seen);
    expect(new Set(kept).size).toBe(kept.length);
  }, 60_000);
});
