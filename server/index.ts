/**
 * Common Ground: the app (Next.js pages), the HTTP API and the sync websocket on one port,
 * with an embedded SQLite store under DATA_DIR. `npm start` and `npm run dev` both run this.
 */
import next from 'next';
import { closeOnSignals, createAppServer, log } from './app-server';
import { loadConfig } from './config';
import { openSqliteStore } from './store/sqlite-store';

const config = loadConfig();
const dev = process.env.NODE_ENV !== 'production';
const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: config.port });

await nextApp.prepare();
const handleRequest = nextApp.getRequestHandler();
const handleUpgrade = nextApp.getUpgradeHandler();
const app = createAppServer({
  config,
  store: openSqliteStore(config.dataDir),
  pages: {
    handleRequest: (req, res) => void handleRequest(req, res),
    handleUpgrade: dev ? (req, socket, head) => void handleUpgrade(req, socket, head) : undefined,
  },
});
closeOnSignals(app);
app.http.listen(config.port, config.host, () => {
  log('Common Ground listening', { url: `http://localhost:${app.port()}`, dataDir: config.dataDir, dev });
});
