import { describe, expect, it } from 'vitest';
import { roomName } from '../../lib/protocol';
import { createMemoryStore } from '../store/memory-store';
import type { Store } from '../store/types';
import { createWorkshop, eventually, rawClient, startInProcess, syncUrlFor, testConfig, connectProvider, whenSynced } from '../testing/harness';

/** A store whose reads or writes can be made to fail, to check what the server does then. */
function faultyStore() {
  const inner = createMemoryStore();
  const faults = { load: false, append: false };
  const writes: string[] = [];
  const store: Store = {
    ...inner,
    async load(name) {
      if (faults.load) throw new Error('disk unreadable');
      return inner.load(name);
    },
    async append(name, update) {
      if (faults.append) throw new Error('disk full');
      writes.push(name);
      return inner.append(name, update);
    },
    async compact(name, snapshot, through) {
      writes.push(`compact:${name}`);
      return inner.compact(name, snapshot, through);
    },
  };
  return { store, faults, writes, inner };
}

describe('storage failures', () => {
  it('a failed load closes the clients with a retryable code and writes nothing', async () => {
    const { store, faults, writes, inner } = faultyStore();
    const server = await startInProcess(testConfig({ unloadGraceMs: 10 }), store);
    const w = await createWorkshop(server.origin);
    const before = await inner.load(roomName(w.id, 'board'));
    faults.load = true;
    const client = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    expect((await client.closed).code).toBe(4500);
    expect(client.received).toHaveLength(0); // never answered with an empty document
    expect(writes).toEqual([]);
    expect(await inner.load(roomName(w.id, 'board'))).toEqual(before);
    // Once storage works again, the workshop opens with its content.
    faults.load = false;
    const again = connectProvider(server.origin, w, 'participant');
    await whenSynced(again.provider);
    expect(again.doc.getText('title').toString()).toBe('Sales process');
    again.destroy();
    await server.close();
  });

  it('a failed write is not broadcast, and the room reloads from what was stored', async () => {
    const { store, faults } = faultyStore();
    const server = await startInProcess(testConfig(), store);
    const w = await createWorkshop(server.origin);
    const writer = connectProvider(server.origin, w, 'participant');
    const watcher = connectProvider(server.origin, w, 'participant');
    await Promise.all([whenSynced(writer.provider), whenSynced(watcher.provider)]);
    faults.append = true;
    writer.doc.getMap('flags').set('a', 'lost?');
    await eventually(() => expect(server.sync.hasRoom(roomName(w.id, 'board'))).toBe(false));
    expect(watcher.doc.getMap('flags').size).toBe(0);
    // Storage recovers; the writer reconnects and its edit is stored and delivered once.
    faults.append = false;
    await eventually(() => expect(watcher.doc.getMap('flags').toJSON()).toEqual({ a: 'lost?' }), 15_000);
    writer.destroy();
    watcher.destroy();
    await server.close();
  });
});
