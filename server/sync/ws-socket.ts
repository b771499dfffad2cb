import type WebSocket from 'ws';
import { CloseCode } from '../../lib/protocol';
import type { ClientSocket } from './socket';

/** How long a peer may take to answer our close frame before the socket is dropped. */
const CLOSE_HANDSHAKE_MS = 5_000;

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Adapts a `ws` socket to the transport interface the sync code uses. */
export function wsSocket(ws: WebSocket): ClientSocket {
  let closing = false;
  const socket: ClientSocket = {
    isOpen: () => !closing && ws.readyState === ws.OPEN,
    send(message, onSent) {
      if (!socket.isOpen()) return;
      ws.send(
        message,
        onSent
          ? (error?: Error) => {
              afterSend(error);
              onSent();
            }
          : afterSend,
      );
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
  const afterSend = (error?: Error) => {
    if (error) socket.close(CloseCode.ServerRestart, 'send failed');
  };
  return socket;
}
