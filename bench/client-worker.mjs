// A worker thread hosting many headless sync clients (y-protocols over ws), so that client
// decoding does not run on the thread that sends edits. Each client measures edit latency from
// the send time embedded in the text ("seq:time;"), on the shared high-resolution wall clock.
//
// With `deferDecode`, after the main thread says 'record' each incoming document update is only
// timestamped and kept; it is decoded after the run. Latency is then edit → received at the
// client's socket, and the time a client spends applying updates (200 clients share 2 cores
// with the server here) cannot queue up behind later arrivals and be counted as server latency.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { benchText, observeBenchText } from './bench-text.mjs';

const now = () => performance.timeOrigin + performance.now();
const { urls, expectEdits, writeRate = 0, writeSeconds = 0, deferDecode = false } = workerData;
let recording = false;
/** Set while a recorded message is decoded: its arrival time stands in for "now". */
let arrival = null;
const recorders = [];
const latencies = [];
let ready = 0;
let done = 0;
const sockets = [];
const clientsForWriting = [];

for (const url of urls) {
  const doc = new Y.Doc();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  sockets.push(ws);
  ws.binaryType = 'nodebuffer';
  let received = 0;
  let counted = false;
  // Only what arrived from the server.
  observeBenchText(doc, ws, (delta) => {
    const t = arrival ?? now();
    for (const op of delta) {
      if (typeof op.insert !== 'string') continue;
      for (const token of op.insert.split(';')) {
        const sent = Number(token.split(':')[1]);
        if (sent > 0) {
          latencies.push(t - sent);
          received++;
        }
      }
    }
    if (!counted && received >= expectEdits) {
      counted = true;
      if (++done === urls.length) parentPort.postMessage({ type: 'done', latencies });
    }
  });
  // Optional: every client also types (`writeRate` tokens a second for `writeSeconds`).
  doc.on('update', (update, origin) => {
    if (origin === ws || ws.readyState !== 1) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    ws.send(encoding.toUint8Array(encoder));
  });
  ws.on('open', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
    if (++ready === urls.length) parentPort.postMessage({ type: 'ready' });
  });
  clientsForWriting.push(doc);
  const recorded = [];
  let complete = false;
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
    const bytes = new Uint8Array(data);
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type !== 0) return; // presence and others: not measured
    if (recording && bytes[1] === syncProtocol.messageYjsUpdate) {
      recorded.push([now(), bytes]);
      // One update message per edit from every server measured here (a relay forwards each).
      if (!complete && recorded.length >= expectEdits) {
        complete = true;
        if (++done === urls.length) finish();
      }
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
    if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
  });
  ws.on('error', (error) => parentPort.postMessage({ type: 'error', error: String(error) }));
}

function finish() {
  for (const r of recorders) r.replay();
  parentPort.postMessage({ type: 'done', latencies, partial: done < urls.length });
}

parentPort.on('message', (message) => {
  if (message === 'record' && deferDecode) {
    recording = true;
    done = 0;
    return;
  }
  if (message === 'write' && writeRate > 0) {
    let seq = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > writeSeconds * 1000) return clearInterval(timer);
      for (const doc of clientsForWriting) {
        const text = benchText(doc);
        text.insert(text.length, `${seq}:${now()};`);
      }
      seq++;
    }, 1000 / writeRate);
    return;
  }
  if (message === 'stop') {
    for (const ws of sockets) ws.terminate();
    if (recording) finish();
    else parentPort.postMessage({ type: 'done', latencies, partial: done < urls.length });
  }
});
