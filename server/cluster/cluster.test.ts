import pg from 'pg';
import { createClient } from 'redis';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../lib/presence';
import { CloseCode, roomName } from '../../lib/protocol';
import { WorkshopConnection } from '../../lib/sync/workshop-connection';
import { startInstance, type ClusterInstance } from '../testing/cluster';
import { connectProvider, createWorkshop, eventually, rawClient, saveCheckMessage, syncUpdateMessage, syncUrlFor, whenSynced, type CreatedWorkshop } from '../testing/harness';
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from '../testing/services';
import { appendToken, sharedText, tokensOf } from '../testing/valid-data';
import { decodeRoomMessage, roomChannel } from './wire';

/**
 * The cluster's guarantees (issue 16) with three instances in this process, each with its own
 * PostgreSQL pool and Redis connections, on one throwaway PostgreSQL and one throwaway Redis.
 * Instances that die for real (kill -9) are in failover.test.ts.
 */
let postgres: TestPostgres;
let redis: TestRedis;
let databaseUrl: string;
let a: ClusterInstance, b: ClusterInstance, c: ClusterInstance;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.newDatabase();
  // The first creates the schema; the others find it there.
  a = await startInstance(databaseUrl, redis.url);
  [b, c] = await Promise.all([startInstance(databaseUrl, redis.url), startInstance(databaseUrl, redis.url)]);
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all([a, b, c].filter(Boolean).map((i) => i.close()));
  await redis?.destroy();
  postgres?.destroy();
}, 30_000);

function client(instance: ClusterInstance, w: CreatedWorkshop, role: 'participant' | 'facilitator' | 'projector' = 'participant', kind: 'board' | 'facilitation' = 'board') {
  const c = connectProvider(instance.origin, w, role, kind);
  cleanups.push(() => c.destroy());
  return c;
}

/** The board as PostgreSQL holds it (snapshot plus rows), read without any instance. */
async function stored(w: CreatedWorkshop): Promise<Y.Doc> {
  return a.store.readDocument(roomName(w.id, 'board'));
}

/** Types `count` tokens `<prefix><i>;` at random token boundaries of a shared text, a few at a time. */
async function typeTokens(doc: Y.Doc, prefix: string, count: number): Promise<string[]> {
  const typed: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = sharedText(doc, 'log');
    const current = text.toString();
    const boundaries = [0, ...[...current.matchAll(/;/g)].map((m) => m.index + 1)];
    text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, `${prefix}${i};`);
    typed.push(`${prefix}${i}`);
    if (i % 5 === 4) await new Promise((r) => setTimeout(r, 5));
  }
  return typed;
}

const sorted = (tokens: string[]) => [...tokens].sort();

describe('a cluster of three instances on PostgreSQL and Redis', () => {
  it('serves a workshop created on one instance on every other, with the same links; health names the instance and the store', async () => {
    const w = await createWorkshop(a.origin, 'Shared');
    for (const instance of [a, b, c]) {
      const access = await fetch(`${instance.origin}/api/workshops/${w.id}/access`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'facilitator', key: w.secrets.facilitator }),
      });
      expect(access.status).toBe(200);
      const health = (await (await fetch(`${instance.origin}/api/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ ok: true, store: 'postgres', instance: instance.name });
    }
    const reader = client(c, w);
    await whenSynced(reader.provider);
    expect(reader.doc.getText('title').toString()).toBe('Shared');
  });

  it('durable before visible: while PostgreSQL cannot commit an update, nobody sees it, on its own instance or another', async () => {
    const w = await createWorkshop(a.origin);
    const writer = client(a, w);
    const sameInstance = client(a, w);
    const otherInstance = client(b, w);
    await Promise.all([writer, sameInstance, otherInstance].map((x) => whenSynced(x.provider)));
    appendToken(writer.doc, 'log', 'first');
    await eventually(() => [sameInstance, otherInstance].forEach((x) => expect(tokensOf(x.doc, 'log')).toEqual(['first'])));

    // Hold the document's row lock: the next append waits for it, uncommitted.
    const holder = new pg.Client({ connectionString: databaseUrl });
    holder.on('error', () => {}); // a later test stops PostgreSQL
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM rooms WHERE name = $1 FOR UPDATE', [roomName(w.id, 'board')]);
    appendToken(writer.doc, 'log', 'held');
    await eventually(async () => {
      // From another connection: inside the holder's transaction, pg_stat_activity would be
      // the snapshot taken at its first read.
      const { rows } = await a.store.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE '%INSERT INTO updates%'",
      );
      expect(Number(rows[0]!.n)).toBe(1);
    });
    // The append is waiting in PostgreSQL: it has not been sent to anyone, here or elsewhere.
    expect(tokensOf(sameInstance.doc, 'log')).toEqual(['first']);
    expect(tokensOf(otherInstance.doc, 'log')).toEqual(['first']);
    expect(tokensOf(await stored(w), 'log')).toEqual(['first']);

    await holder.query('COMMIT');
    await eventually(() => [sameInstance, otherInstance].forEach((x) => expect(tokensOf(x.doc, 'log')).toEqual(['first', 'held'])));
    expect(tokensOf(await stored(w), 'log')).toEqual(['first', 'held']);
  });

  it('convergence: three clients typing on three instances end equal to each other and to what is stored, every token once', async () => {
    const w = await createWorkshop(a.origin);
    const clients = [a, b, c].map((instance) => client(instance, w));
    await Promise.all(clients.map((x) => whenSynced(x.provider)));
    sharedText(clients[0]!.doc, 'log');
    await eventually(() => clients.forEach((x) => expect(x.doc.getXmlFragment('step:log').length).toBe(1)));
    const typed = (await Promise.all(clients.map((x, i) => typeTokens(x.doc, 'abc'[i]!, 150)))).flat();
    for (const x of clients) await eventually(() => expect(sorted(tokensOf(x.doc, 'log'))).toEqual(sorted(typed)), 20_000);
    const order = tokensOf(clients[0]!.doc, 'log');
    for (const x of clients) expect(tokensOf(x.doc, 'log')).toEqual(order);
    await eventually(async () => expect(tokensOf(await stored(w), 'log')).toEqual(order));
  });

  it('an update committed but never announced (its instance died between commit and publish) reaches everyone through the tick', async () => {
    const w = await createWorkshop(a.origin);
    const x = client(a, w);
    const y = client(b, w);
    await Promise.all([x, y].map((v) => whenSynced(v.provider)));
    sharedText(x.doc, 'log');
    await eventually(() => expect(y.doc.getXmlFragment('step:log').length).toBe(1));
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(x.doc));
    const before = Y.encodeStateVector(writer);
    appendToken(writer, 'log', 'silent');
    // Straight into PostgreSQL, as an instance's append is, without its Redis message.
    await a.store.append(roomName(w.id, 'board'), Y.encodeStateAsUpdate(writer, before));
    await eventually(() => [x, y].forEach((v) => expect(tokensOf(v.doc, 'log')).toEqual(['silent'])), 5_000);
    // The order stays intact: the next update is applied after it, everywhere.
    appendToken(y.doc, 'log', 'next');
    await eventually(() => expect(tokensOf(x.doc, 'log')).toEqual(['silent', 'next']));
  });

  it('roles and validation hold on every instance; read-only writes reach neither PostgreSQL nor the other instances', async () => {
    const w = await createWorkshop(a.origin);
    const board = roomName(w.id, 'board');
    const facilitation = roomName(w.id, 'facilitation');
    // Every message on the workshop's channels, as the other instances receive them.
    const spy = createClient({ url: redis.url });
    spy.on('error', () => {}); // a later test restarts Redis
    await spy.connect();
    cleanups.push(() => spy.close());
    const published: string[] = [];
    for (const name of [board, facilitation]) {
      await spy.subscribe(roomChannel(name), (data: Buffer) => {
        const m = decodeRoomMessage(new Uint8Array(data));
        if (m?.kind === 'update') published.push(`${name}#${m.seq}`);
      }, true);
    }
    const watcher = client(a, w);
    const facilitatorWatcher = client(a, w, 'facilitator', 'facilitation');
    await Promise.all([whenSynced(watcher.provider), whenSynced(facilitatorWatcher.provider)]);
    const headsBefore = await a.store.heads([board, facilitation]);

    const title = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('title').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    // A projector on b writes the board; a participant on c writes the facilitation document.
    // Each asks for a save check: answered once its update was handled (dropped).
    for (const [instance, role, kind] of [[b, 'projector', 'board'], [c, 'participant', 'facilitation']] as const) {
      const raw = await rawClient(syncUrlFor(instance.origin, w.id, kind, role, w.secrets[role]));
      cleanups.push(() => raw.ws.terminate());
      const decisions = new Y.Doc();
      decisions.getMap('decisions').set('x', 'spoofed');
      raw.ws.send(syncUpdateMessage(kind === 'board' ? title('spoofed ') : Y.encodeStateAsUpdate(decisions)));
      raw.ws.send(saveCheckMessage(7));
      await eventually(() => expect(raw.received.some((m) => m[0] === 100 && m[1] === 7)).toBe(true));
    }
    // A participant on b sends an update outside the schema: refused, its socket closed.
    const bad = await rawClient(syncUrlFor(b.origin, w.id, 'board', 'participant', w.secrets.participant));
    const junk = new Y.Doc();
    junk.getArray('nonsense').push([1]);
    bad.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(junk)));
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    expect(await a.store.heads([board, facilitation])).toEqual(headsBefore);
    // A write that is allowed, on b, after all of the above: the only update anyone hears of.
    const writer = client(b, w);
    await whenSynced(writer.provider);
    appendToken(writer.doc, 'log', 'allowed');
    await eventually(() => expect(tokensOf(watcher.doc, 'log')).toEqual(['allowed']));
    expect(watcher.doc.getText('title').toString()).not.toContain('spoofed');
    expect(facilitatorWatcher.doc.getMap('decisions').get('x')).toBeUndefined();
    // Only the allowed write's updates were stored and announced (creating the text, then typing).
    const headsAfter = await a.store.heads([board, facilitation]);
    expect(headsAfter.get(facilitation)).toBe(headsBefore.get(facilitation));
    const expected = Array.from({ length: headsAfter.get(board)! - headsBefore.get(board)! }, (_, i) => `${board}#${headsBefore.get(board)! + 1 + i}`);
    await eventually(() => expect(published).toEqual(expected));
  });

  it('rotating a link closes its sockets on every instance', async () => {
    const w = await createWorkshop(a.origin);
    const onB = await rawClient(syncUrlFor(b.origin, w.id, 'board', 'participant', w.secrets.participant));
    const onC = await rawClient(syncUrlFor(c.origin, w.id, 'facilitation', 'participant', w.secrets.participant));
    const facilitatorOnC = await rawClient(syncUrlFor(c.origin, w.id, 'board', 'facilitator', w.secrets.facilitator));
    cleanups.push(() => facilitatorOnC.ws.terminate());
    const res = await fetch(`${a.origin}/api/workshops/${w.id}/rotate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: w.secrets.facilitator, role: 'participant' }),
    });
    expect(res.status).toBe(200);
    expect((await onB.closed).code).toBe(CloseCode.LinkRotated);
    expect((await onC.closed).code).toBe(CloseCode.LinkRotated);
    expect(facilitatorOnC.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('presence crosses instances, reaches a room opened later, and goes when its client leaves', async () => {
    const w = await createWorkshop(a.origin);
    const here = client(a, w);
    await whenSynced(here.provider);
    here.provider.awareness.setLocalState({ name: 'Ada', team: 'East' });
    const there = client(b, w); // opens the room on b after Ada is present on a
    await whenSynced(there.provider);
    await eventually(() => expect(there.provider.awareness.getStates().get(here.doc.clientID)).toMatchObject({ name: 'Ada', role: 'participant' }));
    here.provider.awareness.setLocalStateField('name', 'Ada L.');
    await eventually(() => expect(there.provider.awareness.getStates().get(here.doc.clientID)).toMatchObject({ name: 'Ada L.' }));
    // Never duplicated: one entry for her on b.
    expect([...there.provider.awareness.getStates().values()].filter((s) => String(s.name ?? '').startsWith('Ada'))).toHaveLength(1);
    here.destroy();
    await eventually(() => expect(there.provider.awareness.getStates().has(here.doc.clientID)).toBe(false));

  });

  it('the workshop write budget is shared: bytes taken on one instance count on the others', async () => {
    const small = { workshopWriteBytesPerMinute: 20_000 };
    const [d, e] = await Promise.all([startInstance(databaseUrl, redis.url, small), startInstance(databaseUrl, redis.url, small)]);
    cleanups.push(() => d.close(), () => e.close());
    const w = await createWorkshop(d.origin);
    const long = (who: string, length: number) => {
      const doc = new Y.Doc();
      appendToken(doc, who, 'x'.repeat(length));
      return Y.encodeStateAsUpdate(doc);
    };
    // Most of the budget, spent on d.
    const first = await rawClient(syncUrlFor(d.origin, w.id, 'board', 'participant', w.secrets.participant));
    cleanups.push(() => first.ws.terminate());
    first.ws.send(syncUpdateMessage(long('one', 16_000)));
    first.ws.send(saveCheckMessage(1));
    await eventually(() => expect(first.received.some((m) => m[0] === 100)).toBe(true));
    const counted = () => {
      const key = redis.command('--scan', '--pattern', `cg:budget:${w.id}:*`);
      return key ? Number(redis.command('GET', key)) : 0;
    };
    await eventually(() => expect(counted()).toBeGreaterThan(16_000));
    // One frame of 6,000 bytes on e, its first for this workshop: within a budget of its own,
    // over the shared one. e reads the cluster's total when it meets the workshop (the room
    // loads meanwhile: its first message comes after).
    const second = await rawClient(syncUrlFor(e.origin, w.id, 'board', 'participant', w.secrets.participant));
    cleanups.push(() => second.ws.terminate());
    await eventually(() => expect(second.received.length).toBeGreaterThan(0));
    second.ws.send(syncUpdateMessage(long('two', 6_000)));
    second.ws.send(saveCheckMessage(2));
    const outcome = await Promise.race([
      second.closed.then((closed) => closed.code),
      eventually(() => expect(second.received.some((m) => m[0] === 100)).toBe(true)).then(() => 'accepted'),
    ]);
    expect(outcome).toBe(CloseCode.RateLimited);
  });

  it('Redis faults lose nothing: subscribers killed with CLIENT KILL TYPE pubsub, then Redis restarted, while three clients type', async () => {
    const w = await createWorkshop(a.origin);
    const clients = [a, b, c].map((instance) => client(instance, w));
    await Promise.all(clients.map((x) => whenSynced(x.provider)));
    sharedText(clients[0]!.doc, 'log');
    await eventually(() => clients.forEach((x) => expect(x.doc.getXmlFragment('step:log').length).toBe(1)));
    const typing = clients.map((x, i) => typeTokens(x.doc, 'abc'[i]!, 200));
    await eventually(() => expect(tokensOf(clients[2]!.doc, 'log').length).toBeGreaterThan(30));
    redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await eventually(() => expect(tokensOf(clients[2]!.doc, 'log').length).toBeGreaterThan(200));
    await redis.kill();
    await eventually(() => expect(tokensOf(clients[0]!.doc, 'log').length).toBeGreaterThan(350)); // PostgreSQL alone, through the tick
    await redis.start();
    const typed = (await Promise.all(typing)).flat();
    for (const x of clients) await eventually(() => expect(sorted(tokensOf(x.doc, 'log'))).toEqual(sorted(typed)), 20_000);
    await eventually(async () => expect(sorted(tokensOf(await stored(w), 'log'))).toEqual(sorted(typed)));
    // And the fan-out is back: a new edit arrives everywhere.
    appendToken(clients[1]!.doc, 'log', 'after');
    for (const x of clients) await eventually(() => expect(tokensOf(x.doc, 'log')).toContain('after'));
  });

  it('idle rooms unload, compact and unsubscribe on every instance', async () => {
    const w = await createWorkshop(a.origin);
    const clients = [a, b].map((instance) => client(instance, w));
    await Promise.all(clients.map((x) => whenSynced(x.provider)));
    sharedText(clients[0]!.doc, 'log');
    await eventually(() => clients.forEach((x) => expect(x.doc.getXmlFragment('step:log').length).toBe(1)));
    for (let i = 0; i < 5; i++) appendToken(clients[i % 2]!.doc, 'log', i);
    await eventually(() => clients.forEach((x) => expect(tokensOf(x.doc, 'log')).toHaveLength(5)));
    const name = roomName(w.id, 'board');
    const subscribers = () => Number(redis.command('PUBSUB', 'NUMSUB', roomChannel(name)).split('\n')[1]);
    expect(subscribers()).toBe(2);
    for (const x of clients) x.destroy();
    await eventually(() => [a, b].forEach((i) => expect(i.sync.connectionsIn(name)).toHaveLength(0)));
    await Promise.all([a.sync.unloadIdleRooms(), b.sync.unloadIdleRooms()]);
    expect([a.sync.hasRoom(name), b.sync.hasRoom(name)]).toEqual([false, false]);
    expect(a.cluster.logs().has(name) || b.cluster.logs().has(name)).toBe(false);
    await eventually(() => expect(subscribers()).toBe(0));
    expect(await a.store.count(name)).toBe(1);
    expect(sorted(tokensOf(await stored(w), 'log'))).toEqual(['0', '1', '2', '3', '4']);
  });

  // Last: it stops the shared PostgreSQL.
  it('PostgreSQL stopped hard: writes are refused and never broadcast ("not saved"), and everything is saved when it returns', async () => {
    const w = await createWorkshop(a.origin);
    const writer = new WorkshopConnection({
      origin: a.origin,
      workshopId: w.id,
      role: 'participant',
      secret: w.secrets.participant,
      identity: { id: 'writer0000' as ParticipantId, name: 'Writer', team: '' },
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    cleanups.push(() => writer.destroy());
    const watcher = client(b, w);
    await whenSynced(watcher.provider);
    await eventually(() => expect(writer.getSnapshot()).toMatchObject({ network: 'live', loaded: true }));
    appendToken(writer.board, 'log', 'before');
    await eventually(() => expect(tokensOf(watcher.doc, 'log')).toEqual(['before']));

    postgres.stopHard();
    let restarted = false;
    cleanups.push(() => {
      if (!restarted) postgres.start();
    });
    appendToken(writer.board, 'log', 'during');
    await eventually(() => expect(writer.getSnapshot().save).not.toBe('saved'));
    // Not stored, so not shown to anyone.
    expect(tokensOf(watcher.doc, 'log')).toEqual(['before']);
    postgres.start();
    restarted = true;
    await eventually(() => expect(writer.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }), 30_000);
    await eventually(() => expect(tokensOf(watcher.doc, 'log')).toEqual(['before', 'during']), 20_000);
    expect(tokensOf(await stored(w), 'log')).toEqual(['before', 'during']);
  }, 60_000);
});
