/**
 * The sync code never sees a concrete websocket. A room talks to `SyncSocket` (the three
 * methods tldraw's TLSyncRoom asks of its sockets); the connection's socket loop talks to
 * `ClientSocket`, which adds the events and liveness checks of a transport. `ws` is adapted in
 * `ws-socket.ts`; tests use the in-memory pair in `server/testing/memory-socket.ts`.
 */
import type { SharedMessage } from './shared-message';

export interface SyncSocket {
  /** False once either side has begun closing: nothing more is sent. */
  isOpen(): boolean;
  /**
   * `onSent` runs once the message has left the process's buffers (or the socket failed). A
   * `SharedMessage` is the same message for many sockets: a transport may write its one framed
   * buffer instead of framing the bytes again.
   */
  send(message: Uint8Array | SharedMessage, onSent?: () => void): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet handed to the network: what a slow reader costs us. */
  bufferedAmount(): number;
}

export type ClientSocketEvents = {
  /** One frame from the client; `isBinary` is false for text frames (which we refuse). */
  message(data: Uint8Array, isBinary: boolean): void;
  /** The socket is gone, whoever closed it. Called once. */
  close(): void;
  /** The answer to `ping()`. */
  pong(): void;
};

export interface ClientSocket extends SyncSocket {
  /** Sets the listeners; the connection that owns the socket is the only caller. */
  listen(events: ClientSocketEvents): void;
  /** A liveness probe; a live peer answers with `pong`. */
  ping(): void;
  /** Drops the socket without a closing handshake (for a peer that stopped answering). */
  terminate(): void;
}
