// The floor: a raw ws relay that forwards every message to the other sockets of its room (a
// sync step 1 to the room's first socket only, see below). No Yjs: nothing is decoded or stored.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = http.createServer((req, res) => {
  const { rss, heapUsed } = process.memoryUsage();
  res.end(JSON.stringify({ ok: true, memory: { rss, heapUsed } }));
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const room = req.url.split('?')[0];
  if (!rooms.has(room)) rooms.set(room, new Set());
  const peers = rooms.get(room);
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    // A sync step 1 ([0, 0, …]) asks for what the sender lacks. Sent to everyone, every client
    // answers every newcomer with its whole document, which everyone else receives again:
    // with 200 receivers that storm of ~8 million frames kept the relay from delivering edits
    // within 15 s. It goes to the room's first socket only (the writer, which holds the
    // document); its answer, and every edit, still goes to everyone.
    const targets = isBinary && data[0] === 0 && data[1] === 0 ? [peers.values().next().value] : peers;
    for (const peer of targets) if (peer && peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(room);
  });
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
