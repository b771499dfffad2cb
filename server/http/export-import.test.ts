import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkshop, rawClient, startInProcess, syncUrlFor, testConfig, upgradeStatus } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

const get = (id: string, file: string, secret?: string) =>
  fetch(`${server.origin}/api/workshops/${id}/export/${file}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });

function workshopCount(): number {
  const db = new Database(path.join(server.config.dataDir, 'common-ground.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  db.close();
  return n;
}

describe('export endpoints', () => {
  it('serve the handbook and CSVs to any role’s secret, and nothing without one', async () => {
    const w = await createWorkshop(server.origin, 'Sales kickoff', 'b2b-sales');
    const handbook = await get(w.id, 'handbook.md', w.secrets.projector);
    expect(handbook.status).toBe(200);
    expect(handbook.headers.get('content-type')).toContain('text/markdown');
    const md = await handbook.text();
    expect(md).toContain('# Sales kickoff');
    expect(md).toContain('### 2. Qualify');
    expect(md).toContain('### Opportunity');
    // Decoded keeping the byte-order mark (Response.text() drops it).
    const glossary = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await get(w.id, 'glossary.csv', w.secrets.participant)).arrayBuffer());
    // A byte-order mark for Excel, then the header; a final line break.
    expect(glossary.split('\r\n')[0]).toBe('\uFEFFname,definition,aliases,status');
    expect(glossary.endsWith('\r\n')).toBe(true);
    const metrics = await (await get(w.id, 'metrics.csv', w.secrets.facilitator)).text();
    expect(metrics).toContain('Win rate');
    expect((await get(w.id, 'handbook.md')).status).toBe(401);
    expect((await get(w.id, 'handbook.md', 'A'.repeat(24))).status).toBe(403);
    expect((await get('AAAAAAAAAAAA', 'handbook.md', w.secrets.projector)).status).toBe(404);
    expect((await get(w.id, 'other.txt', w.secrets.projector)).status).toBe(404);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'answers 404 (not 500) for an export named %s',
    async (file) => {
      const w = await createWorkshop(server.origin);
      const res = await get(w.id, file, w.secrets.participant);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/unknown export/);
    },
  );

  it('imports a backup as a new workshop with new links and the same content', async () => {
    const w = await createWorkshop(server.origin, 'Original', 'customer-onboarding');
    expect((await get(w.id, 'backup.json', w.secrets.participant)).status).toBe(403); // the facilitator's (issue 20)
    const backup = await (await get(w.id, 'backup.json', w.secrets.facilitator)).text();
    const res = await fetch(`${server.origin}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: backup });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; links: Record<string, string> };
    expect(copy.id).not.toBe(w.id);
    expect(copy.links.participant).not.toBe(w.links.participant);
    const copySecret = new URL(copy.links.participant!).hash.slice(3);
    const original = await (await get(w.id, 'handbook.md', w.secrets.participant)).text();
    const imported = await (await get(copy.id, 'handbook.md', copySecret)).text();
    expect(imported).toBe(original);
  });

  it('refuses a corrupt or foreign file and creates nothing', async () => {
    const before = workshopCount();
    for (const body of ['{"format":"something-else"}', '{"format":"common-ground-backup","version":1,"documents":{"board":"!!","facilitation":""}}', 'not json']) {
      const res = await fetch(`${server.origin}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/backup|JSON/);
    }
    expect(workshopCount()).toBe(before);
  });
});

describe('link rotation', () => {
  it('replaces the participant and projector links: old secrets stop working and their sockets close', async () => {
    const w = await createWorkshop(server.origin);
    const participant = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant));
    const facilitator = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'facilitator', w.secrets.facilitator));
    const rotate = (key: string, role: string) =>
      fetch(`${server.origin}/api/workshops/${w.id}/rotate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, role }) });
    expect((await rotate(w.secrets.participant, 'participant')).status).toBe(403); // only facilitators
    const res = await rotate(w.secrets.facilitator, 'participant');
    expect(res.status).toBe(200);
    const { links } = (await res.json()) as { links: Record<string, string> };
    expect(Object.keys(links).sort()).toEqual(['participant', 'projector']);
    expect((await participant.closed).code).toBe(4410);
    expect(facilitator.ws.readyState).toBe(facilitator.ws.OPEN);
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'participant', w.secrets.participant))).toBe(403);
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'projector', w.secrets.projector))).toBe(403);
    const fresh = new URL(links.participant!).hash.slice(3);
    expect(await upgradeStatus(syncUrlFor(server.origin, w.id, 'board', 'participant', fresh))).toBe(101);
    // Rotating the facilitator link closes the facilitator's own socket too.
    const again = await rotate(w.secrets.facilitator, 'facilitator');
    expect(Object.keys(((await again.json()) as { links: object }).links)).toEqual(['facilitator']);
    expect((await facilitator.closed).code).toBe(4410);
  });
});
