import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../protocol';

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
 * Call before anything else listens to the document's updates (the save tracker's check must
 * still follow the update it checks).
 */
export function gateUpdatesUntilHandshake(provider: WebsocketProvider): void {
  let answered = false;
  const internals = provider as unknown as ProviderInternals;
  const handleSync = provider.messageHandlers[MessageType.Sync]!;
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos;
    const step = decoding.readVarUint(decoder);
    decoder.pos = start;
    handleSync(encoder, decoder, p, emitSynced, messageType);
    // The step 2 is in `encoder` and goes out as soon as this returns, before any later edit.
    if (step === syncProtocol.messageYjsSyncStep1) answered = true;
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
