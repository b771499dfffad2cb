import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api-client';
import { parseLink } from '../../lib/links';
import { loadConfig, type ServerConfig } from '../config';
import { createWorkshop, startInProcess, testConfig } from '../testing/harness';
import { request } from '../testing/http';

const servers: Array<Awaited<ReturnType<typeof startInProcess>>> = [];
async function start(overrides: Partial<ServerConfig> = {}) {
  const server = await startInProcess(testConfig(overrides));
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const JSON_TYPE = { 'content-type': 'application/json' };
const create = (origin: string, headers: Record<string, string> = {}) =>
  request(origin, '/api/workshops', { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ title: 'Flood' }) });
const importBody = (origin: string, body: string, headers: Record<string, string> = {}) =>
  request(origin, '/api/workshops/import', { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body });

function workshopCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  db.close();
  return n;
}

async function backupOf(origin: string): Promise<string> {
  const w = await createWorkshop(origin, 'To copy');
  const res = await request(origin, `/api/workshops/${w.id}/export/backup.json`, { headers: { authorization: `Bearer ${w.secrets.facilitator}` } });
  expect(res.status).toBe(200);
  return res.text;
}

describe('per-address rate limits', () => {
  it('a creation flood gets 429 with Retry-After after the allowance; nothing more is created', async () => {
    const server = await start({ createPerMinute: 5 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => create(server.origin)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(35);
    for (const r of refused) {
      expect(r.status).toBe(429);
      // One token comes back every 12 s at 5 a minute.
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(12);
      expect(r.json().error).toMatch(/too many/i);
    }
    expect(workshopCount(server.config.dataDir)).toBe(5);
  });

  it('imports have their own bucket: 429 with Retry-After past it', async () => {
    const server = await start({ importPerMinute: 2 });
    const backup = await backupOf(server.origin);
    expect((await importBody(server.origin, backup)).status).toBe(201);
    expect((await importBody(server.origin, backup)).status).toBe(201);
    const third = await importBody(server.origin, backup);
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Creation is still allowed: a different bucket.
    expect((await create(server.origin)).status).toBe(201);
  });
});

describe('CREATE_TOKEN', () => {
  it('when set, creating and importing need it as a Bearer token (401 otherwise); other routes do not', async () => {
    const server = await start({ createToken: 'open-sesame-4711' });
    const refused = await create(server.origin);
    expect(refused.status).toBe(401);
    expect(refused.json().error).toMatch(/token/i);
    expect((await create(server.origin, { authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await create(server.origin, { authorization: 'Bearer open-sesame-4711' });
    expect(ok.status).toBe(201);
    const { id, links } = ok.json() as { id: string; links: Record<string, string> };
    const facilitator = parseLink(links.facilitator!)!.secret;
    const backup = await request(server.origin, `/api/workshops/${id}/export/backup.json`, { headers: { authorization: `Bearer ${facilitator}` } });
    expect(backup.status).toBe(200);
    expect((await importBody(server.origin, backup.text)).status).toBe(401);
    expect((await importBody(server.origin, backup.text, { authorization: 'Bearer open-sesame-4711' })).status).toBe(201);
    const access = await request(server.origin, `/api/workshops/${id}/access`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ role: 'facilitator', key: facilitator }) });
    expect(access.status).toBe(200);
  });

  it('the typed API client sends it when given one', async () => {
    const server = await start({ createToken: 'client-token-0815' });
    expect(await createApiClient({ origin: server.origin }).createWorkshop({ title: 'T' })).toMatchObject({ ok: false, status: 401, error: expect.stringMatching(/token/) });
    expect(await createApiClient({ origin: server.origin, createToken: 'client-token-0815' }).createWorkshop({ title: 'T' })).toMatchObject({ ok: true, status: 201 });
  });

  it('is read from the environment; unset means open creation', () => {
    expect(loadConfig({ CREATE_TOKEN: 'abc' }).createToken).toBe('abc');
    expect(loadConfig({}).createToken).toBeNull();
  });
});

describe('free-disk guard', () => {
  it('below MIN_FREE_DISK_BYTES, creation and import answer 507 and create nothing', async () => {
    const roomy = await start();
    const backup = await backupOf(roomy.origin);
    const server = await start({ minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    const created = await create(server.origin);
    expect(created.status).toBe(507);
    expect(created.json().error).toMatch(/disk space/);
    expect((await importBody(server.origin, backup)).status).toBe(507);
    expect(workshopCount(server.config.dataDir)).toBe(0);
  });
});

describe('cross-site POSTs', () => {
  const postRoutes = (id: string) => [
    ['/api/workshops', JSON.stringify({ title: 'T' })],
    ['/api/workshops/import', '{}'],
    [`/api/workshops/${id}/access`, JSON.stringify({ role: 'participant', key: 'x' })],
    [`/api/workshops/${id}/rotate`, JSON.stringify({ role: 'participant', key: 'x' })],
  ];

  it.each(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'every POST refuses the content type %j (what a cross-site form or no-cors fetch can send) with 415',
    async (type) => {
      const server = await start();
      const w = await createWorkshop(server.origin);
      const before = workshopCount(server.config.dataDir);
      for (const [route, body] of postRoutes(w.id)) {
        const res = await request(server.origin, route!, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
        expect(res.status, route).toBe(415);
        expect(res.json().error, route).toMatch(/application\/json/);
      }
      expect(workshopCount(server.config.dataDir)).toBe(before);
    },
  );

  it('every POST from a browser on another site (its Origin) is refused with 403; our own origin is accepted', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example`]) {
      for (const [route, body] of postRoutes(w.id)) {
        const res = await request(server.origin, route!, { method: 'POST', headers: { ...JSON_TYPE, origin }, body });
        expect(res.status, `${origin} ${route}`).toBe(403);
      }
    }
    expect((await create(server.origin, { origin: server.origin })).status).toBe(201);
    // Without an Origin (scripts, curl) the request is not a browser's cross-site one.
    expect((await create(server.origin)).status).toBe(201);
  });

  it('accepts the origins in ALLOWED_ORIGINS, and only PUBLIC_ORIGIN when it is set', async () => {
    const server = await start({ allowedOrigins: ['https://intranet.example'], publicOrigin: 'https://board.example.org' });
    expect((await create(server.origin, { origin: 'https://intranet.example' })).status).toBe(201);
    expect((await create(server.origin, { origin: 'https://board.example.org' })).status).toBe(201);
    // The Host header no longer defines our origin once PUBLIC_ORIGIN is set.
    expect((await create(server.origin, { origin: server.origin })).status).toBe(403);
  });

  it('the import also accepts application/octet-stream (a file sent as is)', async () => {
    const server = await start();
    const backup = await backupOf(server.origin);
    expect((await importBody(server.origin, backup, { 'content-type': 'application/octet-stream' })).status).toBe(201);
    expect((await create(server.origin, { 'content-type': 'application/octet-stream' })).status).toBe(415);
  });
});

describe('PUBLIC_ORIGIN', () => {
  it('when set, every link is built from it, never from the Host header', async () => {
    const server = await start({ publicOrigin: 'https://board.example.org' });
    const res = await create(server.origin, { host: 'attacker.example' });
    expect(res.status).toBe(201);
    const { id, links } = res.json() as { id: string; links: Record<string, string> };
    for (const link of Object.values(links)) expect(link.startsWith('https://board.example.org/w/')).toBe(true);
    const facilitator = parseLink(links.facilitator!)!.secret;
    const rotated = await request(server.origin, `/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { ...JSON_TYPE, host: 'attacker.example' },
      body: JSON.stringify({ key: facilitator, role: 'participant' }),
    });
    expect(rotated.status).toBe(200);
    for (const link of Object.values((rotated.json() as { links: Record<string, string> }).links)) expect(link.startsWith('https://board.example.org/w/')).toBe(true);
  });

  it('when unset (the one-command start), links follow the request Host', async () => {
    const server = await start();
    const res = await create(server.origin, { host: 'laptop.local:3000' });
    expect(res.status).toBe(201);
    expect((res.json() as { links: Record<string, string> }).links.participant).toMatch(/^http:\/\/laptop\.local:3000\/w\//);
  });

  it('must be an origin: a path or another scheme is refused at start-up; a trailing slash is dropped', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://board.example.org/' }).publicOrigin).toBe('https://board.example.org');
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://board.example.org/app' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'javascript:alert(1)' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'board.example.org' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
