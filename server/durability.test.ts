import { afterEach, describe, expect, it } from 'vitest';
import { listTerms } from '../lib/doc/glossary';
import { listMetrics } from '../lib/doc/metrics';
import { listSteps } from '../lib/doc/process';
import { getTitle } from '../lib/doc/workshop';
import {
  type ChildServer,
  connectProvider,
  createWorkshop,
  eventually,
  killChild,
  rawClient,
  readDoc,
  startChild,
  syncUrlFor,
  tempDataDir,
  upgradeStatus,
  whenSynced,
} from './testing/harness';
import { appendToken, sharedText, tokensOf } from './testing/valid-data';

/** The numbers typed into the shared text `log`, in document order (duplicates would show). */
const numbers = (doc: import('yjs').Doc) => tokensOf(doc, 'log').map(Number);

/** Durability against a real server process that is killed without warning. */
const running: ChildServer[] = [];
async function start(dataDir: string, port = 0) {
  const child = await startChild(dataDir, port);
  running.push(child);
  return child;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => killChild(c)));
});

describe('logs', () => {
  it('never contain link secrets, whatever the clients do', async () => {
    const server = await start(tempDataDir());
    const w = await createWorkshop(server.origin);
    const client = connectProvider(server.origin, w, 'participant');
    await whenSynced(client.provider);
    const bad = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    bad.ws.send(new Uint8Array([42])); // logged: a bad message
    await bad.closed;
    await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'facilitator', w.secrets.participant)); // refused
    await killChild(server, 'SIGTERM'); // logged: shutdown
    client.destroy();
    expect(server.output()).toContain('closing socket after bad message');
    for (const secret of Object.values(w.secrets)) expect(server.output()).not.toContain(secret);
  });
});

describe('durability', () => {
  it('kill -9 after N edits that another client saw: all N are there after restart, exactly once', async () => {
    const dataDir = tempDataDir();
    let server = await start(dataDir);
    const w = await createWorkshop(server.origin);
    const writer = connectProvider(server.origin, w, 'participant');
    const watcher = connectProvider(server.origin, w, 'participant');
    await Promise.all([whenSynced(writer.provider), whenSynced(watcher.provider)]);
    const N = 200;
    sharedText(writer.doc, 'log');
    for (let i = 0; i < N; i++) appendToken(writer.doc, 'log', i);
    await eventually(() => expect(numbers(watcher.doc)).toHaveLength(N));
    await killChild(server, 'SIGKILL');
    writer.destroy();
    watcher.destroy();

    server = await start(dataDir);
    const fresh = await readDoc(server.origin, w);
    expect(numbers(fresh)).toEqual([...Array(N).keys()]);
    expect(getTitle(fresh)).toBe('Sales process');
  });

  it('five restarts in a row (kill -9 and SIGTERM alternating) never duplicate content', async () => {
    const dataDir = tempDataDir();
    let server = await start(dataDir);
    const w = await createWorkshop(server.origin, 'Onboarding');
    for (let round = 0; round < 5; round++) {
      const client = connectProvider(server.origin, w, 'participant');
      await whenSynced(client.provider);
      expect(getTitle(client.doc)).toBe('Onboarding');
      expect(numbers(client.doc)).toEqual([...Array(round).keys()]);
      appendToken(client.doc, 'log', round);
      const watcher = connectProvider(server.origin, w, 'participant');
      await eventually(() => expect(numbers(watcher.doc)).toHaveLength(round + 1));
      await killChild(server, round % 2 === 0 ? 'SIGKILL' : 'SIGTERM');
      client.destroy();
      watcher.destroy();
      server = await start(dataDir);
    }
    const fresh = await readDoc(server.origin, w);
    expect(numbers(fresh)).toEqual([0, 1, 2, 3, 4]);
    expect(getTitle(fresh)).toBe('Onboarding');
  }, 90_000); // six server processes start one after another: slow on a loaded machine, not wrong

  it('a template seeded at creation exists exactly once after five restarts with reconnecting clients', async () => {
    const dataDir = tempDataDir();
    let server = await start(dataDir);
    const w = await createWorkshop(server.origin, 'Sales', 'b2b-sales');
    const expected = { steps: 7, terms: 17, metrics: 5 };
    const count = (doc: import('yjs').Doc) => ({ steps: listSteps(doc).length, terms: listTerms(doc).length, metrics: listMetrics(doc).length });
    for (let round = 0; round < 5; round++) {
      const client = connectProvider(server.origin, w, 'participant');
      await whenSynced(client.provider);
      expect(count(client.doc)).toEqual(expected);
      await killChild(server, round % 2 === 0 ? 'SIGKILL' : 'SIGTERM');
      client.destroy();
      server = await start(dataDir);
    }
    expect(count(await readDoc(server.origin, w))).toEqual(expected);
  }, 90_000); // six server processes start one after another: slow on a loaded machine, not wrong

  it('a client that kept its edits while the server restarted sends them again, once', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const w = await createWorkshop(first.origin);
    const client = connectProvider(first.origin, w, 'participant');
    await whenSynced(client.provider);
    appendToken(client.doc, 'log', 'before');
    await eventually(async () => expect(tokensOf(await readDoc(first.origin, w), 'log')).toHaveLength(1));
    await killChild(first, 'SIGKILL');
    // Offline edit, then the server comes back on the same port and the client reconnects.
    appendToken(client.doc, 'log', 'while down');
    const second = await start(dataDir, first.port);
    await eventually(async () =>
      expect(tokensOf(await readDoc(second.origin, w), 'log')).toEqual(['before', 'while down']),
    20_000);
    client.destroy();
  });
});
