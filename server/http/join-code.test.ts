import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api-client';
import { setShowJoin } from '../../lib/doc/sessions';
import { isJoinCode } from '../../lib/join-code';
import { deriveParticipantSecret } from '../../lib/join-secret';
import type { ServerConfig } from '../config';
import { createMemoryStore } from '../store/memory-store';
import { connectProvider, createWorkshop, eventually, startInProcess, testConfig, whenSynced, type CreatedWorkshop } from '../testing/harness';
import { request } from '../testing/http';
import { addressBlock, createFailureLimiter } from './guards';

const servers: Array<Awaited<ReturnType<typeof startInProcess>>> = [];
async function start(overrides: Partial<ServerConfig> = {}, store = createMemoryStore()) {
  const server = await startInProcess(testConfig(overrides), store);
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const JSON_TYPE = { 'content-type': 'application/json' };
const issue = (origin: string, w: CreatedWorkshop, key = w.secrets.projector) =>
  request(origin, `/api/workshops/${w.id}/join-code`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ key }) });
const resolve = (origin: string, code: string, localAddress = '127.0.0.1', forwardedFor?: string) =>
  request(origin, '/api/join', { method: 'POST', headers: forwardedFor ? { ...JSON_TYPE, 'x-forwarded-for': forwardedFor } : JSON_TYPE, body: JSON.stringify({ code }), localAddress });

async function codeOf(origin: string, w: CreatedWorkshop): Promise<string> {
  const res = await issue(origin, w);
  expect(res.status).toBe(200);
  const code = res.json().code;
  if (typeof code !== 'string') throw new Error(`no code: ${res.text}`);
  return code;
}

/** A facilitator's client on the facilitation document, to show and hide the join panel. */
async function facilitatorOf(origin: string, w: CreatedWorkshop) {
  const client = connectProvider(origin, w, 'facilitator', 'facilitation');
  await whenSynced(client.provider);
  return client;
}

/** Codes that are well-formed but (almost surely) nobody's. */
const wrongCode = (i: number) => `WRNG${'ABCDEFGHJK'[i % 10]}${'MNPQRSTUVW'[Math.floor(i / 10) % 10]}ZZ`;

describe('short join codes: issuing and resolving', () => {
  it('the projector gets an 8-character code; typed in any form it resolves to the participant link', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin, 'Acme sales');
    const code = await codeOf(server.origin, w);
    expect(isJoinCode(code)).toBe(true);
    // Asking again (a reload, a second projector window) gives the same code.
    expect(await codeOf(server.origin, w)).toBe(code);
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const api = createApiClient({ origin: server.origin });
    const joined = await api.resolveJoinCode({ code: typed });
    expect(joined).toMatchObject({ ok: true, body: { id: w.id, key: w.secrets.participant } });
    // The answer is the participant secret only: never the projector's or the facilitator's.
    expect(JSON.stringify(joined)).not.toContain(w.secrets.projector);
    expect(JSON.stringify(joined)).not.toContain(w.secrets.facilitator);
  });

  it('only the projector link gets the code', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    expect((await issue(server.origin, w, w.secrets.participant)).status).toBe(403);
    expect((await issue(server.origin, w, w.secrets.facilitator)).status).toBe(403);
    expect((await issue(server.origin, w, 'A'.repeat(24))).status).toBe(403);
    expect((await request(server.origin, '/api/workshops/AAAAAAAAAAAA/join-code', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ key: w.secrets.projector }) })).status).toBe(404);
  });

  it('the store holds neither the code nor the participant secret in the clear', async () => {
    const store = createMemoryStore();
    const server = await start({}, store);
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    const { hashJoinCode } = await import('../join-code');
    const stored = await store.findJoinCode(hashJoinCode(code));
    expect(stored?.workshopId).toBe(w.id);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(code);
    expect(text).not.toContain(w.secrets.participant);
  });

  it('rotating the participant and projector links replaces the code; the old one is wrong', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    const old = await codeOf(server.origin, w);
    const api = createApiClient({ origin: server.origin });
    const rotated = await api.rotateLinks(w.id, { key: w.secrets.facilitator, role: 'projector' });
    if (!rotated.ok) throw new Error('rotation failed');
    expect((await resolve(server.origin, old)).status).toBe(404);
    const projector = new URL(rotated.body.links.projector!).hash.slice('#k='.length);
    const fresh = await codeOf(server.origin, { ...w, secrets: { ...w.secrets, projector } });
    expect(fresh).not.toBe(old);
    const joined = await api.resolveJoinCode({ code: fresh });
    expect(joined).toMatchObject({ ok: true, body: { id: w.id, key: deriveParticipantSecret(projector) } });
    // Rotating only the facilitator link leaves the room's code alone.
    await api.rotateLinks(w.id, { key: w.secrets.facilitator, role: 'facilitator' });
    expect((await resolve(server.origin, fresh)).status).toBe(200);
  });

  it('hiding the join panel kills the code at once; showing it again gives a new code', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    const old = await codeOf(server.origin, w);
    const facilitator = await facilitatorOf(server.origin, w);
    setShowJoin(facilitator.doc, false);
    // Nobody asked for a code in between: the server sees the panel hidden when the code is typed.
    await eventually(async () => expect((await resolve(server.origin, old)).status).toBe(404));
    expect((await issue(server.origin, w)).json()).toEqual({ code: null });
    setShowJoin(facilitator.doc, true);
    let fresh = '';
    await eventually(async () => {
      fresh = await codeOf(server.origin, w);
    });
    expect(fresh).not.toBe(old);
    expect((await resolve(server.origin, fresh)).status).toBe(200);
    expect((await resolve(server.origin, old)).status).toBe(404);
    facilitator.destroy();
  });

  it('hiding and showing again while nobody looks still kills the old code (it is tied to that showing)', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    const old = await codeOf(server.origin, w);
    const facilitator = await facilitatorOf(server.origin, w);
    setShowJoin(facilitator.doc, false);
    setShowJoin(facilitator.doc, true);
    await eventually(async () => expect(await codeOf(server.origin, w)).not.toBe(old));
    expect((await resolve(server.origin, old)).status).toBe(404);
    facilitator.destroy();
  });

  it('a malformed code is 400 with the format, and is not counted as a guess', async () => {
    const server = await start({ joinCodeMaxWrong: 2 });
    for (let i = 0; i < 5; i++) {
      const res = await resolve(server.origin, 'hello');
      expect(res.status).toBe(400);
      expect(res.json().error).toMatch(/8 letters and digits/);
    }
    expect((await resolve(server.origin, wrongCode(0))).status).toBe(404);
  });
});

describe('short join codes: guessing', () => {
  it('ten wrong codes in a row from one address → 429 with Retry-After; even the right code waits; other addresses are not affected', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await resolve(server.origin, wrongCode(i)));
    expect(answers.slice(0, 9).map((a) => a.status)).toEqual(Array(9).fill(404));
    expect(answers[0]!.json().error).toMatch(/No workshop has this code/);
    const tenth = answers[9]!;
    expect(tenth.status).toBe(429);
    expect(tenth.json().error).toMatch(/Too many wrong codes from this address/);
    expect(Number(tenth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(tenth.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Locked out: the right code from this address is refused too, without being looked at.
    expect((await resolve(server.origin, code)).status).toBe(429);
    // Another address still joins, and its own wrong codes are its own.
    expect((await resolve(server.origin, code, '127.0.0.2')).status).toBe(200);
    expect((await resolve(server.origin, wrongCode(50), '127.0.0.2')).status).toBe(404);
  });

  it('a right code does not reset the count (a valid code of one’s own cannot be interleaved with guesses)', async () => {
    const server = await start({ joinCodeMaxWrong: 3 });
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    expect((await resolve(server.origin, wrongCode(1))).status).toBe(404);
    expect((await resolve(server.origin, code)).status).toBe(200);
    expect((await resolve(server.origin, wrongCode(2))).status).toBe(404);
    expect((await resolve(server.origin, code)).status).toBe(200);
    expect((await resolve(server.origin, wrongCode(3))).status).toBe(429);
  });

  it('the limiter refills one try per JOIN_CODE_RETRY_SECONDS and counts IPv6 per /64', () => {
    let now = 0;
    const limiter = createFailureLimiter(10, 60, () => now);
    for (let i = 0; i < 9; i++) expect(limiter.fail('198.51.100.7')).toEqual({ ok: true });
    expect(limiter.fail('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.check('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 30_000;
    expect(limiter.check('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 30 });
    now += 30_000;
    expect(limiter.check('198.51.100.7')).toEqual({ ok: true });
    expect(limiter.fail('198.51.100.7').ok).toBe(false); // one more try, then wait again
    // IPv6: the whole /64 shares a count; another /64 has its own.
    for (let i = 0; i < 10; i++) limiter.fail(`2001:db8:1:2::${i + 1}`);
    expect(limiter.check('2001:db8:1:2:ffff::9').ok).toBe(false);
    expect(limiter.check('2001:db8:1:3::1').ok).toBe(true);
    expect(addressBlock('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
  });
});

describe('short join codes behind a load balancer (TRUST_PROXY)', () => {
  it('with the balancer trusted, each forwarded address has its own count: ten wrong codes from one do not lock out another', async () => {
    // The test's requests come from 127.0.0.1: that is the load balancer.
    const server = await start({ trustProxy: ['127.0.0.1'] });
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    const guesser = '203.0.113.5';
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await resolve(server.origin, wrongCode(i), '127.0.0.1', guesser)).status);
    expect(answers).toEqual([...Array(9).fill(404), 429]);
    expect((await resolve(server.origin, code, '127.0.0.1', guesser)).status).toBe(429);
    // Another user behind the same balancer joins.
    expect((await resolve(server.origin, code, '127.0.0.1', '203.0.113.6')).status).toBe(200);
    expect((await resolve(server.origin, wrongCode(60), '127.0.0.1', '203.0.113.6')).status).toBe(404);
    // The guesser writing an address of its own into the header gains nothing: the balancer
    // appends the address it saw, and that (the rightmost untrusted one) is what counts.
    expect((await resolve(server.origin, code, '127.0.0.1', `198.51.100.9, ${guesser}`)).status).toBe(429);
  });

  it('without TRUST_PROXY the header is ignored: a client cannot name itself out of the limit', async () => {
    const server = await start();
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await resolve(server.origin, wrongCode(i), '127.0.0.1', `203.0.113.${i + 1}`)).status);
    expect(answers).toEqual([...Array(9).fill(404), 429]);
    expect((await resolve(server.origin, code, '127.0.0.1', '203.0.113.99')).status).toBe(429);
  });

  it('with TRUST_PROXY set, a client that is not a listed proxy cannot use the header either', async () => {
    const server = await start({ trustProxy: ['127.0.0.1'] });
    const w = await createWorkshop(server.origin);
    const code = await codeOf(server.origin, w);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await resolve(server.origin, wrongCode(i), '127.0.0.2', `203.0.113.${i + 1}`)).status);
    expect(answers).toEqual([...Array(9).fill(404), 429]);
    expect((await resolve(server.origin, code, '127.0.0.2', '203.0.113.99')).status).toBe(429);
  });
});
