import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { SharedMessage, payloadOf } from './shared-message';
import { directWriter, wsSocket } from './ws-socket';

// ws's own framing, to compare ours with
// (ws exports its Sender class; its type declarations do not say so).
const Sender = (wsModule as unknown as { Sender: { frame: (data: Buffer, options: object) => Buffer[] } }).Sender;
const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);

describe('SharedMessage', () => {
  it.each([0, 1, 125, 126, 200, 65535, 65536, 70_000])('frames %i bytes exactly as ws frames a binary message', (length) => {
    const payload = bytes(length);
    const theirs = Buffer.concat(
      Sender.frame(Buffer.from(payload), { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: false }),
    );
    const message = new SharedMessage(payload);
    expect(message.framed().equals(theirs)).toBe(true);
    expect(message.framed()).toBe(message.framed()); // built once
    expect(payloadOf(message)).toBe(payload);
  });
});

describe('a broadcast through ws', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  async function pair() {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    cleanup.push(() => wss.close());
    await once(wss, 'listening');
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    cleanup.push(() => client.terminate());
    const [serverSide] = await accepted;
    await once(client, 'open');
    return { client, serverSide };
  }

  it('writes the shared frame beneath ws, and every message arrives whole and in order', async () => {
    const { client, serverSide } = await pair();
    // The fast path is really taken on an idle socket (fails if ws's internals change shape).
    expect(directWriter(serverSide)).not.toBeNull();
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    const socket = wsSocket(serverSide);
    const sent = [bytes(3), bytes(126), bytes(70_000), bytes(10), bytes(65_536)];
    socket.send(new SharedMessage(sent[0]!));
    socket.send(sent[1]!); // an ordinary send in between keeps its place
    socket.send(new SharedMessage(sent[2]!));
    let confirmed = false;
    socket.send(new SharedMessage(sent[3]!), () => (confirmed = true));
    socket.send(new SharedMessage(sent[4]!));
    await expect.poll(() => received.length).toBe(sent.length);
    expect(received.map((r) => Buffer.compare(r, Buffer.from(sent[received.indexOf(r)]!)))).toEqual([0, 0, 0, 0, 0]);
    expect(confirmed).toBe(true);
  });

  it('sends nothing once closing', async () => {
    const { client, serverSide } = await pair();
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    const socket = wsSocket(serverSide);
    socket.close(1000, 'bye');
    socket.send(new SharedMessage(bytes(5)));
    await once(client, 'close');
    expect(received).toEqual([]);
  });
});
