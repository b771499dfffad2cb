import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, EXPORT_FILES, apiPath, createApiClient, type ApiClient, type CreatedWorkshop } from '../../lib/api-client';
import { parseLink } from '../../lib/links';
import { rawClient, startInProcess, syncUrlFor, testConfig } from '../testing/harness';

/** The typed client in lib/ against the real server: every route, yes and no answers. */

let server: Awaited<ReturnType<typeof startInProcess>>;
let api: ApiClient;
beforeAll(async () => {
  server = await startInProcess(testConfig());
  api = createApiClient({ origin: server.origin });
});
afterAll(() => server.close());

const secretOf = (created: CreatedWorkshop, role: 'participant' | 'facilitator' | 'projector') => parseLink(created.links[role])!.secret;

async function created(title = 'Client test'): Promise<CreatedWorkshop> {
  const result = await api.createWorkshop({ title });
  if (!result.ok) throw new Error(`create failed: ${result.status} ${result.error}`);
  return result.body;
}

describe('lib/api-client against the server', () => {
  it('creates a workshop (201 with three links) and reports a refusal with the server’s sentence', async () => {
    const result = await api.createWorkshop({ title: 'Sales', template: 'b2b-sales' });
    expect(result).toMatchObject({ ok: true, status: 201 });
    if (!result.ok) return;
    expect(Object.keys(result.body.links).sort()).toEqual(['facilitator', 'participant', 'projector']);
    const refused = await api.createWorkshop({ title: 'A', template: 'nope' });
    expect(refused).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/unknown template/) });
  });

  it('checks links: 200 for the right secret, 403 / 404 otherwise', async () => {
    const w = await created();
    expect(await api.checkAccess(w.id, { role: 'participant', key: secretOf(w, 'participant') })).toMatchObject({
      ok: true,
      body: { id: w.id, role: 'participant' },
    });
    expect(await api.checkAccess(w.id, { role: 'facilitator', key: secretOf(w, 'participant') })).toMatchObject({ ok: false, status: 403 });
    expect(await api.checkAccess('AAAAAAAAAAAA', { role: 'participant', key: secretOf(w, 'participant') })).toMatchObject({ ok: false, status: 404 });
  });

  it('an aborted access check rejects', async () => {
    const w = await created();
    const controller = new AbortController();
    controller.abort();
    await expect(api.checkAccess(w.id, { role: 'participant', key: secretOf(w, 'participant') }, { signal: controller.signal })).rejects.toThrow();
  });

  it('exports every file, and a backup imports as a new workshop', async () => {
    const w = await created('Exported');
    for (const file of EXPORT_FILES) {
      // The full backup is the facilitator's (issue 20); every other file is anyone's.
      const result = await api.exportFile(w.id, file, secretOf(w, file === 'backup.json' ? 'facilitator' : 'projector'));
      expect(result.ok, file).toBe(true);
      if (result.ok) expect(result.body.size, file).toBeGreaterThan(0);
    }
    expect(await api.exportFile(w.id, 'handbook.md', 'A'.repeat(24))).toMatchObject({ ok: false, status: 403 });
    expect(await api.exportFile(w.id, 'backup.json', secretOf(w, 'participant'))).toMatchObject({ ok: false, status: 403, error: expect.any(String) });
    const backup = await api.exportFile(w.id, 'backup.json', secretOf(w, 'facilitator'));
    if (!backup.ok) throw new Error('no backup');
    const copy = await api.importBackup(await backup.body.text());
    expect(copy).toMatchObject({ ok: true, status: 201 });
    if (copy.ok) expect(copy.body.id).not.toBe(w.id);
    expect(await api.importBackup('not json')).toMatchObject({ ok: false, status: 400, error: expect.any(String) });
  });

  it('starts a workshop from a .bpmn file (201 with the links and the process’s title) and passes on the 400 sentence for a bad one', async () => {
    const made = await api.createWorkshop({ title: 'Order to cash', template: 'b2b-sales' });
    if (!made.ok) throw new Error('create failed');
    const w = made.body;
    const bpmn = await api.exportFile(w.id, 'process.bpmn', secretOf(w, 'participant'));
    if (!bpmn.ok) throw new Error('no process.bpmn');
    const copy = await api.importBpmn(await bpmn.body.text());
    expect(copy).toMatchObject({ ok: true, status: 201, body: { title: 'Order to cash' } });
    if (copy.ok) expect(Object.keys(copy.body.links).sort()).toEqual(['facilitator', 'participant', 'projector']);
    expect(await api.importBpmn('<svg xmlns="http://www.w3.org/2000/svg"/>')).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/not a BPMN 2\.0 file/) });
  });

  it('rotates links; old sockets close with 4410', async () => {
    const w = await created();
    const socket = await rawClient(syncUrlFor(server.origin, w.id, 'board', 'participant', secretOf(w, 'participant')));
    expect(await api.rotateLinks(w.id, { key: secretOf(w, 'participant'), role: 'participant' })).toMatchObject({ ok: false, status: 403 });
    const rotated = await api.rotateLinks(w.id, { key: secretOf(w, 'facilitator'), role: 'participant' });
    expect(rotated).toMatchObject({ ok: true, body: { id: w.id } });
    if (rotated.ok) expect(Object.keys(rotated.body.links).sort()).toEqual(['participant', 'projector']);
    expect((await socket.closed).code).toBe(4410);
  });

  it('gets the projector’s short join code and resolves it to the participant link', async () => {
    const w = await created();
    const issued = await api.joinCode(w.id, { key: secretOf(w, 'projector') });
    if (!issued.ok || !issued.body.code) throw new Error('no join code');
    expect(await api.resolveJoinCode({ code: issued.body.code })).toMatchObject({ ok: true, body: { id: w.id, key: secretOf(w, 'participant') } });
    expect(await api.joinCode(w.id, { key: secretOf(w, 'participant') })).toMatchObject({ ok: false, status: 403 });
    expect(await api.resolveJoinCode({ code: 'nope' })).toMatchObject({ ok: false, status: 400, error: expect.any(String) });
  });

  it('reads the server clock and health', async () => {
    const before = Date.now();
    const time = await api.serverTime();
    expect(time.ok && time.body.now >= before && time.body.now <= Date.now()).toBe(true);
    expect(await api.health()).toMatchObject({ ok: true, body: { ok: true, rooms: expect.any(Number), presenceEntries: expect.any(Number) } });
  });
});

describe('the route table keeps the documented methods and answers', () => {
  it.each([
    ['GET', API_ROUTES.createWorkshop.path, 405],
    ['GET', API_ROUTES.importBackup.path, 405],
    ['POST', apiPath(API_ROUTES.exportFile.path, { id: 'AAAAAAAAAAAA', file: 'handbook.md' }), 405],
    ['GET', apiPath(API_ROUTES.rotateLinks.path, { id: 'AAAAAAAAAAAA' }), 405],
    ['GET', apiPath(API_ROUTES.checkAccess.path, { id: 'AAAAAAAAAAAA' }), 405],
    ['GET', apiPath(API_ROUTES.joinCode.path, { id: 'AAAAAAAAAAAA' }), 405],
    ['GET', API_ROUTES.resolveJoinCode.path, 405],
    ['POST', API_ROUTES.health.path, 405],
    ['HEAD', API_ROUTES.health.path, 200],
    ['POST', API_ROUTES.serverTime.path, 200],
    ['GET', '/api/workshops/', 404],
    ['GET', '/api/workshops//export/handbook.md', 404],
    ['GET', '/api/workshops/AAAAAAAAAAAA/export/handbook.md/more', 404],
  ])('%s %s answers %i', async (method, path, status) => {
    const res = await fetch(`${server.origin}${path}`, { method });
    expect(res.status).toBe(status);
    if (method !== 'HEAD' && status !== 200) expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String));
  });
});
