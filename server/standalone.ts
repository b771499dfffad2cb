/**
 * The sync server and HTTP API alone, without the Next.js pages: used by the integration
 * tests and the benchmarks, and the shape of a sync-only instance for later scale-out.
 */
import { closeOnSignals, createAppServer, log } from './app-server';
import { loadConfig } from './config';
import { openSqliteStore } from './store/sqlite-store';

const config = loadConfig();
const app = createAppServer({ config, store: openSqliteStore(config.dataDir) });
closeOnSignals(app);
app.http.listen(config.port, config.host, () => {
  log('sync server listening', { port: app.port(), dataDir: config.dataDir });
});
