import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupLimits, createBackup } from '../../lib/export/backup';
import { generateKeyBetween } from 'fractional-indexing';
import { addStep, listStickies } from '../../lib/doc/process';
import { recordDecision } from '../../lib/doc/sessions';
import { parseLink } from '../../lib/links';
import { ROLES, roomName, type Role } from '../../lib/protocol';
import { hashSecret, newSecret } from '../auth';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/types';
import { startInProcess, testConfig } from '../testing/harness';
import { request } from '../testing/http';

const MiB = 1024 * 1024;
let server: Awaited<ReturnType<typeof startInProcess>>;
let store: Store;
beforeAll(async () => {
  // A small document budget so that a backup at the limit is quick to build.
  const config = testConfig({ maxDocumentBytes: MiB, importPerMinute: 1000 });
  store = openSqliteStore(config.dataDir);
  server = await startInProcess(config, store);
});
afterAll(() => server.close());

function workshopCount(): number {
  const db = new Database(path.join(server.config.dataDir, 'common-ground.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  db.close();
  return n;
}

const postImport = (body: string) => request(server.origin, '/api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const backupOf = (board: Uint8Array, facilitation: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc())) =>
  JSON.stringify({ format: 'common-ground-backup', version: 1, exportedAt: new Date().toISOString(), title: 'x', content: {}, documents: { board: b64(board), facilitation: b64(facilitation) } });

describe('import validates both documents as whole documents', () => {
  it.each([
    [
      'a wrong type under a board root',
      () => {
        const doc = new Y.Doc();
        doc.getMap('metrics').set('zzz', 'not a map');
        return backupOf(Y.encodeStateAsUpdate(doc));
      },
      /board document does not fit the workshop layout/,
    ],
    [
      'an unknown root in the facilitation document',
      () => {
        const doc = new Y.Doc();
        doc.getMap('somethingElse').set('a', 1);
        return backupOf(Y.encodeStateAsUpdate(new Y.Doc()), Y.encodeStateAsUpdate(doc));
      },
      /facilitation document does not fit the workshop layout/,
    ],
    [
      'pending structs (a board that depends on updates it does not contain)',
      () => {
        const doc = new Y.Doc();
        doc.getText('title').insert(0, 'Hello');
        const before = Y.encodeStateVector(doc);
        doc.getText('title').insert(5, ' world');
        return backupOf(Y.encodeStateAsUpdate(doc, before));
      },
      /board document is incomplete/,
    ],
  ])('refuses %s with 400 naming the problem, and creates nothing', async (_name, build, message) => {
    const before = workshopCount();
    const res = await postImport(build());
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(message);
    expect(workshopCount()).toBe(before);
  });
});

/** One item under the root `title` per struct: `clients` clients with `perClient` items each, encoded by hand. */
function bombUpdate(clients: number, perClient: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients);
  for (let c = 0; c < clients; c++) {
    encoding.writeVarUint(encoder, perClient);
    encoding.writeVarUint(encoder, c + 1); // client id
    encoding.writeVarUint(encoder, 0); // first clock
    for (let i = 0; i < perClient; i++) {
      encoding.writeUint8(encoder, 4); // a string item, no origins: parent info follows
      encoding.writeVarUint(encoder, 1); // parent is a root, by name
      encoding.writeVarString(encoder, 'title');
      encoding.writeVarString(encoder, 'x');
    }
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

describe('import bomb', () => {
  it.each([
    ['1,000,000 one-character items from 1,000,000 clients', 1_000_000, 1, /1000000 clients/],
    ['1,000,000 one-character items from one client', 1, 1_000_000, /more than 500000 structs/],
  ])('%s is refused with 413 while the event loop stays responsive', async (_name, clients, perClient, reason) => {
    const bomb = bombUpdate(clients, perClient);
    expect(bomb.length).toBeGreaterThan(9_000_000); // the report's request was 16 MB
    const body = backupOf(bomb);
    // This server keeps documents up to 1 MiB: test the client and struct budgets, not the size.
    const roomy = await startInProcess(testConfig({ maxDocumentBytes: 64 * MiB }));
    try {
      const before = workshopCount();
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const res = await request(roomy.origin, '/api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      delay.disable();
      expect(res.status).toBe(413);
      expect(res.json().error).toMatch(reason);
      expect(delay.max / 1e6, 'longest event-loop stall, ms').toBeLessThan(1000);
      expect(workshopCount()).toBe(before);
    } finally {
      await roomy.close();
    }
  });
});

/**
 * Adds records until the document's encoded state is within 2 KiB below `target`: each batch
 * fills half the remaining gap, at the size per record the last batch measured.
 */
function fillTo(doc: Y.Doc, target: number, addOne: () => void): void {
  let size = Y.encodeStateAsUpdate(doc).length;
  let perRecord = 2048;
  while (size < target - 2048) {
    const batch = Math.max(1, Math.floor((target - 2048 - size) / perRecord / 2));
    const before = size;
    doc.transact(() => {
      for (let i = 0; i < batch; i++) addOne();
    });
    size = Y.encodeStateAsUpdate(doc).length;
    perRecord = Math.max(1, (size - before) / batch);
  }
}

/** A board of plain text (which the backup's readable `content` repeats, escaped), near `limit` bytes. */
function boardNear(limit: number): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('title').insert(0, 'At the limit');
  const stepId = addStep(doc, { title: 'Step' });
  // Quotes, backslashes and control characters take 2 to 6 bytes each in JSON.
  const text = 'Ünïcödé "quoted" back\\slash \u0001\u0002 tab\t '.repeat(20).slice(0, 480);
  let n = 0;
  let order: string | null = null;
  // What addSticky writes, without its search for the step's last note (quadratic over 1,500 notes).
  fillTo(doc, limit, () => {
    const sticky = new Y.Map<unknown>();
    doc.getMap('stickies').set(`sticky${n}`, sticky);
    sticky.set('stepId', stepId);
    sticky.set('kind', 'idea');
    sticky.set('authorId', `author${n}`);
    sticky.set('authorName', 'Name "N"');
    sticky.set('order', (order = generateKeyBetween(order, null)));
    const body = new Y.Text();
    sticky.set('text', body);
    body.insert(0, `${n++} ${text}`);
  });
  expect(listStickies(doc)).toHaveLength(n);
  return doc;
}

function facilitationNear(limit: number): Y.Doc {
  const doc = new Y.Doc();
  const counts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`level${i}`, i]));
  let n = 0;
  fillTo(doc, limit, () => recordDecision(doc, `step:${(n++).toString(36).padStart(8, '0')}`, n, counts));
  return doc;
}

describe('backups round-trip at the size limit', () => {
  it('a workshop whose two documents are each just under MAX_DOCUMENT_BYTES exports and imports back identical', async () => {
    const board = boardNear(MiB);
    const facilitation = facilitationNear(MiB);
    const boardUpdate = Y.encodeStateAsUpdate(board);
    const facilitationUpdate = Y.encodeStateAsUpdate(facilitation);
    expect(boardUpdate.length).toBeGreaterThan(MiB - 8192);
    expect(boardUpdate.length).toBeLessThanOrEqual(MiB);
    expect(facilitationUpdate.length).toBeGreaterThan(MiB - 8192);
    expect(facilitationUpdate.length).toBeLessThanOrEqual(MiB);

    // Stored as the server stores a workshop (the sync server enforces the budget on writes).
    const id = 'LimitTest001';
    const secrets = Object.fromEntries(ROLES.map((role) => [role, newSecret()])) as Record<Role, string>;
    await store.createWorkshop(
      { id, createdAt: Date.now(), template: 'blank', secretHashes: Object.fromEntries(ROLES.map((r) => [r, hashSecret(secrets[r])])) as Record<Role, string> },
      [
        { docName: roomName(id, 'board'), update: boardUpdate },
        { docName: roomName(id, 'facilitation'), update: facilitationUpdate },
      ],
    );
    const exported = await request(server.origin, `/api/workshops/${id}/export/backup.json`, { headers: { authorization: `Bearer ${secrets.facilitator}` } });
    expect(exported.status).toBe(200);
    // Bigger than what the import keeps in memory (two base64 documents): the readable content
    // repeats the stickies' text, escaped, and is skipped while reading.
    expect(exported.text.length).toBeGreaterThan(backupLimits(MiB).kept);

    const imported = await postImport(exported.text);
    expect(imported.status).toBe(201);
    const copy = imported.json() as { id: string; links: Record<Role, string> };
    const [copyBoard, copyFacilitation] = await Promise.all([server.sync.readDocument(roomName(copy.id, 'board')), server.sync.readDocument(roomName(copy.id, 'facilitation'))]);
    for (const [original, restored] of [
      [board, copyBoard],
      [facilitation, copyFacilitation],
    ] as const) {
      expect(Y.encodeStateVector(restored)).toEqual(Y.encodeStateVector(original));
      expect(Y.equalSnapshots(Y.snapshot(restored), Y.snapshot(original))).toBe(true);
      expect(restored.getMap('stickies').toJSON()).toEqual(original.getMap('stickies').toJSON());
      expect(restored.getMap('decisions').toJSON()).toEqual(original.getMap('decisions').toJSON());
    }
    // And the copy's own backup holds the same documents.
    const again = await request(server.origin, `/api/workshops/${copy.id}/export/backup.json`, {
      headers: { authorization: `Bearer ${parseLink(copy.links.facilitator)!.secret}` },
    });
    const documentsOf = (text: string) => (JSON.parse(text) as ReturnType<typeof createBackup>).documents;
    expect(documentsOf(again.text)).toEqual(documentsOf(exported.text));
  }, 120_000); // building, exporting and validating 2 MiB of documents takes seconds on a loaded 2-core machine

  it('refuses a document over MAX_DOCUMENT_BYTES with 413, creating nothing', async () => {
    const before = workshopCount();
    const big = boardNear(MiB + 16 * 1024);
    expect(Y.encodeStateAsUpdate(big).length).toBeGreaterThan(MiB);
    const res = await postImport(backupOf(Y.encodeStateAsUpdate(big)));
    expect(res.status).toBe(413);
    expect(res.json().error).toMatch(/board document .* larger than this server keeps|board document is \d+ bytes/);
    expect(workshopCount()).toBe(before);
  });
});
