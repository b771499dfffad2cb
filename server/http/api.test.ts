import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveParticipantSecret } from '../../lib/join-secret';
import { parseLink } from '../../lib/links';
import { connectProvider, createWorkshop, eventually, startInProcess, testConfig, whenSynced } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

function post(path: string, body: string) {
  return fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('POST /api/workshops', () => {
  it('creates a workshop with three links, each with its own secret in the fragment', async () => {
    const res = await post('/api/workshops', JSON.stringify({ title: 'Sales process' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; links: Record<string, string> };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const parsed = Object.entries(body.links).map(([role, link]) => ({ role, link, parsed: parseLink(link) }));
    expect(parsed.map((p) => p.role).sort()).toEqual(['facilitator', 'participant', 'projector']);
    for (const { role, link, parsed: p } of parsed) {
      expect(p?.role).toBe(role);
      expect(new URL(link).hash).toMatch(/^#k=[A-Za-z0-9_-]{24}$/);
      expect(new URL(link).search).toBe('');
      // 24 base64url characters = 144 bits >= 128
      expect(Buffer.from(p!.secret, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(parsed.map((p) => p.parsed!.secret)).size).toBe(3);
    // The projector can derive the participant link (for its QR code); nothing else derives.
    const secretOf = (role: string) => parsed.find((p) => p.role === role)!.parsed!.secret;
    expect(deriveParticipantSecret(secretOf('projector'))).toBe(secretOf('participant'));
    expect(deriveParticipantSecret(secretOf('participant'))).not.toBe(secretOf('facilitator'));
  });

  it('GET /api/time answers the server clock', async () => {
    const before = Date.now();
    const { now } = (await (await fetch(`${server.origin}/api/time`)).json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['bad JSON', '{"title": '],
    ['missing title', '{}'],
    ['empty title', '{"title": "   "}'],
    ['title over 200 characters', JSON.stringify({ title: 'x'.repeat(201) })],
    ['unknown template', JSON.stringify({ title: 'A', template: 'nope' })],
    ['not an object', '[1,2]'],
  ])('answers 400 with an error for %s', async (_name, body) => {
    const res = await post('/api/workshops', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String));
  });

  it('accepts a title of exactly 200 characters', async () => {
    expect((await post('/api/workshops', JSON.stringify({ title: 'x'.repeat(200) }))).status).toBe(201);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await post('/api/workshops', JSON.stringify({ title: 'A', pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('stores only hashes of the secrets', async () => {
    const res = await post('/api/workshops', JSON.stringify({ title: 'Hash check' }));
    const { links } = (await res.json()) as { links: Record<string, string> };
    const dir = server.config.dataDir;
    const files = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'));
    for (const link of Object.values(links)) {
      const secret = parseLink(link)!.secret;
      for (const content of files) expect(content.includes(secret)).toBe(false);
    }
  });
});

describe('other endpoints', () => {
  it('GET /api/health answers ok', async () => {
    const res = await fetch(`${server.origin}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('GET /api/health counts each connection and each presence entry once', async () => {
    const w = await createWorkshop(server.origin);
    const alice = connectProvider(server.origin, w, 'participant');
    const bob = connectProvider(server.origin, w, 'participant');
    alice.provider.awareness.setLocalState({ user: { id: 'a', name: 'Alice' } });
    bob.provider.awareness.setLocalState({ user: { id: 'b', name: 'Bob' } });
    await Promise.all([whenSynced(alice.provider), whenSynced(bob.provider)]);
    // Each has the other's entry, relayed by the server: the server holds both.
    await eventually(() => {
      expect(alice.provider.awareness.getStates().has(bob.doc.clientID)).toBe(true);
      expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(true);
    });
    const health = (await (await fetch(`${server.origin}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, rooms: 1, connections: 2, presenceEntries: 2 });
    alice.destroy();
    bob.destroy();
  });

  it('POST /api/workshops/:id/access tells a valid link from an invalid or unknown one', async () => {
    const created = (await (await post('/api/workshops', JSON.stringify({ title: 'T' }))).json()) as {
      id: string;
      links: Record<string, string>;
    };
    const secret = parseLink(created.links.participant!)!.secret;
    const check = (id: string, body: unknown) => post(`/api/workshops/${id}/access`, JSON.stringify(body));
    expect((await check(created.id, { role: 'participant', key: secret })).status).toBe(200);
    expect((await check(created.id, { role: 'facilitator', key: secret })).status).toBe(403);
    expect((await check(created.id, { role: 'participant', key: secret.slice(0, 20) })).status).toBe(403);
    expect((await check(created.id, { role: 'participant' })).status).toBe(401);
    expect((await check('AAAAAAAAAAAA', { role: 'participant', key: secret })).status).toBe(404);
    expect((await check(created.id, { role: 'admin', key: secret })).status).toBe(400);
  });

  it('answers 404 JSON for unknown API paths', async () => {
    const res = await fetch(`${server.origin}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });
});
