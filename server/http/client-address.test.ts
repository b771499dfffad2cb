import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../config';
import { createMemoryStore } from '../store/memory-store';
import { createWorkshop, startInProcess, syncUrlFor, testConfig } from '../testing/harness';
import { request } from '../testing/http';
import { clientAddress, parseTrustedProxies } from './client-address';

/** A request as the server sees it: its TCP peer and its X-Forwarded-For header. */
function req(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}
const trusting = (raw: string) => parseTrustedProxies(raw).proxies;

describe('the client address (TRUST_PROXY)', () => {
  it('is the TCP peer unless the peer is a listed proxy', () => {
    expect(clientAddress(req('198.51.100.7', '203.0.113.5'), trusting(''))).toBe('198.51.100.7');
    expect(clientAddress(req('198.51.100.7', '203.0.113.5'), trusting('10.0.0.0/8'))).toBe('198.51.100.7');
    expect(clientAddress(req('10.1.2.3', '203.0.113.5'), trusting('10.0.0.0/8'))).toBe('203.0.113.5');
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    expect(clientAddress(req('::ffff:10.1.2.3', '203.0.113.5'), trusting('10.1.2.3'))).toBe('203.0.113.5');
    expect(clientAddress(req('::1', '2001:db8::7'), trusting('::1'))).toBe('2001:db8::7');
    // A trusted proxy that sent no header: the proxy itself.
    expect(clientAddress(req('10.1.2.3'), trusting('10.0.0.0/8'))).toBe('10.1.2.3');
  });

  it('reads the header from the right, past trusted proxies only: what a client wrote to the left is never used', () => {
    const proxies = trusting('10.0.0.0/8, 192.0.2.1');
    // client → 192.0.2.1 (a trusted CDN) → 10.0.0.5 (the balancer) → us
    expect(clientAddress(req('10.0.0.5', '203.0.113.5, 192.0.2.1'), proxies)).toBe('203.0.113.5');
    // The client forged an entry: the balancer appended the real address after it.
    expect(clientAddress(req('10.0.0.5', '1.2.3.4, 203.0.113.5'), proxies)).toBe('203.0.113.5');
    // Several header lines count as one list, in order.
    expect(clientAddress(req('10.0.0.5', ['1.2.3.4', '203.0.113.5']), proxies)).toBe('203.0.113.5');
    // Ports and brackets are dropped.
    expect(clientAddress(req('10.0.0.5', '203.0.113.5:4711'), proxies)).toBe('203.0.113.5');
    expect(clientAddress(req('10.0.0.5', '[2001:db8::7]:4711'), proxies)).toBe('2001:db8::7');
    // Garbage where a proxy's entry should be: the last address a trusted proxy vouched for.
    expect(clientAddress(req('10.0.0.5', 'unknown'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(req('10.0.0.5', '203.0.113.5, nonsense, 192.0.2.1'), proxies)).toBe('192.0.2.1');
  });

  it('refuses a TRUST_PROXY that is not a list of addresses and CIDR blocks', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    expect(loadConfig({}).trustProxy).toEqual([]);
    for (const bad of ['1', 'true', 'loadbalancer', '10.0.0.0/33', '10.0.0.0/', '::1/129', '10.0.0.5/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('per-address limits behind a trusted load balancer', () => {
  const servers: Array<Awaited<ReturnType<typeof startInProcess>>> = [];
  async function start(overrides: Partial<ServerConfig>) {
    const server = await startInProcess(testConfig(overrides), createMemoryStore());
    servers.push(server);
    return server;
  }
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  const create = (origin: string, forwardedFor: string) =>
    request(origin, '/api/workshops', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ title: 'T' }) });

  it('workshop creation is counted per forwarded address; untrusted, per peer', async () => {
    const trusted = await start({ trustProxy: ['127.0.0.1'], createPerMinute: 2 });
    expect([(await create(trusted.origin, '203.0.113.5')).status, (await create(trusted.origin, '203.0.113.5')).status, (await create(trusted.origin, '203.0.113.5')).status]).toEqual([201, 201, 429]);
    expect((await create(trusted.origin, '203.0.113.6')).status).toBe(201);
    const untrusted = await start({ createPerMinute: 2 });
    expect([(await create(untrusted.origin, '203.0.113.5')).status, (await create(untrusted.origin, '203.0.113.6')).status, (await create(untrusted.origin, '203.0.113.7')).status]).toEqual([201, 201, 429]);
  });

  it('websocket connections are counted per forwarded address; untrusted, per peer', async () => {
    const open = (url: string, forwardedFor: string) =>
      new Promise<WebSocket | number>((resolve, reject) => {
        const ws = new WebSocket(url, { headers: { 'x-forwarded-for': forwardedFor } });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
    for (const [trustProxy, second] of [[['127.0.0.1'], 'open'], [[], 429]] as const) {
      const server = await start({ trustProxy: [...trustProxy], maxConnectionsPerIp: 1 });
      const w = await createWorkshop(server.origin);
      const url = syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant);
      const first = await open(url, '203.0.113.5');
      expect(first).toBeInstanceOf(WebSocket);
      const other = await open(url, '203.0.113.6');
      expect(other instanceof WebSocket ? 'open' : other).toBe(second);
      for (const ws of [first, other]) if (ws instanceof WebSocket) ws.terminate();
    }
  });
});
