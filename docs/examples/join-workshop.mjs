#!/usr/bin/env node
// Joins a Common Ground workshop from a link with the stock y-websocket WebsocketProvider,
// prints the workshop title and, if a second argument is given, sets the title to it and
// waits until the server has stored the change.
//
//   node docs/examples/join-workshop.mjs 'http://localhost:3000/w/AbCdEfGhIjKl#k=SECRET' ['New title']
//
// What it sends where:
//   link  http://HOST/w/<id>[/facilitate|/projector]#k=<secret>
//   →     WebsocketProvider('ws://HOST/sync', '<id>/board', doc,
//                           { params: { role: 'participant'|'facilitator'|'projector', key: '<secret>' } })
//   i.e.  ws://HOST/sync/<id>/board?role=participant&key=<secret>
// (after POST /api/workshops/<id>/access {role, key} to tell a bad link from a network error)
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const [link, newTitle] = process.argv.slice(2);
if (!link) {
  console.error('usage: join-workshop.mjs <workshop link> [new title]');
  process.exit(2);
}
const url = new URL(link);
const match = /^\/w\/([A-Za-z0-9_-]{12})(\/facilitate|\/projector)?$/.exec(url.pathname);
const key = new URLSearchParams(url.hash.slice(1)).get('k');
if (!match || !key) {
  console.error('not a Common Ground workshop link');
  process.exit(2);
}
const [, workshopId, suffix] = match;
const role = suffix === '/facilitate' ? 'facilitator' : suffix === '/projector' ? 'projector' : 'participant';
const serverUrl = `${url.origin.replace(/^http/, 'ws')}/sync`;

// A refused websocket upgrade is retried by the provider forever; check the link first.
const access = await fetch(`${url.origin}/api/workshops/${workshopId}/access`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ role, key }),
});
if (!access.ok) {
  const { error } = await access.json().catch(() => ({ error: access.statusText }));
  console.error(`link refused (${access.status}): ${error}`);
  process.exit(1);
}

const doc = new Y.Doc();
const provider = new WebsocketProvider(serverUrl, `${workshopId}/board`, doc, {
  params: { role, key },
  WebSocketPolyfill: WebSocket,
  disableBc: true,
});
provider.on('closed', ({ code, reason }) => {
  console.error(`refused by the server: ${code} ${reason}`);
  process.exit(1);
});
provider.on('connection-error', () => {
  console.error('could not connect (is the link valid and the server running?)');
});

// Optional extension of the protocol: [100, n] is answered with [100, n] once everything
// sent before it on this socket is stored.
const SAVE_CHECK = 100;
function whenStored() {
  return new Promise((resolve) => {
    provider.messageHandlers[SAVE_CHECK] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      resolve();
    };
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SAVE_CHECK);
    encoding.writeVarUint(encoder, 1);
    provider.ws.send(encoding.toUint8Array(encoder));
  });
}

provider.once('sync', async () => {
  const title = doc.getText('title');
  console.log(`title: ${title.toString()}`);
  if (newTitle !== undefined && role !== 'projector') {
    doc.transact(() => {
      title.delete(0, title.length);
      title.insert(0, newTitle);
    });
    await whenStored();
    console.log(`set title: ${title.toString()}`);
  }
  provider.destroy();
  process.exit(0);
});
setTimeout(() => {
  console.error('timed out');
  process.exit(1);
}, 15_000).unref();
