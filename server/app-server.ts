import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from './config';
import { createApiLimits, handleApi } from './http/api';
import type { StoreKind } from '../lib/api-client';
import type { Store } from './store/types';
import { localRoomServices, type RoomServices } from './sync/room-log';
import { log } from './log';
import type { SyncServer } from './sync/sync-server';
import { createSyncServer } from './sync/sync-server';

export { log } from './log';

export type PageHandler = {
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Websocket upgrades that are not ours (Next's hot reload in development). */
  handleUpgrade?(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
};

export type AppServer = {
  http: http.Server;
  sync: SyncServer;
  port(): number;
  close(): Promise<void>;
};

/**
 * One HTTP server on one port: `/api/*` and the `/sync` websocket are ours; every other
 * request goes to `pages` (Next.js) when given. Without pages it is the sync server alone,
 * which is how it runs for tests and, later, as one of several sync instances.
 */
export function createAppServer(options: { config: ServerConfig; store: Store; storeKind?: StoreKind; services?: RoomServices; pages?: PageHandler }): AppServer {
  const { config, store, pages } = options;
  // One instance unless the caller brings the cluster's services (server/backend.ts).
  const services = options.services ?? localRoomServices(store, config.instanceId);
  const sync = createSyncServer({ store, config, log, services });
  const describe = { instance: services.instance, store: options.storeKind ?? 'sqlite' };
  const limits = createApiLimits(config);
  // Checks header timeouts every second (Node's default, 30 s, would let slow clients linger).
  const server = http.createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    if (handleApi(req, res, { store, config, stats: () => sync.stats(), describe, readDocument: (name) => sync.readDocument(name), closeConnections: (id, hashes) => sync.closeByHash(id, hashes), limits })) return;
    if (pages) return pages.handleRequest(req, res);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
  });
  // Time and bytes allowed before authentication: the request (or upgrade) headers must arrive
  // within HEADERS_TIMEOUT_MS and fit Node's 16 KiB header limit; the secret is checked before
  // any websocket exists.
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = Math.max(config.headersTimeoutMs, 60_000);
  server.on('upgrade', (req, socket, head) => {
    if (sync.handleUpgrade(req, socket, head)) return;
    if (pages?.handleUpgrade) return pages.handleUpgrade(req, socket, head);
    socket.destroy();
  });
  return {
    http: server,
    sync,
    port: () => (server.address() as AddressInfo).port,
    async close() {
      await sync.close();
      await services.close();
      await limits.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

/** Stores everything and exits on SIGTERM/SIGINT. */
export function closeOnSignals(app: AppServer): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('shutting down', { signal });
    app
      .close()
      .then(() => process.exit(0))
      .catch((error) => {
        log('shutdown failed', { error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
