import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTitle } from '../../lib/doc/workshop';
import { createWorkshop, readDoc, startInProcess, testConfig } from '../../server/testing/harness';

const run = promisify(execFile);
const script = path.join(import.meta.dirname, 'join-workshop.mjs');

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

describe('docs/examples/join-workshop.mjs', () => {
  it('joins from a participant link, reads and sets the title with the stock provider', async () => {
    const w = await createWorkshop(server.origin, 'From a script');
    const { stdout } = await run(process.execPath, [script, w.links.participant, 'Set by script']);
    expect(stdout).toContain('title: From a script');
    expect(stdout).toContain('set title: Set by script');
    expect(getTitle(await readDoc(server.origin, w))).toBe('Set by script');
  });

  it('cannot change anything from a projector link', async () => {
    const w = await createWorkshop(server.origin, 'Read only');
    const { stdout } = await run(process.execPath, [script, w.links.projector, 'Nope']);
    expect(stdout).toContain('title: Read only');
    expect(getTitle(await readDoc(server.origin, w))).toBe('Read only');
  });

  it('fails clearly on a wrong secret', async () => {
    const w = await createWorkshop(server.origin);
    const bad = w.links.participant.replace(/#k=.*/, '#k=AAAAAAAAAAAAAAAAAAAAAAAA');
    await expect(run(process.execPath, [script, bad], { timeout: 20_000 })).rejects.toMatchObject({
      stderr: expect.stringContaining('link refused (403): this link is not valid'),
    });
  });
});
