import net from 'node:net';
import { createAppServer, type AppServer } from '../app-server';
import { openCluster, type Cluster } from '../cluster/cluster';
import type { ServerConfig } from '../config';
import { openPostgresStore, type PostgresStore } from '../store/postgres-store';
import { startChild, testConfig, type ChildServer } from './harness';

/** Test helpers for a cluster: instances on one PostgreSQL database and one Redis. */

export type ClusterInstance = AppServer & { origin: string; cluster: Cluster; store: PostgresStore; name: string };

let counter = 0;

/** An instance in this process (its own PostgreSQL pool and Redis connections): fast to start and stop. */
export async function startInstance(databaseUrl: string, redisUrl: string, overrides: Partial<ServerConfig> = {}): Promise<ClusterInstance> {
  const name = `test-${process.pid}-${++counter}`;
  const config = testConfig({ databaseUrl, redisUrl, instanceId: name, ...overrides });
  const silent = () => {};
  const store = await openPostgresStore(databaseUrl, { log: silent, max: 4 });
  const cluster = await openCluster({ store, redisUrl, instance: name, log: silent });
  const app = createAppServer({ config, store, storeKind: 'postgres', services: cluster });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  return Object.assign(app, { origin: `http://127.0.0.1:${app.port()}`, cluster, store, name });
}

/** An instance as its own process (`server/standalone.ts`), so that it can be killed with SIGKILL. */
export function startInstanceProcess(databaseUrl: string, redisUrl: string, name: string, port = 0, env: Record<string, string> = {}): Promise<ChildServer> {
  return startChild('/nonexistent-unused', port, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, INSTANCE_ID: name, ...env });
}

export type FailoverProxy = { origin: string; port: number; close(): Promise<void> };

/**
 * The load balancer's part in a test: a TCP port that sends each new connection to the first
 * backend that accepts it, in the order `backends()` gives. When an instance dies its clients'
 * sockets break, they reconnect through the same address, and land on the next instance.
 */
export async function failoverProxy(backends: () => number[]): Promise<FailoverProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryNext = (ports: number[]) => {
      const port = ports[0];
      if (port === undefined) return client.destroy();
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('error', () => {
        upstream.destroy();
        if (!client.destroyed) tryNext(ports.slice(1));
      });
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryNext(backends());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
