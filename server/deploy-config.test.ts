import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import { HAPROXY, SHIPPED_HAPROXY_CFG, haproxyConfigFor } from './testing/haproxy';
import { connectProvider, createWorkshop, eventually, startInProcess, testConfig, whenSynced } from './testing/harness';
import { request } from './testing/http';
import { freePort } from './testing/services';

/**
 * deploy/haproxy.cfg is checked by HAProxy itself (`haproxy -c`), and run, with only its
 * ports replaced, in front of a server. HAProxy is installed by `.ci/run`; these tests do not
 * skip without it.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-deploy-'));
const children: ChildProcess[] = [];
const servers: Array<Awaited<ReturnType<typeof startInProcess>>> = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

function check(file: string): string {
  // Throws (with HAProxy's complaint) on any error; warnings are returned.
  return execFileSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
}

describe('deploy/haproxy.cfg', () => {
  it('is valid as shipped, and keeps the settings the cluster relies on', () => {
    expect(check(SHIPPED_HAPROXY_CFG)).toMatch(/Configuration file is valid/);
    const text = fs.readFileSync(SHIPPED_HAPROXY_CFG, 'utf8');
    for (const setting of ['timeout tunnel 1h', 'retries 2', 'option redispatch 1', 'option forwardfor', 'balance uri path-only', 'hash-type consistent', 'option httpchk GET /api/health']) {
      expect(text, setting).toMatch(new RegExp(`^\\s*${setting}\\s*$`, 'm'));
    }
  });

  it('runs, ports replaced, in front of an instance: websockets pass, and with TRUST_PROXY each client has its own join-code count', async () => {
    const server = await startInProcess(testConfig({ trustProxy: ['127.0.0.1'] }), createMemoryStore());
    servers.push(server);
    const lbPort = await freePort();
    const file = path.join(tmp, 'haproxy.cfg');
    fs.writeFileSync(file, haproxyConfigFor({ bind: `127.0.0.1:${lbPort}`, servers: [{ name: 'cg1', port: server.port() }] }));
    expect(check(file)).toMatch(/Configuration file is valid/);
    const haproxy = spawn(HAPROXY, ['-db', '-f', file], { stdio: 'ignore' });
    children.push(haproxy);
    const origin = `http://127.0.0.1:${lbPort}`;
    await eventually(async () => expect((await request(origin, '/api/health')).status).toBe(200));

    const w = await createWorkshop(origin);
    const board = connectProvider(origin, w, 'participant');
    await whenSynced(board.provider);
    expect(board.doc.getText('title').toString()).toBe('Sales process');
    board.destroy();
    const code = (await request(origin, `/api/workshops/${w.id}/join-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: w.secrets.projector }) })).json().code as string;
    const resolve = (typed: string, localAddress: string) =>
      request(origin, '/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: typed }), localAddress });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await resolve(`ZZZZ-ZZ${'23456789'[i % 8]}${'ABCDEFGHJK'[i]}`, '127.0.0.2')).status);
    expect(statuses).toEqual([...Array(9).fill(404), 429]);
    // Another client behind the same balancer is not locked out.
    expect((await resolve(code, '127.0.0.3')).status).toBe(200);
    expect((await resolve(code, '127.0.0.2')).status).toBe(429);
  });
});
