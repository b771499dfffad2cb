// A worker thread hosting many headless sync clients (y-protocols over ws), so that client
// decoding does not run on the thread that sends edits. Each client measures edit latency from
// the send time embedded in the text ("seq:time;"), on the shared high-resolution wall clock.
//
// By default every client decodes each update as it arrives (applies it to its Y.Doc and reads
// the text delta), as a real client does; latency is edit → decoded. With `deferDecode`, after
// the main thread says 'record', each incoming update is only timestamped and kept, and decoded
// after the run (latency then is edit → received at the client's socket).
//
// Anything that would make the figures wrong is reported, not skipped: a socket the server
// closes or that errors during the run, and (at 'stop') clients that did not get every edit.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { benchText, observeBenchText } from './bench-text.mjs';
import { hello, incoming, outgoing, wireOf } from './wire.mjs';

const now = () => performance.timeOrigin + performance.now();
const { urls, roots, writeRoots = [], expectEdits, writeRate = 0, writeSeconds = 0, deferDecode = false } = workerData;
let recording = false;
let stopping = false;
/** Set while a recorded message is decoded: its arrival time stands in for "now". */
let arrival = null;
const recorders = [];
const latencies = [];
let ready = 0;
let done = 0;
let finished = false;
const sockets = [];
const clients = [];

const fail = (error) => parentPort.postMessage({ type: 'error', error });

urls.forEach((url, index) => {
  const wire = wireOf(url);
  const doc = new Y.Doc();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const send = (message) => ws.send(outgoing(wire, message));
  sockets.push(ws);
  ws.binaryType = 'nodebuffer';
  const client = { doc, received: 0, complete: false };
  clients.push(client);
  // Only what arrived from the server.
  observeBenchText(doc, ws, roots, (delta) => {
    const t = arrival ?? now();
    for (const op of delta) {
      if (typeof op.insert !== 'string') continue;
      for (const token of op.insert.split(';')) {
        const sent = Number(token.split(':')[1]);
        if (sent > 0) {
          latencies.push(t - sent);
          client.received++;
        }
      }
    }
    if (!client.complete && client.received >= expectEdits) {
      client.complete = true;
      if (!deferDecode && ++done === urls.length) finish();
    }
  });
  // Optional: every client also types (`writeRate` tokens a second for `writeSeconds`).
  doc.on('update', (update, origin) => {
    if (origin === ws || ws.readyState !== 1) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    send(encoding.toUint8Array(encoder));
  });
  ws.on('open', () => {
    for (const frame of hello(wire)) ws.send(frame);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, doc);
    send(encoding.toUint8Array(encoder));
    if (++ready === urls.length) parentPort.postMessage({ type: 'ready' });
  });
  client.write = (seq) => {
    const text = benchText(doc, writeRoots[index]);
    text.insert(text.length, `${seq}:${now()};`);
  };
  const recorded = [];
  let recordedUpdates = 0;
  recorders.push({
    // Decodes what was recorded, in arrival order, each at its own arrival time.
    replay() {
      for (const [t, data] of recorded) {
        arrival = t;
        const decoder = decoding.createDecoder(data);
        decoding.readVarUint(decoder);
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, ws);
      }
      arrival = null;
      recorded.length = 0;
    },
  });
  ws.on('message', (data) => {
    const bytes = incoming(wire, new Uint8Array(data));
    if (!bytes) return;
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type !== 0) return; // presence and others: not measured
    if (recording && bytes[1] === syncProtocol.messageYjsUpdate) {
      recorded.push([now(), bytes]);
      // One update message per edit from every server measured here (a relay forwards each).
      if (++recordedUpdates === expectEdits && ++done === urls.length) finish();
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
    if (encoding.length(encoder) > 1) send(encoding.toUint8Array(encoder));
  });
  ws.on('close', (code, reason) => {
    if (!stopping) fail(`a receiver's socket was closed during the run: ${code} ${reason}`);
  });
  ws.on('error', (error) => fail(`a receiver's socket failed: ${String(error)}`));
});

function finish() {
  if (finished) return;
  finished = true;
  for (const r of recorders) r.replay();
  // Counted after decoding: a client that got fewer edits than expected is reported as missing.
  const missing = clients.reduce((n, c) => n + Math.max(0, expectEdits - c.received), 0);
  parentPort.postMessage({ type: 'done', latencies, missing });
}

parentPort.on('message', (message) => {
  if (message === 'record') {
    recording = deferDecode;
    return;
  }
  if (message === 'write' && writeRate > 0) {
    // Exactly writeRate × writeSeconds edits (counted, not timed: a late timer must not drop one).
    let seq = 0;
    const timer = setInterval(() => {
      if (seq >= writeRate * writeSeconds) return clearInterval(timer);
      for (const client of clients) client.write(seq);
      seq++;
    }, 1000 / writeRate);
    return;
  }
  if (message === 'stop') {
    stopping = true;
    for (const ws of sockets) ws.terminate();
    finish();
  }
});
