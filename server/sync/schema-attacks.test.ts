import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMetric } from '../../lib/doc/metrics';
import { addAlias, addExample, addTerm, definitionFragment, setTermText } from '../../lib/doc/glossary';
import { addAgendaItem, setCurrentItem } from '../../lib/doc/agenda';
import { setLock } from '../../lib/doc/locks';
import { recordParticipant } from '../../lib/doc/participants';
import { addSticky, addStep, setStepText } from '../../lib/doc/process';
import { setFragmentPlainText } from '../../lib/doc/rich-text';
import { BOARD_SHAPE, FACILITATION_SHAPE, stepDescriptionField } from '../../lib/doc/schema';
import type { DocumentShape, Shape, TypeShape } from '../../lib/doc/shape';
import { addParkingItem, setFlag } from '../../lib/doc/signals';
import { setTimer } from '../../lib/doc/timer';
import { castBallot, setAnswer } from '../../lib/doc/votes';
import { setTitle } from '../../lib/doc/workshop';
import type { Identity, ParticipantId } from '../../lib/presence';
import { CloseCode, MessageType, type DocKind, type Role } from '../../lib/protocol';
import { PENDING_UPDATES, pendingDeletion, syncPayload, syncStep1Frame, updateFrame } from '../testing/attack';
import {
  connectProvider,
  createWorkshop,
  eventually,
  messageType,
  rawClient,
  readDoc,
  saveCheckMessage,
  startInProcess,
  syncUrlFor,
  testConfig,
  whenSynced,
  type CreatedWorkshop,
} from '../testing/harness';

/**
 * Issue 20, items 1 and 2, against a real server: every update is checked against the
 * document's declared shape before it is stored or relayed, and an update that depends on
 * state the server does not have is refused (never kept "pending").
 */

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

const writerOf = (kind: DocKind): Role => (kind === 'board' ? 'participant' : 'facilitator');

/** A value of the wrong kind for a place of shape `shape`. */
function wrongValue(shape: Shape): unknown {
  if (shape.kind === 'string') return new Y.Map();
  if (shape.kind === 'number') return 'not a number';
  if (shape.kind === 'boolean') return 'yes';
  return 'not a map';
}

/** An update that puts something of the wrong type directly under root `root` of shape `shape`. */
function confusedUpdate(root: string, shape: TypeShape): Uint8Array {
  const doc = new Y.Doc();
  switch (shape.kind) {
    case 'record': {
      const [field, fieldShape] = Object.entries(shape.fields)[0]!;
      doc.getMap(root).set(field, wrongValue(fieldShape));
      break;
    }
    case 'collection':
      doc.getMap(root).set('zzz', wrongValue(shape.entry));
      break;
    case 'text':
      doc.getMap(root).set('zzz', 'not text');
      break;
    case 'rich':
      doc.getText(root).insert(0, 'text outside a paragraph');
      break;
  }
  return Y.encodeStateAsUpdate(doc);
}

function rootsOf(kind: DocKind, shape: DocumentShape): Array<[string, DocKind, string, TypeShape]> {
  const fixed = Object.entries(shape.roots).map(([root, s]) => [`${kind} root "${root}"`, kind, root, s] as [string, DocKind, string, TypeShape]);
  const prefixed = Object.entries(shape.prefixedRoots).map(([prefix, s]) => [`${kind} root "${prefix}abc"`, kind, `${prefix}abc`, s] as [string, DocKind, string, TypeShape]);
  return [...fixed, ...prefixed];
}

/** What a fresh joiner is sent for the whole document (the server's sync step 2 to an empty client). */
async function joinerBytes(w: CreatedWorkshop, kind: DocKind): Promise<Uint8Array> {
  const client = await rawClient(syncUrlFor(server.origin, w.id, kind, 'projector', w.secrets.projector));
  client.ws.send(syncStep1Frame());
  let payload: Uint8Array | null = null;
  await eventually(() => {
    payload = client.received.map((m) => syncPayload(m, syncProtocol.messageYjsSyncStep2)).find((p) => p !== null) ?? null;
    expect(payload).not.toBeNull();
  });
  client.ws.close();
  return payload!;
}

const EXPORTS = ['handbook.md', 'glossary.csv', 'metrics.csv', 'backup.json'];
async function exportStatuses(w: CreatedWorkshop): Promise<number[]> {
  return Promise.all(
    EXPORTS.map(async (file) => {
      const res = await fetch(`${server.origin}/api/workshops/${w.id}/export/${file}`, { headers: { authorization: `Bearer ${w.secrets.facilitator}` } });
      await res.arrayBuffer();
      return res.status;
    }),
  );
}

/**
 * Sends `update` from a writer's raw socket, followed by a save check. Resolves with the close
 * code and reason if the server closed the socket, or with 'accepted' if it answered the save
 * check (the update was stored): never hangs either way.
 */
async function sendUpdate(w: CreatedWorkshop, kind: DocKind, update: Uint8Array, syncType: number = syncProtocol.messageYjsUpdate) {
  const client = await rawClient(syncUrlFor(server.origin, w.id, kind, writerOf(kind), w.secrets[writerOf(kind)]));
  client.ws.send(updateFrame(update, syncType));
  client.ws.send(saveCheckMessage(1));
  const accepted = new Promise<'accepted'>((resolve) => {
    client.ws.on('message', (data: Buffer) => {
      if (messageType(new Uint8Array(data)) === MessageType.SaveCheck) resolve('accepted');
    });
  });
  const result = await Promise.race([client.closed, accepted]);
  client.ws.close();
  return result;
}

describe('type confusion on every root of both documents', () => {
  const cases = [...rootsOf('board', BOARD_SHAPE), ...rootsOf('facilitation', FACILITATION_SHAPE), ['board: an unknown root', 'board', 'zzz', { kind: 'text', maxLength: 10 }] as [string, DocKind, string, TypeShape], ['facilitation: an unknown root', 'facilitation', 'zzz', { kind: 'text', maxLength: 10 }] as [string, DocKind, string, TypeShape]];

  let w: CreatedWorkshop;
  beforeAll(async () => {
    w = await createWorkshop(server.origin, 'Typed', 'b2b-sales');
  });

  it.each(cases)('%s: refused with 4400, nothing stored or relayed, exports and other clients unaffected', async (_name, kind, root, shape) => {
    const watcher = connectProvider(server.origin, w, 'projector', kind);
    await whenSynced(watcher.provider);
    const relayed: Uint8Array[] = [];
    watcher.doc.on('update', (u: Uint8Array) => relayed.push(u));
    const before = await joinerBytes(w, kind);

    for (const syncType of [syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2]) {
      const result = await sendUpdate(w, kind, confusedUpdate(root, shape), syncType);
      expect(result).not.toBe('accepted');
      if (result === 'accepted') return;
      expect(result.code).toBe(CloseCode.BadMessage);
      expect(result.reason).toMatch(/^refused update: /);
      expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(123);
    }

    expect(await joinerBytes(w, kind)).toEqual(before);
    expect(relayed).toHaveLength(0);
    expect(watcher.provider.wsconnected).toBe(true);
    expect(await exportStatuses(w)).toEqual([200, 200, 200, 200]);
    watcher.destroy();
  });

  it('the 35-byte metrics update of the report: refused, and all four exports still answer', async () => {
    const update = (() => {
      const doc = new Y.Doc();
      doc.getMap('metrics').set('zzz', 'not a map');
      return Y.encodeStateAsUpdate(doc);
    })();
    const result = await sendUpdate(w, 'board', update);
    expect(result).toMatchObject({ code: CloseCode.BadMessage });
    expect(await exportStatuses(w)).toEqual([200, 200, 200, 200]);
    const fresh = await readDoc(server.origin, w);
    expect(fresh.getMap('metrics').get('zzz')).toBeUndefined();
  });

  it('a close reason is cut to 123 bytes of UTF-8, never mid-character', async () => {
    const doc = new Y.Doc();
    doc.getMap('ü'.repeat(150)).set('a', 1);
    const result = await sendUpdate(w, 'board', Y.encodeStateAsUpdate(doc));
    if (result === 'accepted') throw new Error('an unknown root was accepted');
    expect(result.code).toBe(CloseCode.BadMessage);
    expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(123);
    expect(result.reason).not.toContain('\uFFFD');
  });
});

describe('honest clients are never refused', () => {
  it('the stock WebsocketProvider editing every part of both documents through the typed accessors', async () => {
    const w = await createWorkshop(server.origin, 'Honest', 'b2b-sales');
    const board = connectProvider(server.origin, w, 'participant');
    const facilitation = connectProvider(server.origin, w, 'facilitator', 'facilitation');
    const closes: number[] = [];
    for (const c of [board, facilitation]) c.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? -1));
    await Promise.all([whenSynced(board.provider), whenSynced(facilitation.provider)]);

    const doc = board.doc;
    const identity: Identity = { id: 'p-honest' as ParticipantId, name: 'Honest Hannah', team: 'East' };
    recordParticipant(doc, identity);
    setTitle(doc, 'Honest workshop');
    const step = addStep(doc, { title: 'Qualify', createdBy: 'p-honest' });
    setStepText(doc, step, 'ownerRole', 'Sales rep');
    for (const value of ['E', 'En', 'Ent', 'Entry']) setStepText(doc, step, 'entryCriteria', value);
    setFragmentPlainText(doc.getXmlFragment(stepDescriptionField(step)), 'What qualifying means');
    addSticky(doc, { stepId: step, kind: 'idea', text: 'Call earlier', authorId: 'p-honest', authorName: 'Hannah' });
    const term = addTerm(doc, { name: 'Deal' });
    setTermText(doc, term, 'owner', 'Hannah');
    addAlias(doc, term, { text: 'Opportunity', team: 'West' });
    addExample(doc, term, { text: 'A signed quote', kind: 'is' });
    setFragmentPlainText(definitionFragment(doc, term), 'A sale we expect to close');
    addMetric(doc, { name: 'Win rate', attachment: { kind: 'step', stepId: step } });
    setFlag(doc, { kind: 'step', id: step }, 'token-1', 'East', true);
    addParkingItem(doc, { text: 'Pricing later', source: { kind: 'step', id: step }, createdBy: 'Hannah' });
    castBallot(doc, 'vote-1', 'p-honest', [`step:${step}`]);
    setAnswer(doc, 'consensus-1', 'p-honest', { level: 'full', reason: 'fine' });

    const f = facilitation.doc;
    const agendaItem = addAgendaItem(f, { title: 'Map the process', minutes: 20, focus: 'process' });
    setCurrentItem(f, agendaItem, Date.now(), { startTimebox: true });
    setTimer(f, { status: 'running', totalMs: 60_000, endsAt: Date.now() + 60_000 });
    setLock(f, `step:${step}`, true);

    await eventually(async () => {
      const stored = await readDoc(server.origin, w);
      expect(stored.getText('title').toString()).toBe('Honest workshop');
      expect(stored.getMap('parking').size).toBe(1);
      expect(stored.getMap('answers').size).toBe(1);
    });
    await eventually(async () => expect((await readDoc(server.origin, w, 'projector', 'facilitation')).getMap('locks').get(`step:${step}`)).toBe(true));
    expect(closes).toEqual([]);
    expect(board.provider.wsconnected && facilitation.provider.wsconnected).toBe(true);
    board.destroy();
    facilitation.destroy();
  });
});

describe('pending structs', () => {
  const cases: Array<[string, Uint8Array]> = [...Object.entries(PENDING_UPDATES), ['a deletion of content the server never had', pendingDeletion()]];

  it.each(cases)('%s: refused with the resync code (4000), nothing kept, joiners receive nothing extra', async (_name, update) => {
    const w = await createWorkshop(server.origin, 'Pending');
    const before = await joinerBytes(w, 'board');
    for (const syncType of [syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2]) {
      const result = await sendUpdate(w, 'board', update, syncType);
      expect(result).not.toBe('accepted');
      if (result === 'accepted') return;
      expect(result.code).toBe(CloseCode.Resync);
      // The stock y-websocket client (3.1) reconnects on any code outside 4400–4499.
      expect(result.code < 4400 || result.code >= 4500).toBe(true);
    }
    expect(await joinerBytes(w, 'board')).toEqual(before);
  });

  it('after the attack an honest keystroke is stored, and after a restart the document is clean', async () => {
    const config = testConfig({ unloadGraceMs: 60_000 });
    let own = await startInProcess(config);
    try {
      const w = await createWorkshop(own.origin, 'Pending');
      for (const update of Object.values(PENDING_UPDATES)) {
        const bad = await rawClient(syncUrlFor(own.origin, w.id, 'board', 'participant', w.secrets.participant));
        bad.ws.send(updateFrame(update));
        expect((await bad.closed).code).toBe(CloseCode.Resync);
      }
      const honest = connectProvider(own.origin, w, 'participant');
      await whenSynced(honest.provider);
      honest.doc.getText('title').insert(0, 'K');
      await eventually(async () => expect((await readDoc(own.origin, w)).getText('title').toString()).toBe('KPending'));
      honest.destroy();
      await own.close(); // compacts every room into a snapshot

      own = await startInProcess({ ...config, port: 0 });
      const fresh = await readDoc(own.origin, w);
      expect(fresh.getText('title').toString()).toBe('KPending');
      expect(fresh.getMap('flags').size).toBe(0);
      const { updates } = await own.sync.readDocument(`${w.id}/board`).then((d) => ({ updates: [Y.encodeStateAsUpdate(d)] }));
      const check = new Y.Doc();
      for (const u of updates) Y.applyUpdate(check, u);
      const store = check.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
      expect(store.pendingStructs).toBeNull();
      expect(store.pendingDs).toBeNull();
      // Another keystroke after the restart is stored too.
      const again = connectProvider(own.origin, w, 'participant');
      await whenSynced(again.provider);
      again.doc.getText('title').insert(0, 'J');
      await eventually(async () => expect((await readDoc(own.origin, w)).getText('title').toString()).toBe('JKPending'));
      again.destroy();
    } finally {
      await own.close();
    }
  });
});
