import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { syncUrl } from '../links';
import type { Identity } from '../presence';
import { presenceStateFor } from '../presence';
import type { DocKind, Role } from '../protocol';
import { canSharePresence, canWrite, roomName } from '../protocol';
import { gateUpdatesUntilHandshake } from './handshake-gate';
import type { SaveState } from './save-tracker';
import { SaveTracker } from './save-tracker';

export type NetworkState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'denied';

export type ConnectionSnapshot = {
  network: NetworkState;
  save: SaveState;
  /** Both documents have been received from the server at least once (may be stale while offline). */
  loaded: boolean;
  /** Why the server refused us for good (close code 4400–4499), if it did. */
  deniedReason: string | null;
  /** A passing server-side problem (e.g. the workshop could not be loaded); retrying. */
  serverError: string | null;
};

export type WorkshopConnectionOptions = {
  origin: string;
  workshopId: string;
  role: Role;
  secret: string;
  identity: Identity | null;
  /** For Node scripts and tests; browsers use their own WebSocket. */
  WebSocketImpl?: typeof WebSocket;
};

type Channel = { kind: DocKind; doc: Y.Doc; provider: WebsocketProvider; saves: SaveTracker | null; everLive: boolean };

/**
 * One workshop session: the board and facilitation documents, each synced over its own
 * y-websocket connection, with a combined network and save state for the UI to show.
 */
export class WorkshopConnection {
  readonly board: Y.Doc;
  readonly facilitation: Y.Doc;
  readonly awareness: Awareness;
  readonly role: Role;
  private readonly channels: Channel[];
  private readonly listeners = new Set<() => void>();
  private online = true;
  private deniedReason: string | null = null;
  private serverError: string | null = null;
  private destroyed = false;
  private snapshot: ConnectionSnapshot = { network: 'connecting', save: 'saved', loaded: false, deniedReason: null, serverError: null };

  constructor(options: WorkshopConnectionOptions) {
    this.role = options.role;
    this.board = new Y.Doc();
    this.facilitation = new Y.Doc();
    this.channels = (['board', 'facilitation'] as const).map((kind) => this.open(kind, options));
    const boardChannel = this.channels[0];
    if (!boardChannel) throw new Error('unreachable');
    this.awareness = boardChannel.provider.awareness;
    if (canSharePresence(options.role, 'board') && options.identity) {
      this.setIdentity(options.identity);
    } else {
      this.awareness.setLocalState(null);
    }
  }

  private open(kind: DocKind, options: WorkshopConnectionOptions): Channel {
    const doc = kind === 'board' ? this.board : this.facilitation;
    const provider = new WebsocketProvider(syncUrl(options.origin), roomName(options.workshopId, kind), doc, {
      params: { role: options.role, key: options.secret },
      // Tabs must not sync with each other behind the server's back: a read-only tab could
      // otherwise hand its changes to a writable one.
      disableBc: true,
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    if (kind !== 'board') provider.awareness.setLocalState(null);
    gateUpdatesUntilHandshake(provider);
    const channel: Channel = {
      kind,
      doc,
      provider,
      saves: canWrite(options.role, kind) ? new SaveTracker(doc, provider) : null,
      everLive: false,
    };
    provider.on('status', () => this.refresh());
    provider.on('sync', () => this.refresh());
    provider.on('closed', (event) => {
      this.deniedReason = event.reason || `closed by the server (${event.code})`;
      this.refresh();
    });
    provider.on('sync', (synced) => {
      if (synced && this.serverError) {
        this.serverError = null;
        this.refresh();
      }
    });
    provider.on('connection-close', (event) => this.reconnectWithJitter(provider, event));
    channel.saves?.subscribe(() => this.refresh());
    return channel;
  }

  /**
   * The stock provider retries after min(100 ms·2^n, 2.5 s) with no jitter, so after a server
   * restart every client would come back in the same instant. We take over the retry: same
   * exponential backoff (capped at 5 s), times a random factor between 0.5 and 1.5.
   */
  private reconnectWithJitter(provider: WebsocketProvider, event: CloseEvent | null): void {
    if (this.destroyed || !this.online || this.deniedReason || event === null) return;
    if (event.code >= 4400 && event.code < 4500) return; // refused for good: no retry
    if (event.code === 4500) {
      this.serverError = event.reason || 'the server could not load or store this workshop';
      this.refresh();
    }
    // Cancels the provider's own, unjittered, retry. Deferred: the provider emits this event
    // in the middle of its own close handling.
    queueMicrotask(() => provider.disconnect());
    const base = Math.min(100 * 2 ** Math.min(provider.wsUnsuccessfulReconnects, 10), 5_000);
    setTimeout(() => {
      if (!this.destroyed && this.online && !this.deniedReason) provider.connect();
    }, base * (0.5 + Math.random()));
  }

  setIdentity(identity: Identity): void {
    if (!canSharePresence(this.role, 'board')) return;
    this.awareness.setLocalState(presenceStateFor(identity));
  }

  /** Tells the others which board item this user is editing (null: none). */
  setEditing(itemId: string | null): void {
    if (!canSharePresence(this.role, 'board') || this.awareness.getLocalState() === null) return;
    if ((this.awareness.getLocalState()?.editing ?? null) === itemId) return;
    this.awareness.setLocalStateField('editing', itemId);
  }

  /** Shares this person's pointer on the wall (wall coordinates; null when it leaves the wall). */
  setPointer(pointer: { x: number; y: number } | null): void {
    if (!canSharePresence(this.role, 'board') || this.awareness.getLocalState() === null) return;
    const current = this.awareness.getLocalState()?.pointer ?? null;
    if (current === pointer || (current && pointer && current.x === pointer.x && current.y === pointer.y)) return;
    this.awareness.setLocalStateField('pointer', pointer && { x: Math.round(pointer.x), y: Math.round(pointer.y) });
  }

  /**
   * The browser's online/offline signal. Going offline closes the sockets at once (rather than
   * waiting for a dead socket to time out), so the page says "offline" and counts new edits
   * as unsaved; coming back reconnects, and the sync exchange sends what was edited meanwhile.
   */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const channel of this.channels) {
      if (this.deniedReason) break;
      if (online) channel.provider.connect();
      else channel.provider.disconnect();
    }
    this.refresh();
  }

  getSnapshot(): ConnectionSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    for (const channel of this.channels) {
      channel.saves?.destroy();
      channel.provider.destroy();
    }
    this.board.destroy();
    this.facilitation.destroy();
    this.listeners.clear();
  }

  private refresh(): void {
    for (const channel of this.channels) {
      if (channel.provider.synced) channel.everLive = true;
    }
    const allLive = this.channels.every((c) => c.provider.wsconnected && c.provider.synced);
    const everLive = this.channels.every((c) => c.everLive);
    const network: NetworkState = this.deniedReason
      ? 'denied'
      : allLive
        ? 'live'
        : !this.online
          ? 'offline'
          : everLive
            ? 'reconnecting'
            : 'connecting';
    const saveStates = this.channels.map((c) => c.saves?.getState() ?? 'saved');
    const save: SaveState = saveStates.includes('unsaved')
      ? 'unsaved'
      : saveStates.includes('saving')
        ? 'saving'
        : 'saved';
    // Both documents: the facilitation document decides where followers look first.
    const loaded = this.channels.every((c) => c.everLive);
    const prev = this.snapshot;
    if (
      prev.network === network &&
      prev.save === save &&
      prev.loaded === loaded &&
      prev.deniedReason === this.deniedReason &&
      prev.serverError === this.serverError
    ) {
      return;
    }
    this.snapshot = { network, save, loaded, deniedReason: this.deniedReason, serverError: this.serverError };
    for (const listener of this.listeners) listener();
  }
}
