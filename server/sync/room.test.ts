import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { DocKind, Role } from '../../lib/protocol';
import { CloseCode, MessageType, roomName } from '../../lib/protocol';
import { loadConfig } from '../config';
import { createMemoryStore } from '../store/memory-store';
import type { DocStore } from '../store/types';
import { createMemorySocketPair, type MemoryClient } from '../testing/memory-socket';
import { RoomRegistry } from './room-registry';

/**
 * The room, its connections and the registry driven through in-memory sockets: protocol
 * handling and the races of a room's lifecycle, without a network.
 */

const WORKSHOP = 'AAAAAAAAAAAA';
const silent = () => {};

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, doc);
  });
const syncStep2 = (doc: Y.Doc, stateVector?: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeUpdate(e, update);
  });
const saveCheck = (n: number) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.SaveCheck);
    encoding.writeVarUint(e, n);
  });

/** [message type, sync type or n, payload] of a frame the server sent. */
function parse(message: Uint8Array): { type: number; sub: number; payload: Uint8Array | null } {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  const sub = type === MessageType.Sync || type === MessageType.SaveCheck ? decoding.readVarUint(decoder) : -1;
  const payload = type === MessageType.Sync ? decoding.readVarUint8Array(decoder) : null;
  return { type, sub, payload };
}
const isSync = (syncType: number) => (m: Uint8Array) => {
  const p = parse(m);
  return p.type === MessageType.Sync && p.sub === syncType;
};
const isSaveAck = (n: number) => (m: Uint8Array) => {
  const p = parse(m);
  return p.type === MessageType.SaveCheck && p.sub === n;
};
const payloadOf = (m: Uint8Array) => parse(m).payload!;

/** Applies every sync step 2 and update the client has received to a fresh document. */
function docFrom(client: MemoryClient): Y.Doc {
  const doc = new Y.Doc();
  for (const m of client.received) {
    const p = parse(m);
    if (p.type === MessageType.Sync && p.sub !== syncProtocol.messageYjsSyncStep1) Y.applyUpdate(doc, p.payload!);
  }
  return doc;
}

/**
 * Updates that fit the documents' declared shapes (the server refuses anything else): an entry
 * of a collection of strings, `flags` on the board and `decisions` on the facilitation document.
 */
const COLLECTION: Record<DocKind, string> = { board: 'flags', facilitation: 'decisions' };
function docWith(key: string, text: string, kind: DocKind = 'board'): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap(COLLECTION[kind]).set(key, text);
  return doc;
}
const textUpdate = (key: string, text: string, kind: DocKind = 'board') => Y.encodeStateAsUpdate(docWith(key, text, kind));
const entryOf = (doc: Y.Doc, key: string, kind: DocKind = 'board') => String(doc.getMap(COLLECTION[kind]).get(key) ?? '');
const titleUpdate = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('title').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};

async function storedDoc(store: DocStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of (await store.load(name)).updates) Y.applyUpdate(doc, u);
  return doc;
}

/** A registry over a memory store seeded with a title on both documents. */
async function setup(store: DocStore = createMemoryStore()) {
  for (const kind of ['board', 'facilitation'] as const) await store.append(roomName(WORKSHOP, kind), titleUpdate('Seeded'));
  const registry = new RoomRegistry({ store, config: { ...loadConfig({}), unloadGraceMs: 60_000 }, log: silent });
  const join = (role: Role, kind: DocKind = 'board', options?: { answerPings?: boolean }) => {
    const { server, client } = createMemorySocketPair(options);
    const connection = registry.join({ address: { workshopId: WORKSHOP, kind }, socket: server, role, ip: '10.0.0.1', secretHash: role });
    return Object.assign(client, { connection });
  };
  /** Sends a save check and waits for its answer: everything sent before it has been handled. */
  const settle = async (client: MemoryClient, n: number) => {
    const from = client.received.length;
    client.send(saveCheck(n));
    await client.next(isSaveAck(n), from);
  };
  return { store, registry, join, settle, board: roomName(WORKSHOP, 'board') };
}

describe('sync protocol over an in-memory socket', () => {
  it('sync step 1/2 round trip: each side gets what it lacks, and the client’s part is stored', async () => {
    const { store, join, settle, board } = await setup();
    const client = join('participant');
    const serverStep1 = await client.next(isSync(syncProtocol.messageYjsSyncStep1));
    const local = new Y.Doc();
    local.getMap('flags').set('note', 'from the client');
    // Answer the server's step 1 with what it lacks, then ask for what we lack.
    client.send(syncStep2(local, payloadOf(serverStep1)));
    client.send(syncStep1(local));
    const serverStep2 = await client.next(isSync(syncProtocol.messageYjsSyncStep2));
    Y.applyUpdate(local, payloadOf(serverStep2));
    expect(local.getText('title').toString()).toBe('Seeded');
    await settle(client, 1);
    const stored = await storedDoc(store, board);
    expect(entryOf(stored, 'note')).toBe('from the client');
    expect(stored.getText('title').toString()).toBe('Seeded');
  });

  it('an update is stored before another client is sent it', async () => {
    // A store that takes a turn of the event loop to write, as a real one does.
    const inner = createMemoryStore();
    const store: DocStore = {
      ...inner,
      append: (name, update) => new Promise((resolve, reject) => setImmediate(() => inner.append(name, update).then(resolve, reject))),
    };
    const { join, board } = await setup(store);
    const writer = join('participant');
    const reader = join('participant');
    await reader.next(isSync(syncProtocol.messageYjsSyncStep1));
    const storedWhenRelayed: string[] = [];
    const relayed = reader.next(isSync(syncProtocol.messageYjsUpdate)).then(async (m) => {
      storedWhenRelayed.push(entryOf(await storedDoc(store, board), 'note'));
      return m;
    });
    writer.send(updateFrame(textUpdate('note', 'hello')));
    const update = await relayed;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, payloadOf(update));
    expect(entryOf(doc, 'note')).toBe('hello');
    expect(storedWhenRelayed).toEqual(['hello']);
    expect(writer.received.some(isSync(syncProtocol.messageYjsUpdate))).toBe(false); // not echoed
  });

  it('updates that arrive together are stored in one transaction, and nobody is sent one (nor a joiner the document) before it is stored', async () => {
    // A store whose writes the test holds, counting how many updates each write carries.
    const inner = createMemoryStore();
    let holding = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    const writes: number[] = [];
    const hold = async (n: number) => {
      if (!holding) return;
      writes.push(n);
      entered();
      await released;
    };
    const store: DocStore = {
      ...inner,
      async append(name, update) {
        await hold(1);
        return inner.append(name, update);
      },
      async appendMany(name, updates) {
        await hold(updates.length);
        let seq = 0;
        for (const u of updates) seq = await inner.append(name, u);
        return seq;
      },
    };
    const { join, board } = await setup(store);
    const writer = join('participant');
    const reader = join('participant');
    await Promise.all([writer.next(isSync(syncProtocol.messageYjsSyncStep1)), reader.next(isSync(syncProtocol.messageYjsSyncStep1))]);
    holding = true;
    const from = reader.received.length;
    // Three updates sent back to back: they reach the room's queue together.
    for (const key of ['a', 'b', 'c']) writer.send(updateFrame(textUpdate(key, `note ${key}`)));
    await reached;
    const joiner = join('participant');
    // One turn of the event loop: every delivery already under way has landed.
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([3]);
    expect(reader.received.slice(from).filter(isSync(syncProtocol.messageYjsUpdate))).toEqual([]);
    expect(joiner.received).toEqual([]); // not even its sync step 1: the room's document holds unstored updates
    expect(entryOf(await storedDoc(inner, board), 'a')).toBe('');
    release();
    // The three updates arrive, each after the write that stored them.
    let at = from;
    for (let i = 0; i < 3; i++) {
      await reader.next(isSync(syncProtocol.messageYjsUpdate), at);
      at = reader.received.findIndex((m, j) => j >= at && isSync(syncProtocol.messageYjsUpdate)(m)) + 1;
    }
    const delivered = new Y.Doc();
    for (const m of reader.received.slice(from).filter(isSync(syncProtocol.messageYjsUpdate))) Y.applyUpdate(delivered, payloadOf(m));
    const stored = await storedDoc(inner, board);
    for (const key of ['a', 'b', 'c']) {
      expect(entryOf(delivered, key)).toBe(`note ${key}`);
      expect(entryOf(stored, key)).toBe(`note ${key}`);
    }
    expect(writes).toEqual([3]); // still one write for the three
    await joiner.next(isSync(syncProtocol.messageYjsSyncStep1));
  });

  it.each([
    ['a projector on the board', 'projector', 'board'],
    ['a participant on the facilitation document', 'participant', 'facilitation'],
  ] as const)('drops the writes of %s, keeps its socket open and answers its sync step 1', async (_name, role, kind) => {
    const { store, join, settle } = await setup();
    const name = roomName(WORKSHOP, kind);
    const writerRole: Role = kind === 'facilitation' ? 'facilitator' : 'participant';
    const watcher = join(writerRole, kind);
    const readOnly = join(role, kind);
    const before = await store.load(name);
    readOnly.send(updateFrame(textUpdate('hacked', 'update', kind)));
    readOnly.send(syncStep2(docWith('hacked', 'step 2', kind)));
    readOnly.send(syncStep1(new Y.Doc()));
    await settle(readOnly, 1);
    expect(readOnly.received.some(isSync(syncProtocol.messageYjsSyncStep2))).toBe(true);
    expect(await store.load(name)).toEqual(before);
    expect(readOnly.isOpen()).toBe(true);
    // A later write from a writer arrives; the dropped ones never did (they were handled first).
    const writer = join(writerRole, kind);
    writer.send(updateFrame(textUpdate('legit', 'yes', kind)));
    await watcher.next(isSync(syncProtocol.messageYjsUpdate));
    const seen = docFrom(watcher);
    expect(entryOf(seen, 'legit', kind)).toBe('yes');
    expect(entryOf(seen, 'hacked', kind)).toBe('');
    expect(entryOf(await storedDoc(store, name), 'hacked', kind)).toBe('');
  });

  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['an unknown message type', new Uint8Array([42, 0])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['an update with a length beyond the frame', new Uint8Array([0, 2, 0xff, 0x01, 1, 2, 3])],
    ['an update with garbage inside', new Uint8Array([0, 2, 5, 9, 9, 9, 9, 9])],
    ['an unknown sync type', new Uint8Array([0, 9, 0])],
    ['a malformed awareness update', new Uint8Array([1, 3, 1, 200, 1])],
    ['a text frame', 'hello'],
  ])('%s closes only that socket, with 4400', async (_name, bad) => {
    const { store, registry, join, settle, board } = await setup();
    const good = join('participant');
    const offender = join('participant');
    offender.send(bad);
    expect((await offender.closed).code).toBe(CloseCode.BadMessage);
    good.send(updateFrame(textUpdate('after', 'still works')));
    await settle(good, 1);
    expect(good.isOpen()).toBe(true);
    expect(entryOf(await storedDoc(store, board), 'after')).toBe('still works');
    expect(registry.get(board)?.state).toBe('ready');
  });

  it('a socket that stops answering pings is dropped', async () => {
    const store = createMemoryStore();
    const registry = new RoomRegistry({ store, config: { ...loadConfig({}), keepAliveMs: 10 }, log: silent });
    const { server, client } = createMemorySocketPair({ answerPings: false });
    registry.join({ address: { workshopId: WORKSHOP, kind: 'board' }, socket: server, role: 'participant', ip: 'x', secretHash: 'h' });
    expect((await client.closed).code).toBe(1006);
    await client.closeHandled;
    expect(registry.stats()).toMatchObject({ connections: 0 });
  });
});

/** A store whose compaction (or load) waits until the test lets it go on. */
function gatedStore() {
  const inner = createMemoryStore();
  const gate = () => {
    let open!: () => void;
    let entered!: () => void;
    const released = new Promise<void>((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (entered = resolve));
    return { released, reached, open, entered };
  };
  const compaction = gate();
  const load = gate();
  let holdLoads = false;
  const store: DocStore = {
    ...inner,
    async compact(name, snapshot, throughSeq) {
      compaction.entered();
      await compaction.released;
      return inner.compact(name, snapshot, throughSeq);
    },
    async load(name) {
      if (holdLoads) {
        load.entered();
        await load.released;
      }
      return inner.load(name);
    },
  };
  return { store, inner, compaction, load, holdLoads: () => (holdLoads = true) };
}

describe('room lifecycle races', () => {
  it('a client joining while the room unloads gets the live room and stays connected', async () => {
    const { store, inner, compaction } = gatedStore();
    const { registry, join, settle, board } = await setup(store);
    const first = join('participant');
    first.send(updateFrame(textUpdate('note', 'before unload')));
    await settle(first, 1); // two rows stored now: the unload will compact
    const room = registry.get(board)!;
    first.close();
    await first.closeHandled;

    const unloading = registry.unloadIdleRooms();
    await compaction.reached; // the room is waiting on the store
    const joiner = join('participant');
    expect(joiner.connection.room).toBe(room); // the live room, not a new copy beside it
    compaction.open();
    await unloading;

    expect(joiner.isOpen()).toBe(true);
    expect(registry.get(board)).toBe(room);
    expect(room.state).toBe('ready');
    await joiner.next(isSync(syncProtocol.messageYjsSyncStep1));
    joiner.send(syncStep1(new Y.Doc()));
    await joiner.next(isSync(syncProtocol.messageYjsSyncStep2));
    expect(entryOf(docFrom(joiner), 'note')).toBe('before unload');
    // It can still write, and the compaction that ran meanwhile lost nothing.
    joiner.send(updateFrame(textUpdate('late', 'after')));
    await settle(joiner, 2);
    const stored = await storedDoc(inner, board);
    expect(entryOf(stored, 'note')).toBe('before unload');
    expect(entryOf(stored, 'late')).toBe('after');

    // When the joiner leaves too, the room unloads as usual.
    joiner.close();
    await joiner.closeHandled;
    await registry.unloadIdleRooms();
    expect(registry.get(board)).toBeUndefined();
    expect(room.state).toBe('closed');
    expect(await inner.count(board)).toBe(1);
    // The next joiner gets a freshly loaded room with everything in it.
    const later = join('participant');
    expect(later.connection.room).not.toBe(room);
    later.send(syncStep1(new Y.Doc()));
    await later.next(isSync(syncProtocol.messageYjsSyncStep2));
    expect(entryOf(docFrom(later), 'late')).toBe('after');
  });

  it('a client joining while the room loads is answered only after the load, with the stored document', async () => {
    const { store, load, holdLoads } = gatedStore();
    const { join, board, registry } = await setup(store);
    holdLoads();
    const client = join('participant');
    await load.reached;
    client.send(syncStep1(new Y.Doc()));
    const early = join('participant'); // a second joiner during the load shares the room
    expect(early.connection.room).toBe(client.connection.room);
    load.open();
    const step2 = await client.next(isSync(syncProtocol.messageYjsSyncStep2));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, payloadOf(step2));
    expect(doc.getText('title').toString()).toBe('Seeded');
    // The first frame it got is the server's step 1, sent after the load (not an empty document).
    expect(isSync(syncProtocol.messageYjsSyncStep1)(client.received[0]!)).toBe(true);
    expect(Y.decodeStateVector(payloadOf(client.received[0]!)).size).toBeGreaterThan(0);
    expect(registry.get(board)?.state).toBe('ready');
  });
});
