/**
 * Common Ground: the app (Next.js pages), the HTTP API and the sync websocket on one port,
 * with an embedded SQLite store under DATA_DIR, or PostgreSQL (DATABASE_URL) and Redis
 * (REDIS_URL) as one instance of a cluster. `npm start` and `npm run dev` both run this.
 */
import next from 'next';
import { closeOnSignals, createAppServer, log } from './app-server';
import { openBackend } from './backend';
import { loadConfig } from './config';

const config = loadConfig();
const backend = await openBackend(config, log);
const dev = process.env.NODE_ENV !== 'production';
const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: config.port });

await nextApp.prepare();
const handleRequest = nextApp.getRequestHandler();
const handleUpgrade = nextApp.getUpgradeHandler();
const app = createAppServer({
  config,
  ...backend,
  pages: {
    handleRequest: (req, res) => void handleRequest(req, res),
    handleUpgrade: dev ? (req, socket, head) => void handleUpgrade(req, socket, head) : undefined,
  },
});
closeOnSignals(app);
app.http.listen(config.port, config.host, () => {
  log('Common Ground listening', { url: `http://localhost:${app.port()}`, store: backend.storeKind, instance: config.instanceId, ...(backend.storeKind === 'sqlite' ? { dataDir: config.dataDir } : {}), dev });
});
