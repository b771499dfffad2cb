// The bench clients' one concession to Hocuspocus: a thin adapter, not its provider.
//
// Hocuspocus (3.x) multiplexes documents over one socket, so every frame it sends or accepts
// starts with the document's name (a lib0 varString), and a document's first frame from the
// client must be an authentication message. Everything after the name is the y-websocket
// framing the other servers speak (0 = sync, 1 = awareness), plus a few types of its own:
// 4 = a sync reply (the same y-protocols sync message), 2 = authenticated, 8 = "saved" status.
// The bench clients stay plain y-protocols clients for every server, so that a receiver does
// the same work whichever server it measures; for Hocuspocus each outgoing frame gets the name
// prepended (one varString, a few bytes) and each incoming frame has it read off. That is the
// only per-message difference on the client side, and it costs the same for every edit.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** `?protocol=hocuspocus` on a bench URL: the server is Hocuspocus (it ignores the query). */
export function wireOf(url) {
  const u = new URL(url);
  if (u.searchParams.get('protocol') !== 'hocuspocus') return { hocuspocus: false, docName: '' };
  return { hocuspocus: true, docName: decodeURIComponent(u.pathname.slice(1)) };
}

/**
 * A frame to send: `message` (a y-websocket frame: type, payload) as the server expects it.
 * @param {{ hocuspocus: boolean, docName: string }} wire @param {Uint8Array} message
 */
export function outgoing(wire, message) {
  if (!wire.hocuspocus) return message;
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, wire.docName);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

/**
 * A received frame as a y-websocket frame (type first), or null for frames of Hocuspocus's own
 * that a y-websocket client has no use for (authenticated, saved status, stateless).
 * @param {{ hocuspocus: boolean, docName: string }} wire @param {Uint8Array} bytes
 */
export function incoming(wire, bytes) {
  if (!wire.hocuspocus) return bytes;
  const decoder = decoding.createDecoder(bytes);
  decoding.readVarString(decoder);
  const rest = bytes.subarray(decoder.pos);
  if (rest[0] === 4) {
    // A sync reply: the same sync message under another type (so that it is not answered with
    // another step 1); the y-protocols client never answers a step 2 anyway.
    const copy = new Uint8Array(rest);
    copy[0] = 0;
    return copy;
  }
  return rest[0] === 0 || rest[0] === 1 ? rest : null;
}

/**
 * What a client sends first on a new socket: for Hocuspocus the authentication frame (no
 * token: the bench server has no onAuthenticate hook), which must precede the sync step 1.
 * @param {{ hocuspocus: boolean, docName: string }} wire @returns {Uint8Array[]}
 */
export function hello(wire) {
  if (!wire.hocuspocus) return [];
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, wire.docName);
  encoding.writeVarUint(encoder, 2); // auth
  encoding.writeVarUint(encoder, 0); // its "token" sub-message
  encoding.writeVarString(encoder, '');
  return [encoding.toUint8Array(encoder)];
}
