/**
 * The sync server and HTTP API alone, without the Next.js pages: used by the integration
 * tests and the benchmarks, and as a sync-only instance of a cluster (DATABASE_URL, REDIS_URL).
 */
import { closeOnSignals, createAppServer, log } from './app-server';
import { openBackend } from './backend';
import { loadConfig } from './config';

const config = loadConfig();
const backend = await openBackend(config, log);
const app = createAppServer({ config, ...backend });
closeOnSignals(app);
app.http.listen(config.port, config.host, () => {
  log('sync server listening', { port: app.port(), store: backend.storeKind, instance: config.instanceId, ...(backend.storeKind === 'sqlite' ? { dataDir: config.dataDir } : {}) });
});
