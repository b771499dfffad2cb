import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HAPROXY, haproxyConfigFor } from '../server/testing/haproxy';
import { freePort, startPostgres, startRedis, type TestPostgres, type TestRedis } from '../server/testing/services';
import { expect, joinAs, newActor, test, titleInput } from './fixtures';

/**
 * The cluster journey (issue 16): two instances of the production server on one throwaway
 * PostgreSQL and Redis, behind HAProxy running deploy/haproxy.cfg (ports replaced). Each participant's
 * browser carries a cookie that pins it to one instance, so the two are certainly on different
 * instances; then the first one's instance is killed and it carries on through the balancer.
 * Self-contained: it starts and stops its own PostgreSQL, Redis, instances and HAProxy (the
 * pages need the production build, which `npm test` makes before the e2e run).
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let postgres: TestPostgres;
let redis: TestRedis;
const processes: ChildProcess[] = [];
let origin = '';
const instances: Record<'a' | 'b', { port: number; process: ChildProcess }> = {} as never;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cluster-e2e-'));

async function waitForHealth(url: string, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - start > timeoutMs) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await postgres.newDatabase();
  const [portA, portB, lbPort] = await Promise.all([freePort(), freePort(), freePort()]);
  origin = `http://127.0.0.1:${lbPort}`;
  for (const [name, port] of [['a', portA], ['b', portB]] as const) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: process.cwd(), // the repository: Playwright runs from where playwright.config.ts is
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        INSTANCE_ID: `cg-${name}`,
        PUBLIC_ORIGIN: origin,
        LOG_LEVEL: 'silent',
        CREATE_PER_MINUTE: '10000',
        TRUST_PROXY: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => logs.push(`[${name}] ${d}`));
    processes.push(child);
    instances[name] = { port, process: child };
  }
  await Promise.all([portA, portB].map((p) => waitForHealth(`http://127.0.0.1:${p}/api/health`)));
  // The shipped deploy/haproxy.cfg, with only the ports (and the log target) replaced, plus
  // the journey's pinning: each browser carries a cookie naming its instance; a pinned
  // instance that is down is skipped (the balancer's hashing and checks take over).
  const config = path.join(tmp, 'haproxy.cfg');
  fs.writeFileSync(
    config,
    haproxyConfigFor({
      bind: `127.0.0.1:${lbPort}`,
      servers: [
        { name: 'a', port: portA },
        { name: 'b', port: portB },
      ],
      beforeServers: ['use-server a if { req.cook(cg_instance) -m str a }', 'use-server b if { req.cook(cg_instance) -m str b }'],
      logToStderr: true,
    }),
  );
  const haproxy = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  haproxy.stderr?.on('data', (d: Buffer) => logs.push(`[lb] ${d}`));
  processes.push(haproxy);
  await waitForHealth(`${origin}/api/health`);
});

/** The instances' and HAProxy's logs, attached to a failed run (they say which hop failed). */
const logs: string[] = [];
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('cluster-logs', { body: logs.join(''), contentType: 'text/plain' });
});

test.afterAll(async () => {
  for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await redis?.destroy();
  postgres?.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('two participants on different instances behind HAProxy edit together; one instance dies and its participant carries on', async ({ browser }) => {
  const created = await fetch(`${origin}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Cluster workshop' }),
  });
  expect(created.status).toBe(201);
  const { links } = (await created.json()) as { links: { participant: string } };
  expect(links.participant.startsWith(origin)).toBe(true);

  const ana = await newActor(browser);
  const ben = await newActor(browser);
  await ana.context.addCookies([{ name: 'cg_instance', value: 'a', url: origin }]);
  await ben.context.addCookies([{ name: 'cg_instance', value: 'b', url: origin }]);
  // Each browser reaches its own instance.
  expect(await (await ana.context.request.get(`${origin}/api/health`)).json()).toMatchObject({ instance: 'cg-a', store: 'postgres' });
  expect(await (await ben.context.request.get(`${origin}/api/health`)).json()).toMatchObject({ instance: 'cg-b', store: 'postgres' });

  await joinAs(ana.page, links.participant, 'Ana', 'Team East');
  await joinAs(ben.page, links.participant, 'Ben', 'Team West');
  // Presence and edits cross instances, both ways.
  await expect(ana.page.getByRole('complementary', { name: 'People' })).toContainText('Ben');
  await expect(ben.page.getByRole('complementary', { name: 'People' })).toContainText('Ana');
  await titleInput(ana.page).fill('Cluster workshop — EMEA');
  await expect(titleInput(ben.page)).toHaveValue('Cluster workshop — EMEA');
  await titleInput(ben.page).press('End');
  await titleInput(ben.page).pressSequentially(' 2027');
  await expect(titleInput(ana.page)).toHaveValue('Cluster workshop — EMEA 2027');
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');

  // Ana's instance dies. Her browser reconnects through HAProxy to the other one.
  instances.a.process.kill('SIGKILL');
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('Live', { timeout: 30_000 });
  // HAProxy cuts the sessions of the instance it marks down: a pooled connection may be reset once.
  const instanceSeenBy = async () => {
    try {
      return ((await (await ana.context.request.get(`${origin}/api/health`)).json()) as { instance: string }).instance;
    } catch {
      return 'connection reset';
    }
  };
  await expect.poll(instanceSeenBy).toBe('cg-b');
  await titleInput(ana.page).press('End');
  await titleInput(ana.page).pressSequentially(' (after failover)');
  await expect(titleInput(ben.page)).toHaveValue('Cluster workshop — EMEA 2027 (after failover)');
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');
  // Nothing lost: a new reader gets everything from PostgreSQL.
  const carl = await newActor(browser);
  await joinAs(carl.page, links.participant, 'Carl');
  await expect(titleInput(carl.page)).toHaveValue('Cluster workshop — EMEA 2027 (after failover)');

  for (const actor of [ana, ben, carl]) await actor.context.close();
});
