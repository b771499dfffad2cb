/**
 * Our server for benchmarks: SQLite store (default), in-memory (STORE=memory), or PostgreSQL
 * (DATABASE_URL, with REDIS_URL as one instance of a cluster), no pages.
 */
import { closeOnSignals, createAppServer, log } from '../../server/app-server';
import { openBackend } from '../../server/backend';
import { loadConfig } from '../../server/config';
import { createMemoryStore } from '../../server/store/memory-store';
import { openSqliteStore } from '../../server/store/sqlite-store';

const config = { ...loadConfig(), createPerMinute: 1_000_000, maxMessagesPerSecond: 1_000_000, maxBytesPerSecond: 1e12, maxConnectionsPerIp: 1_000_000, maxRooms: 100_000 };
const backend = config.databaseUrl
  ? await openBackend(config, log)
  : { store: process.env.STORE === 'memory' ? createMemoryStore() : openSqliteStore(config.dataDir) };
const app = createAppServer({ config, ...backend });
closeOnSignals(app);
app.http.listen(config.port, '127.0.0.1', () => log('sync server listening', { port: app.port() }));

// The scale section reads memory after unloading: there (BENCH_GC=1 only) collect garbage
// regularly so the figure is live data. Never during latency runs: a forced full collection
// every second would stall fan-out and show up as p99.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc && process.env.BENCH_GC === '1') setInterval(gc, 1000).unref();
