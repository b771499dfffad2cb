import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../protocol';
import { changedContent } from './transaction-content';

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;
type ProviderInternals = { _updateHandler: UpdateHandler };

/**
 * Holds back this client's own incremental updates on a new socket until it has answered the
 * server's sync step 1.
 *
 * The stock provider sends every local edit the moment its socket opens. After a reconnect
 * (a server restart, a failover to another instance, the network back) the server lacks what
 * was typed meanwhile; those edits reach it only in the client's sync step 2, the answer to
 * the server's step 1. An edit typed in between arrived first, depended on content the server
 * did not have, was refused ("resync needed") and closed the socket — and a person typing fast
 * could loop like that for many seconds. Nothing is lost by holding back: the step 2 is computed
 * from the whole document when it is sent, so it carries every edit skipped before it.
 *
 * Call before anything else listens to the document's updates.
 */
export function gateUpdatesUntilHandshake(provider: WebsocketProvider): void {
  let answered = false;
  const internals = provider as unknown as ProviderInternals;
  const handleSync = provider.messageHandlers[MessageType.Sync]!;
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos;
    const step = decoding.readVarUint(decoder);
    decoder.pos = start;
    if (step === syncProtocol.messageYjsSyncStep1) {
      handleSync(encoder, decoder, p, emitSynced, messageType);
      // The step 2 is in `encoder` and goes out as soon as this returns, before any later edit.
      answered = true;
      return;
    }
    withoutSending(() => handleSync(encoder, decoder, p, emitSynced, messageType));
  };
  /**
   * Applies the server's content (its step 2, or an update) with the send handler detached.
   * The handler skips that content anyway (its origin is the provider), but while any 'update'
   * listener exists Yjs encodes every transaction again to hand it the bytes: on a phone the
   * board's first sync spent more time encoding it again than applying it. An edit made while
   * it applies (an observer writing in a transaction of its own) is still sent, from the state
   * before that edit, once the handler is back.
   */
  const withoutSending = (apply: () => void) => {
    const doc = provider.doc;
    let missedFrom: Map<number, number> | null = null;
    const watch = (transaction: Y.Transaction) => {
      if (missedFrom === null && transaction.origin !== provider && changedContent(transaction)) missedFrom = transaction.beforeState;
    };
    doc.off('update', internals._updateHandler);
    doc.on('afterTransaction', watch);
    try {
      apply();
    } finally {
      doc.off('afterTransaction', watch);
      doc.on('update', internals._updateHandler);
      if (missedFrom !== null) internals._updateHandler(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(missedFrom)), null);
    }
  };
  provider.on('status', ({ status }) => {
    if (status !== 'connected') answered = false; // connecting or disconnected: a new socket starts over
  });
  const send = internals._updateHandler;
  provider.doc.off('update', send);
  // Replaced on the provider too, so that its destroy() removes this one.
  internals._updateHandler = (update, origin) => {
    if (answered) send(update, origin);
  };
  provider.doc.on('update', internals._updateHandler);
}
