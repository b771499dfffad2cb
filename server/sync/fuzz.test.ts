import fs from 'node:fs';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { seededRandom } from '../../lib/testing/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectProvider, createWorkshop, readDoc, startInProcess, syncUrlFor, testConfig, whenSynced } from '../testing/harness';

/**
 * Seeded fuzzing of the sync endpoint: thousands of malformed frames (random bytes, truncated
 * varints, lengths past the frame, unknown types, empty and garbage-filled updates, mutated
 * valid updates). The server must close only the offending sockets, keep serving the room and
 * keep what was stored. Frames that ever broke something are kept in fuzz-corpus/ and replayed.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const corpusDir = path.join(import.meta.dirname, 'fuzz-corpus');


/** An update that fits the board's schema (so that flipped bytes reach Yjs's apply path, not only the validator). */
function validUpdate(random: () => number): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  doc.getXmlFragment('step:fuzz').insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('x'.repeat(1 + Math.floor(random() * 20)))]);
  doc.getMap('flags').set('k', String(random()).slice(0, 20));
  return Y.encodeStateAsUpdate(doc);
}

function frame(random: () => number): Uint8Array {
  const kind = Math.floor(random() * 8);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const enc = encoding.createEncoder();
  switch (kind) {
    case 0:
      return bytes(1 + Math.floor(random() * 64));
    case 1: // truncated varint
      return Uint8Array.from([0x80 | Math.floor(random() * 128), 0x80, 0x80]);
    case 2: // length past the end of the frame
      encoding.writeVarUint(enc, 0);
      encoding.writeVarUint(enc, 2);
      encoding.writeVarUint(enc, 1000 + Math.floor(random() * 1e6));
      encoding.writeUint8Array(enc, bytes(5));
      return encoding.toUint8Array(enc);
    case 3: // unknown message types
      encoding.writeVarUint(enc, 4 + Math.floor(random() * 90));
      return encoding.toUint8Array(enc);
    case 4: // empty update
      encoding.writeVarUint(enc, 0);
      encoding.writeVarUint(enc, 2);
      encoding.writeVarUint8Array(enc, new Uint8Array(0));
      return encoding.toUint8Array(enc);
    case 5: // update with garbage inside
      encoding.writeVarUint(enc, 0);
      encoding.writeVarUint(enc, 2);
      encoding.writeVarUint8Array(enc, bytes(3 + Math.floor(random() * 40)));
      return encoding.toUint8Array(enc);
    case 6: {
      // a valid update with flipped bytes
      const update = validUpdate(random);
      for (let i = 0; i < 3; i++) update[Math.floor(random() * update.length)] = Math.floor(random() * 256);
      encoding.writeVarUint(enc, 0);
      encoding.writeVarUint(enc, random() < 0.5 ? 1 : 2);
      encoding.writeVarUint8Array(enc, update);
      return encoding.toUint8Array(enc);
    }
    default: // awareness with garbage
      encoding.writeVarUint(enc, 1);
      encoding.writeVarUint8Array(enc, bytes(2 + Math.floor(random() * 30)));
      return encoding.toUint8Array(enc);
  }
}

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig({ maxMessagesPerSecond: 100_000, maxBytesPerSecond: 100_000_000 }));
});
afterAll(() => server.close());

async function blast(url: string, frames: Uint8Array[]): Promise<void> {
  // A few frames per socket: most sockets are closed after their first bad frame.
  for (let i = 0; i < frames.length; i += 4) {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve) => {
      ws.on('open', () => {
        for (const f of frames.slice(i, i + 4)) ws.send(f);
        ws.close();
      });
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
    });
  }
}

describe('fuzzing the sync endpoint', () => {
  it(`survives ${FRAMES} seeded malformed frames (seed ${SEED}) and the corpus`, async () => {
    const w = await createWorkshop(server.origin, 'Fuzzed');
    const good = connectProvider(server.origin, w, 'participant');
    await whenSynced(good.provider);
    good.doc.getText('title').insert(0, 'Stored ');
    await expect.poll(async () => (await readDoc(server.origin, w)).getText('title').toString()).toBe('Stored Fuzzed');

    const random = seededRandom(SEED);
    const corpus = fs.existsSync(corpusDir) ? fs.readdirSync(corpusDir).map((f) => new Uint8Array(fs.readFileSync(path.join(corpusDir, f)))) : [];
    const frames = [...corpus, ...Array.from({ length: FRAMES }, () => frame(random))];
    try {
      await blast(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant), frames);
    } catch (error) {
      console.error(`fuzzing failed with seed ${SEED}; save the offending frame into server/sync/fuzz-corpus/`);
      throw error;
    }
    // The room still works for the well-behaved client, and what was stored is intact.
    expect(good.provider.wsconnected).toBe(true);
    good.doc.getText('title').insert(0, 'Still ');
    await expect.poll(async () => (await readDoc(server.origin, w)).getText('title').toString()).toBe('Still Stored Fuzzed');
    const health = await (await fetch(`${server.origin}/api/health`)).json();
    expect(health).toMatchObject({ ok: true });
    good.destroy();
  }, 120_000);
});
