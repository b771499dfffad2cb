import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { changedContent } from './transaction-content';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../protocol';

export type SaveState = 'saved' | 'saving' | 'unsaved';

/**
 * Tracks whether this client's own edits have been stored by the server.
 *
 * After each local edit it sends `[SaveCheck, n]` behind the update on the same socket; the
 * server answers `[SaveCheck, n]` only after it has stored everything that came before on
 * that socket. "saved" therefore means stored, not merely sent. Edits made while offline are
 * sent by the sync exchange on reconnect (the server sends its sync step 1 first, so the
 * client's step 2 with those edits precedes the check sent when the client is synced).
 */
export class SaveTracker {
  private localSeq = 0;
  private confirmedSeq = 0;
  private checkScheduled = false;
  private state: SaveState = 'saved';
  private readonly listeners = new Set<() => void>();
  private readonly onTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === this.provider) return; // remote content, not ours
    if (!changedContent(transaction)) return;
    this.localSeq++;
    this.refresh();
    // A microtask: the provider sends the update in this transaction's 'update' event, which
    // comes after 'afterTransaction'; the check must follow it on the socket.
    this.scheduleCheck();
  };
  private readonly onSync = (synced: boolean) => {
    if (synced && this.localSeq !== this.confirmedSeq) this.sendCheck();
  };
  private readonly onStatus = () => this.refresh();

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
  ) {
    provider.messageHandlers[MessageType.SaveCheck] = (_encoder, decoder) => {
      const seq = decoding.readVarUint(decoder);
      if (seq > this.confirmedSeq && seq <= this.localSeq) this.confirmedSeq = seq;
      this.refresh();
    };
    // 'afterTransaction', not 'update': a listener of 'update' makes Yjs encode every
    // transaction again, the server's whole document on load included (see handshake-gate.ts).
    doc.on('afterTransaction', this.onTransaction);
    provider.on('sync', this.onSync);
    provider.on('status', this.onStatus);
  }

  getState(): SaveState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.provider.off('sync', this.onSync);
    this.provider.off('status', this.onStatus);
    this.listeners.clear();
  }

  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    // One check per burst of edits (e.g. a transaction per keystroke while typing fast).
    queueMicrotask(() => {
      this.checkScheduled = false;
      if (this.provider.synced) this.sendCheck();
    });
  }

  private sendCheck(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== 1 /* OPEN */) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.SaveCheck);
    encoding.writeVarUint(encoder, this.localSeq);
    ws.send(encoding.toUint8Array(encoder));
  }

  private refresh(): void {
    const next: SaveState =
      this.confirmedSeq === this.localSeq ? 'saved' : this.provider.wsconnected ? 'saving' : 'unsaved';
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
