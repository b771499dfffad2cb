import type { Socket } from 'node:net';
import type WebSocket from 'ws';
import { CloseCode } from '../../lib/protocol';
import { SharedMessage } from './shared-message';
import type { ClientSocket } from './socket';

/** How long a peer may take to answer our close frame before the socket is dropped. */
const CLOSE_HANDSHAKE_MS = 5_000;

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The parts of `ws` 8's internals a shared frame is written beneath (see `directWriter`). */
type WsInternals = { _socket?: Socket; _sender?: { _state?: number; _queue?: unknown[] } };
/** `Sender`'s state when it is not compressing or reading a Blob: it writes each frame at once. */
const SENDER_IDLE = 0;

/**
 * The TCP socket under `ws`, when writing a complete frame to it is exactly what `ws.send`
 * would do now: the sender is idle with nothing queued (permessage-deflate is off, so it only
 * queues while reading a Blob, which we never send) and the socket is writable. Otherwise null,
 * and the message goes through `ws.send`. Frames written here count in `ws.bufferedAmount` (it
 * reads the TCP socket's own buffer), so the output bound still sees them.
 */
export function directWriter(ws: WebSocket): Socket | null {
  const { _socket: tcp, _sender: sender } = ws as unknown as WsInternals;
  if (!tcp || !sender || sender._state !== SENDER_IDLE || (sender._queue?.length ?? 1) !== 0 || !tcp.writable) return null;
  return tcp;
}

/** Adapts a `ws` socket to the transport interface the sync code uses. */
export function wsSocket(ws: WebSocket): ClientSocket {
  let closing = false;
  const socket: ClientSocket = {
    isOpen: () => !closing && ws.readyState === ws.OPEN,
    send(message, onSent) {
      if (!socket.isOpen()) return;
      const callback = onSent
        ? (error?: Error | null) => {
            afterSend(error);
            onSent();
          }
        : afterSend;
      if (message instanceof SharedMessage) {
        // A broadcast: the frame built once for all receivers, written as it is.
        const tcp = directWriter(ws);
        if (tcp) {
          tcp.write(message.framed(), callback);
          return;
        }
        message = message.payload;
      }
      ws.send(message, callback);
    },
    // ws counts its own queue and the TCP socket's write buffer.
    bufferedAmount: () => ws.bufferedAmount,
    close(code, reason) {
      if (closing) return;
      closing = true;
      ws.close(code, reason);
      // A peer that never answers the close handshake must not hold the socket forever.
      setTimeout(() => ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
    },
    listen(events) {
      ws.on('message', (data, isBinary) => events.message(toBytes(data), isBinary));
      ws.on('close', () => events.close());
      ws.on('pong', () => events.pong());
      // Oversized frames (1009) and protocol violations surface here; 'close' follows.
      ws.on('error', () => {});
    },
    ping: () => ws.ping(),
    terminate: () => ws.terminate(),
  };
  /** One callback per socket, not one per message: a broadcast to 200 allocates nothing here. */
  const afterSend = (error?: Error | null) => {
    if (error) socket.close(CloseCode.ServerRestart, 'send failed');
  };
  return socket;
}
