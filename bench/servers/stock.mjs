// The baseline: the stock y-websocket server (@y/websocket-server 0.1.1), no persistence.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const server = http.createServer((req, res) => {
  const { rss, heapUsed } = process.memoryUsage();
  res.end(JSON.stringify({ ok: true, memory: { rss, heapUsed } }));
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req, { docName: req.url.slice(1).split('?')[0], gc: true }));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
// Exit cleanly on SIGTERM so that --cpu-prof can write its profile.
process.on('SIGTERM', () => process.exit(0));
