import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeAwarenessEntries } from './awareness-filter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, roomName } from '../../lib/protocol';
import { getTitle } from '../../lib/doc/workshop';
import {
  connectProvider,
  createWorkshop,
  eventually,
  messageType,
  rawClient,
  readDoc,
  saveCheckMessage,
  startInProcess,
  syncUpdateMessage,
  syncUrlFor,
  testConfig,
  upgradeStatus,
  whenSynced,
} from '../testing/harness';
import { openSqliteStore } from '../store/sqlite-store';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig({ unloadGraceMs: 100 }));
});
afterAll(() => server.close());

/** An update that sets key `k` of root map `m` to `v` (what a hostile client might send). */
function mapUpdate(root: string, key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap(root).set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('authentication before the upgrade', () => {
  it('rejects a missing secret (401), a wrong secret or role (403), an unknown workshop or path (404)', async () => {
    const w = await createWorkshop(server.origin);
    const base = `${server.origin.replace('http', 'ws')}/sync/${w.id}/board`;
    expect(await upgradeStatus(`${base}?role=participant`)).toBe(401);
    expect(await upgradeStatus(`${base}?role=participant&key=${w.secrets.projector.replace(/./, 'Z')}x`)).toBe(403);
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.projector))).toBe(403);
    // a participant secret does not open the facilitator role
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'facilitator', w.secrets.participant))).toBe(403);
    // a truncated secret
    expect(
      await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant.slice(0, 23))),
    ).toBe(403);
    expect(await upgradeStatus(syncUrlFor(server.origin, 'AAAAAAAAAAAA', 'board', 'participant', w.secrets.participant))).toBe(404);
    expect(await upgradeStatus(`${server.origin.replace('http', 'ws')}/sync/${w.id}/other?role=participant&key=x`)).toBe(404);
    expect(await upgradeStatus(`${base}?role=admin&key=${w.secrets.participant}`)).toBe(400);
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant))).toBe(101);
  });
});

describe('sync between clients', () => {
  it('two participants see each other’s edits; the seeded title is there once', async () => {
    const w = await createWorkshop(server.origin, 'Maintenance');
    const a = connectProvider(server.origin, w, 'participant');
    const b = connectProvider(server.origin, w, 'participant');
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    expect(getTitle(a.doc)).toBe('Maintenance');
    a.doc.getText('title').insert(0, 'Field ');
    await eventually(() => expect(getTitle(b.doc)).toBe('Field Maintenance'));
    a.destroy();
    b.destroy();
  });

  it('a projector sending a raw update changes nothing and nobody receives it', async () => {
    const w = await createWorkshop(server.origin);
    const watcher = connectProvider(server.origin, w, 'participant');
    await whenSynced(watcher.provider);
    const seen: Uint8Array[] = [];
    watcher.doc.on('update', (u: Uint8Array) => seen.push(u));
    const projector = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'projector', w.secrets.projector));
    projector.ws.send(syncUpdateMessage(mapUpdate('steps', 'x', 'hacked')));
    projector.ws.send(saveCheckMessage(1));
    // The save check is answered after the update was handled, so by then it was dropped.
    await eventually(() => expect(projector.received.some((m) => messageType(m) === MessageType.SaveCheck)).toBe(true));
    const fresh = await readDoc(server.origin, w);
    expect(fresh.getMap('steps').get('x')).toBeUndefined();
    expect(seen).toHaveLength(0);
    expect(projector.ws.readyState).toBe(projector.ws.OPEN); // dropped, not an error
    projector.ws.close();
    watcher.destroy();
  });

  it('a participant writing the facilitation document changes nothing; a facilitator can', async () => {
    const w = await createWorkshop(server.origin);
    const participant = connectProvider(server.origin, w, 'participant', 'facilitation');
    const facilitator = connectProvider(server.origin, w, 'facilitator', 'facilitation');
    await Promise.all([whenSynced(participant.provider), whenSynced(facilitator.provider)]);
    participant.doc.getMap('locks').set('step:participant-was-here', true);
    facilitator.doc.getMap('locks').set('step:set-by-facilitator', true);
    await eventually(() => expect(participant.doc.getMap('locks').get('step:set-by-facilitator')).toBe(true));
    const fresh = await readDoc(server.origin, w, 'projector', 'facilitation');
    expect(fresh.getMap('locks').get('step:set-by-facilitator')).toBe(true);
    expect(fresh.getMap('locks').get('step:participant-was-here')).toBeUndefined();
    expect(facilitator.doc.getMap('locks').get('step:participant-was-here')).toBeUndefined();
    participant.destroy();
    facilitator.destroy();
  });

  it('answers a save check only after the update before it is stored', async () => {
    const w = await createWorkshop(server.origin);
    const client = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    client.ws.send(syncUpdateMessage(mapUpdate('flags', 'k', 'stored')));
    client.ws.send(saveCheckMessage(7));
    await eventually(() => expect(client.received.some((m) => messageType(m) === MessageType.SaveCheck)).toBe(true));
    const check = openSqliteStore(server.config.dataDir);
    const { updates } = await check.load(roomName(w.id, 'board'));
    check.close();
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    expect(doc.getMap('flags').get('k')).toBe('stored');
    client.ws.close();
  });
});

describe('bad input closes only the offending socket', () => {
  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['an unknown message type', new Uint8Array([42, 0])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['an update with a length beyond the frame', new Uint8Array([0, 2, 0xff, 0x01, 1, 2, 3])],
    ['an update with garbage inside', new Uint8Array([0, 2, 5, 9, 9, 9, 9, 9])],
    ['an unknown sync type', new Uint8Array([0, 9, 0])],
    ['a malformed awareness update', new Uint8Array([1, 3, 1, 200, 1])],
  ])('%s', async (_name, frame) => {
    const w = await createWorkshop(server.origin);
    const good = connectProvider(server.origin, w, 'participant');
    await whenSynced(good.provider);
    const goodSocket = good.provider.ws;
    const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    bad.ws.send(frame);
    expect((await bad.closed).code).toBe(4400);
    good.doc.getText('title').insert(0, 'still ');
    await eventually(async () => expect(getTitle(await readDoc(server.origin, w))).toBe('still Sales process'));
    // The good client kept its socket: it was not closed and reconnected (which the stock
    // client does silently), and the room was not reloaded under it.
    expect(good.provider.ws).toBe(goodSocket);
    expect(good.provider.wsconnected).toBe(true);
    good.destroy();
  });

  it('a text frame closes the socket', async () => {
    const w = await createWorkshop(server.origin);
    const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    bad.ws.send('hello');
    expect((await bad.closed).code).toBe(4400);
  });

  it('a message over the payload limit closes that socket with 1009', async () => {
    const small = await startInProcess(testConfig({ maxPayloadBytes: 4096 }));
    const w = await createWorkshop(small.origin);
    const bad = await rawClient(syncUrlFor(small.origin, w.id, 'board', 'participant', w.secrets.participant));
    bad.ws.send(new Uint8Array(5000));
    expect((await bad.closed).code).toBe(1009);
    expect(getTitle(await readDoc(small.origin, w))).toBe('Sales process');
    await small.close();
  });
});

describe('presence', () => {
  it('stamps the connection role and refuses to let one connection change another’s presence', async () => {
    const w = await createWorkshop(server.origin);
    const alice = connectProvider(server.origin, w, 'participant');
    const mallory = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    const viewer = connectProvider(server.origin, w, 'facilitator');
    // Every presence state the viewer ever holds, not only the last.
    const seenByViewer: string[] = [];
    viewer.provider.awareness.on('change', () => seenByViewer.push(JSON.stringify([...viewer.provider.awareness.getStates().values()])));
    alice.provider.awareness.setLocalState({ user: { id: 'a1', name: 'Alice' }, role: 'facilitator' });
    await Promise.all([whenSynced(alice.provider), whenSynced(viewer.provider)]);
    await eventually(() =>
      expect(viewer.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({
        user: { name: 'Alice' },
        role: 'participant',
      }),
    );
    // Mallory claims Alice's client id with a clock far ahead.
    const spoof = encodeAwarenessEntries([
      { clientId: alice.doc.clientID, clock: 9999, state: { user: { id: 'a1', name: 'Mallory' } } },
    ]);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.Awareness);
    encoding.writeVarUint8Array(enc, spoof);
    mallory.ws.send(encoding.toUint8Array(enc));
    // The save check is answered after the server has handled the spoof (one socket's
    // messages are handled in order), so whatever the spoof caused has been sent by then.
    mallory.ws.send(saveCheckMessage(1));
    await eventually(() => expect(mallory.received.some((m) => messageType(m) === MessageType.SaveCheck)).toBe(true));
    // Alice's next change is sent to the viewer after anything the spoof caused, on the same
    // socket: once it has arrived, a relayed spoof would have arrived before it.
    alice.provider.awareness.setLocalStateField('user', { id: 'a1', name: 'Alice B' });
    await eventually(() =>
      expect(viewer.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ user: { name: 'Alice B' } }),
    );
    expect(seenByViewer.join('\n')).toContain('Alice B');
    expect(seenByViewer.join('\n')).not.toContain('Mallory');
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN); // refused silently: a stock client echoes others' states
    alice.destroy();
    mallory.ws.close();
    viewer.destroy();
  });

  it('a projector shares no presence; leaving removes a person', async () => {
    const w = await createWorkshop(server.origin);
    const viewer = connectProvider(server.origin, w, 'participant');
    const projector = connectProvider(server.origin, w, 'projector');
    projector.provider.awareness.setLocalState({ user: { id: 'p', name: 'Projector' } });
    const bob = connectProvider(server.origin, w, 'participant');
    bob.provider.awareness.setLocalState({ user: { id: 'b', name: 'Bob' } });
    await Promise.all([whenSynced(viewer.provider), whenSynced(projector.provider), whenSynced(bob.provider)]);
    await eventually(() => expect(viewer.provider.awareness.getStates().has(bob.doc.clientID)).toBe(true));
    expect(viewer.provider.awareness.getStates().has(projector.doc.clientID)).toBe(false);
    bob.destroy();
    await eventually(() => expect(viewer.provider.awareness.getStates().has(bob.doc.clientID)).toBe(false));
    viewer.destroy();
    projector.destroy();
  });
});

describe('room lifecycle', () => {
  it('unloads a room after its last client leaves and compacts its log to one snapshot', async () => {
    const w = await createWorkshop(server.origin);
    const client = connectProvider(server.origin, w, 'participant');
    await whenSynced(client.provider);
    for (let i = 0; i < 20; i++) client.doc.getMap('flags').set(`item${i}`, String(i));
    await eventually(async () => {
      const probe = openSqliteStore(server.config.dataDir);
      const n = await probe.count(roomName(w.id, 'board'));
      probe.close();
      expect(n).toBeGreaterThan(1);
    });
    expect(server.sync.hasRoom(roomName(w.id, 'board'))).toBe(true);
    client.destroy();
    await eventually(() => expect(server.sync.hasRoom(roomName(w.id, 'board'))).toBe(false));
    const probe = openSqliteStore(server.config.dataDir);
    expect(await probe.count(roomName(w.id, 'board'))).toBe(1);
    probe.close();
    const fresh = await readDoc(server.origin, w);
    expect(Object.values(fresh.getMap('flags').toJSON()).map(Number).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });
});

describe('presence with many people', () => {
  it('a room of twelve stock clients (which echo everyone’s presence back) keeps everyone connected', async () => {
    const w = await createWorkshop(server.origin);
    const clients = Array.from({ length: 12 }, (_, i) => {
      const c = connectProvider(server.origin, w, 'participant');
      c.provider.awareness.setLocalState({ user: { id: `p${i}`, name: `P${i}` } });
      return c;
    });
    await Promise.all(clients.map((c) => whenSynced(c.provider)));
    await eventually(() => clients.forEach((c) => expect(c.provider.awareness.getStates().size).toBe(12)));
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);
    clients.forEach((c) => c.destroy());
  });
});
