import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../../lib/api-client';
import { parseBpmn } from '../../lib/export/bpmn-import';
import { EXPORT_DESTINATIONS } from '../../lib/export/destinations';
import { createWorkshop, startInProcess, testConfig } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

const get = (id: string, file: string, secret?: string) =>
  fetch(`${server.origin}/api/workshops/${id}/export/${file}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });
const importBpmn = (body: string) =>
  fetch(`${server.origin}/api/workshops/import-bpmn`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });

function workshopCount(): number {
  const db = new Database(path.join(server.config.dataDir, 'common-ground.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  db.close();
  return n;
}

const CONTENT_TYPES: Record<string, RegExp> = {
  'process.bpmn': /^application\/xml/,
  'handbook.docx': /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/,
  'metrics.dbt.yml': /^application\/yaml/,
  'glossary.ttl': /^text\/turtle; charset=utf-8$/,
  'glossary.purview.csv': /^text\/csv; charset=utf-8$/,
  'glossary.atlas.csv': /^text\/csv; charset=utf-8$/,
};

describe('downstream exports', () => {
  it('every export file has a one-line destination', () => {
    for (const file of EXPORT_FILES) expect(EXPORT_DESTINATIONS[file]).toMatch(/\w.*\.$/);
  });

  it.each(Object.keys(CONTENT_TYPES).filter((f) => (EXPORT_FILES as readonly string[]).includes(f)))(
    'serves %s with its content type and a file name, to any role’s secret and to nobody else',
    async (file) => {
      const w = await createWorkshop(server.origin, 'Sales kickoff', 'b2b-sales');
      for (const secret of [w.secrets.participant, w.secrets.projector, w.secrets.facilitator]) {
        const res = await get(w.id, file, secret);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(CONTENT_TYPES[file]!);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${w.id}-${file}"`);
        expect(Number(res.headers.get('content-length'))).toBe((await res.arrayBuffer()).byteLength);
      }
      expect((await get(w.id, file)).status).toBe(401);
      expect((await get(w.id, file, 'A'.repeat(24))).status).toBe(403);
    },
  );

  it('imports an exported process.bpmn as a new workshop with the same steps, order and owners', async () => {
    const w = await createWorkshop(server.origin, 'Maintenance', 'maintenance-work-order');
    const exported = await (await get(w.id, 'process.bpmn', w.secrets.participant)).text();
    const res = await importBpmn(exported);
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; links: Record<string, string>; title: string };
    expect(copy.id).not.toBe(w.id);
    // The file names its process; the page that uploaded it cannot know that name otherwise.
    expect(copy.title).toBe('Maintenance');
    const secret = new URL(copy.links.participant!).hash.slice(3);
    const again = await (await get(copy.id, 'process.bpmn', secret)).text();
    const [before, after] = await Promise.all([parseBpmn(exported), parseBpmn(again)]);
    expect(before.ok && after.ok).toBe(true);
    expect(after).toEqual(before);
    const handbook = await (await get(copy.id, 'handbook.md', secret)).text();
    expect(handbook).toContain('# Maintenance');
  });

  it('refuses a bad or foreign file with 400 naming the problem, and creates nothing', async () => {
    const before = workshopCount();
    for (const [body, error] of [
      ['not xml at all', /not a BPMN 2\.0 file/],
      ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', /not a BPMN 2\.0 file/],
      ['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"/></definitions>', /no tasks/],
    ] as const) {
      const res = await importBpmn(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
    }
    expect(workshopCount()).toBe(before);
  });
});
