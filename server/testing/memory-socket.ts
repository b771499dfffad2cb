import { payloadOf } from '../sync/shared-message';
import type { ClientSocket, ClientSocketEvents } from '../sync/socket';

export type CloseInfo = { code: number; reason: string };

/** The client end of an in-memory socket: what a test drives and inspects. */
export type MemoryClient = {
  /** Sends a frame to the server (a string is a text frame). Delivered asynchronously, in order. */
  send(frame: Uint8Array | string): void;
  /** Closes from the client side; the server sees its socket close. */
  close(code?: number, reason?: string): void;
  isOpen(): boolean;
  /** Every frame the server sent, in order. */
  readonly received: Uint8Array[];
  /** Resolves when the socket closes, whoever closed it, with the code and reason. */
  readonly closed: Promise<CloseInfo>;
  /** Resolves once the server's close listener has run (the server has forgotten the socket). */
  readonly closeHandled: Promise<void>;
  /**
   * Stops taking frames off the socket (a client that stopped reading): what the server sends
   * is held, counted in the server end's `bufferedAmount`, and its send callbacks wait.
   */
  pauseReading(): void;
  /** Takes every held frame, in order, and lets their send callbacks run. */
  resumeReading(): void;
  /**
   * The first frame (already received or still to come) that `match` accepts, after the
   * frame at index `from`. Rejects if the socket closes first, so a test never hangs on it.
   */
  next(match: (frame: Uint8Array) => boolean, from?: number): Promise<Uint8Array>;
};

export type MemorySocketPair = { server: ClientSocket; client: MemoryClient };

/**
 * Two ends of a socket in one process, for driving the sync code without a network. Frames
 * are delivered in order on later microtasks (as a real socket delivers them later), so a
 * test sees the same interleavings the server's queue has to cope with. Pings are answered
 * with a pong unless `answerPings` is false (a peer that went silent).
 */
export function createMemorySocketPair(options: { answerPings?: boolean } = {}): MemorySocketPair {
  const answerPings = options.answerPings ?? true;
  let events: ClientSocketEvents | null = null;
  /** Frames the client sent before the server listened; a real socket buffers them too. */
  const pending: Array<() => void> = [];
  let open = true;
  let closeInfo: CloseInfo | null = null;
  const received: Uint8Array[] = [];
  let paused = false;
  const held: Array<{ message: Uint8Array; onSent?: () => void }> = [];
  const deliver = (message: Uint8Array, onSent?: () => void) => {
    received.push(message);
    for (const wake of [...waiters]) wake();
    if (onSent) queueMicrotask(onSent);
  };
  const waiters = new Set<() => void>();
  let resolveClosed!: (info: CloseInfo) => void;
  const closed = new Promise<CloseInfo>((resolve) => (resolveClosed = resolve));
  let resolveCloseHandled!: () => void;
  const closeHandled = new Promise<void>((resolve) => (resolveCloseHandled = resolve));

  const toServer = (deliver: (e: ClientSocketEvents) => void) => {
    const run = () => queueMicrotask(() => events && deliver(events));
    if (events) run();
    else pending.push(run);
  };

  const finish = (code: number, reason: string) => {
    if (!open) return;
    open = false;
    closeInfo = { code, reason };
    resolveClosed(closeInfo);
    for (const wake of [...waiters]) wake();
    toServer((e) => {
      e.close();
      resolveCloseHandled();
    });
  };

  const server: ClientSocket = {
    isOpen: () => open,
    send(message, onSent) {
      if (!open) return;
      const bytes = payloadOf(message).slice();
      if (paused) held.push({ message: bytes, onSent });
      else deliver(bytes, onSent);
    },
    bufferedAmount: () => held.reduce((n, h) => n + h.message.byteLength, 0),
    close: (code, reason) => finish(code, reason),
    terminate: () => finish(1006, ''),
    ping() {
      if (open && answerPings) toServer((e) => e.pong());
    },
    listen(listeners) {
      events = listeners;
      for (const run of pending.splice(0)) run();
    },
  };

  const client: MemoryClient = {
    send(frame) {
      if (!open) throw new Error('the memory socket is closed');
      const bytes = typeof frame === 'string' ? new TextEncoder().encode(frame) : frame.slice();
      toServer((e) => e.message(bytes, typeof frame !== 'string'));
    },
    close: (code = 1000, reason = '') => finish(code, reason),
    isOpen: () => open,
    pauseReading() {
      paused = true;
    },
    resumeReading() {
      paused = false;
      for (const h of held.splice(0)) deliver(h.message, h.onSent);
    },
    received,
    closed,
    closeHandled,
    next(match, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.slice(from).find(match);
          if (found) {
            waiters.delete(check);
            resolve(found);
          } else if (!open) {
            waiters.delete(check);
            reject(new Error(`socket closed (${closeInfo?.code} ${closeInfo?.reason}) before the expected frame arrived`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };

  return { server, client };
}
