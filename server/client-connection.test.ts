import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { getTitle, setTitle } from '../lib/doc/workshop';
import type { ParticipantId } from '../lib/presence';
import { WorkshopConnection } from '../lib/sync/workshop-connection';
import { type ChildServer, createWorkshop, eventually, killChild, readDoc, startChild, tempDataDir } from './testing/harness';

/** The browser's connection object, driven in Node against a real server process. */
const cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

function open(origin: string, workshop: Awaited<ReturnType<typeof createWorkshop>>, role: 'participant' | 'projector' = 'participant') {
  const connection = new WorkshopConnection({
    origin,
    workshopId: workshop.id,
    role,
    secret: workshop.secrets[role],
    identity: { id: 'abcdef012345' as ParticipantId, name: 'Ana', team: 'East' },
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  cleanup.push(() => connection.destroy());
  return connection;
}

describe('WorkshopConnection', () => {
  it('goes connecting → live, shows saved only once the server stored the edit, and survives a restart', async () => {
    const dataDir = tempDataDir();
    const server: ChildServer = await startChild(dataDir);
    cleanup.push(() => killChild(server));
    const w = await createWorkshop(server.origin, 'Title');
    const connection = open(server.origin, w);
    expect(connection.getSnapshot().network).toBe('connecting');
    await eventually(() => expect(connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }));
    expect(getTitle(connection.board)).toBe('Title');

    setTitle(connection.board, 'Title A');
    expect(connection.getSnapshot().save).toBe('saving');
    await eventually(() => expect(connection.getSnapshot().save).toBe('saved'));
    expect(getTitle(await readDoc(server.origin, w))).toBe('Title A');

    await killChild(server, 'SIGKILL');
    await eventually(() => expect(connection.getSnapshot().network).toBe('reconnecting'));
    setTitle(connection.board, 'Title AB');
    // 'reconnecting' shows as soon as either document's socket has closed; the board's own close
    // event can come a moment later (seen under load), and until then the edit reads "saving".
    // It must end up "unsaved" and never "saved" while the server is down.
    expect(connection.getSnapshot().save).not.toBe('saved');
    await eventually(() => expect(connection.getSnapshot().save).toBe('unsaved'));

    const again = await startChild(dataDir, server.port);
    cleanup.push(() => killChild(again));
    await eventually(() => expect(connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }), 20_000);
    expect(getTitle(await readDoc(again.origin, w))).toBe('Title AB');
  });

  it('spreads reconnects after a restart over time (jitter) instead of all at once', async () => {
    const dataDir = tempDataDir();
    const server = await startChild(dataDir);
    cleanup.push(() => killChild(server));
    const w = await createWorkshop(server.origin);
    const connections = Array.from({ length: 12 }, () => open(server.origin, w));
    await eventually(() => connections.forEach((c) => expect(c.getSnapshot()).toMatchObject({ network: 'live', deniedReason: null })));
    await killChild(server, 'SIGKILL');
    await eventually(() => connections.forEach((c) => expect(c.getSnapshot().network).toBe('reconnecting')));
    const again = await startChild(dataDir, server.port);
    cleanup.push(() => killChild(again));
    const liveAt = new Map<WorkshopConnection, number>();
    await eventually(() => {
      for (const c of connections) if (!liveAt.has(c) && c.getSnapshot().network === 'live') liveAt.set(c, Date.now());
      expect(liveAt.size).toBe(connections.length);
    }, 30_000);
    const times = [...liveAt.values()];
    // Without jitter all twelve come back within a few milliseconds of each other.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(50);
  });

  it('reports denied when the server refuses the link for good', async () => {
    const server = await startChild(tempDataDir());
    cleanup.push(() => killChild(server));
    const w = await createWorkshop(server.origin);
    const connection = new WorkshopConnection({
      origin: server.origin,
      workshopId: w.id,
      role: 'participant',
      secret: w.secrets.participant,
      identity: null,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    cleanup.push(() => connection.destroy());
    await eventually(() => expect(connection.getSnapshot().network).toBe('live'));
    // A client that breaks the protocol is closed with 4400 and must not retry.
    connection.board.getText('title'); // keep the doc alive
    (connection as unknown as { channels: Array<{ provider: { ws: WebSocket } }> }).channels[0]!.provider.ws.send(
      new Uint8Array([42]),
    );
    await eventually(() => expect(connection.getSnapshot().network).toBe('denied'));
  });

  it('an edit typed the instant the socket reopens waits for the sync exchange: no resync refusal, nothing lost', async () => {
    const dataDir = tempDataDir();
    const server = await startChild(dataDir);
    cleanup.push(() => killChild(server));
    const w = await createWorkshop(server.origin, 'Title');
    // A socket that lets the test type right after the provider's own open handler (which sends
    // sync step 1), before the server's step 1 can arrive; and records how each socket closed.
    const closes: number[] = [];
    let onBoardOpen: (() => void) | null = null;
    class ObservedSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', (event) => closes.push(event.code));
        if (url.includes('/board')) this.addEventListener('open', () => queueMicrotask(() => onBoardOpen?.()));
      }
    }
    const connection = new WorkshopConnection({
      origin: server.origin,
      workshopId: w.id,
      role: 'participant',
      secret: w.secrets.participant,
      identity: { id: 'abcdef012345' as ParticipantId, name: 'Ana', team: 'East' },
      WebSocketImpl: ObservedSocket as unknown as typeof globalThis.WebSocket,
    });
    cleanup.push(() => connection.destroy());
    await eventually(() => expect(connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }));

    await killChild(server, 'SIGKILL');
    await eventually(() => expect(connection.getSnapshot().network).toBe('reconnecting'));
    setTitle(connection.board, 'Typed offline');
    onBoardOpen = () => {
      onBoardOpen = null;
      // Depends on the offline edit, which the restarted server does not have yet.
      setTitle(connection.board, 'Typed as the socket opened');
    };
    const again = await startChild(dataDir, server.port);
    cleanup.push(() => killChild(again));
    await eventually(() => expect(connection.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }), 20_000);
    expect(onBoardOpen, 'the board socket reopened').toBeNull();
    expect(getTitle(await readDoc(again.origin, w))).toBe('Typed as the socket opened');
    // 1006: attempts while the server was down. 4000: the server refused an edit as "resync needed".
    expect(closes, 'close codes').not.toContain(4000);
  });

  it('applies the server’s content without encoding it again, and still sends an edit an observer makes meanwhile', async () => {
    const server = await startChild(tempDataDir());
    cleanup.push(() => killChild(server));
    const w = await createWorkshop(server.origin, 'Title');
    const writer = open(server.origin, w);
    const reader = open(server.origin, w);
    await eventually(() => expect(writer.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }));
    await eventually(() => expect(reader.getSnapshot()).toMatchObject({ network: 'live', save: 'saved' }));

    // While the writer's edit is applied on the reader, nobody listens for 'update' there, so
    // Yjs does not encode it again (it encodes only when someone listens).
    const listening: boolean[] = [];
    const probe = () => listening.push((reader.board as unknown as { _observers: Map<string, unknown> })._observers.has('update'));
    reader.board.on('afterTransaction', probe);
    setTitle(writer.board, 'From the writer');
    await eventually(() => expect(getTitle(reader.board)).toBe('From the writer'));
    reader.board.off('afterTransaction', probe);
    expect(listening.length).toBeGreaterThan(0);
    expect(listening.every((x) => !x), 'an update listener while the server content was applied').toBe(true);

    // An observer on the reader that answers the remote title with an edit of its own, in a
    // transaction of its own: that edit must reach the server like any other.
    const answer = () => {
      if (getTitle(reader.board) === 'Second') setTitle(reader.board, 'Second, answered');
    };
    reader.board.on('afterTransaction', answer);
    setTitle(writer.board, 'Second');
    await eventually(() => expect(getTitle(writer.board)).toBe('Second, answered'));
    reader.board.off('afterTransaction', answer);
    await eventually(() => expect(reader.getSnapshot().save).toBe('saved'));
    expect(getTitle(await readDoc(server.origin, w))).toBe('Second, answered');
  });
});
