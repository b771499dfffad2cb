import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterBuild, beforeBuild, buildInputs, ensureBuild } from './ensure-build';

let root: string;

/** A stand-in for `next build`: writes a build directory, or fails part-way like a real one can. */
function fakeBuild(outcome: 'ok' | 'fail') {
  const calls = { count: 0 };
  const build = async () => {
    calls.count++;
    fs.mkdirSync(path.join(root, '.next'), { recursive: true });
    fs.writeFileSync(path.join(root, '.next/half-written-chunk.js'), '');
    if (outcome === 'fail') return false;
    fs.writeFileSync(path.join(root, '.next/BUILD_ID'), `build-${calls.count}`);
    return true;
  };
  return { build, calls };
}

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-ensure-build-'));
  write('app/page.tsx', 'export default function Page() { return null; }\n');
  write('components/wall/wall.tsx', 'export const Wall = 1;\n');
  write('lib/doc/schema.ts', 'export const SCHEMA = 1;\n');
  write('next.config.js', 'export default {};\n');
  write('package-lock.json', '{}\n');
  write('tsconfig.json', '{}\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('ensureBuild', () => {
  it('builds when there is no build, and not again when nothing changed', async () => {
    const { build, calls } = fakeBuild('ok');
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: true, reason: 'no build' });
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: false, reason: 'up to date' });
    expect(calls.count).toBe(1);
  });

  it('rebuilds after a source file, a config file or the lockfile changed', async () => {
    const { build, calls } = fakeBuild('ok');
    await ensureBuild({ root, env: {}, build });
    write('components/wall/wall.tsx', 'export const Wall = 2;\n');
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: true, reason: 'sources changed' });
    write('next.config.js', 'export default { poweredByHeader: false };\n');
    expect((await ensureBuild({ root, env: {}, build })).built).toBe(true);
    write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    expect((await ensureBuild({ root, env: {}, build })).built).toBe(true);
    write('lib/doc/new-file.ts', 'export {};\n');
    expect((await ensureBuild({ root, env: {}, build })).built).toBe(true);
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: false });
    expect(calls.count).toBe(5);
  });

  it('rebuilds when a NEXT_PUBLIC_ variable changed, not for other variables', async () => {
    const { build, calls } = fakeBuild('ok');
    await ensureBuild({ root, env: { NEXT_PUBLIC_NAME: 'a' }, build });
    expect((await ensureBuild({ root, env: { NEXT_PUBLIC_NAME: 'a', PORT: '4000' }, build })).built).toBe(false);
    expect((await ensureBuild({ root, env: { NEXT_PUBLIC_NAME: 'b' }, build })).built).toBe(true);
    expect(calls.count).toBe(2);
  });

  it('does not rebuild for a changed test file', async () => {
    const { build, calls } = fakeBuild('ok');
    write('lib/doc/schema.test.ts', 'it("a", () => {});\n');
    await ensureBuild({ root, env: {}, build });
    write('lib/doc/schema.test.ts', 'it("b", () => {});\n');
    expect((await ensureBuild({ root, env: {}, build })).built).toBe(false);
    expect(calls.count).toBe(1);
    expect(buildInputs(root)).not.toContain('lib/doc/schema.test.ts');
  });

  it('rebuilds when the build directory lost its BUILD_ID', async () => {
    const { build, calls } = fakeBuild('ok');
    await ensureBuild({ root, env: {}, build });
    fs.rmSync(path.join(root, '.next/BUILD_ID'));
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: true, reason: 'no build' });
    expect(calls.count).toBe(2);
  });

  it('a failed build leaves no stamp, so the next start builds again', async () => {
    const ok = fakeBuild('ok');
    await ensureBuild({ root, env: {}, build: ok.build });
    write('app/page.tsx', 'export default function Page() { return 1; }\n');
    const failing = fakeBuild('fail');
    await expect(ensureBuild({ root, env: {}, build: failing.build })).rejects.toThrow('next build failed');
    // The old BUILD_ID is still there (a real build can fail after writing parts), yet the next start builds.
    expect(fs.existsSync(path.join(root, '.next/BUILD_ID'))).toBe(true);
    expect(fs.readdirSync(path.join(root, '.next')).some((f) => f.includes('stamp'))).toBe(false);
    expect(await ensureBuild({ root, env: {}, build: ok.build })).toMatchObject({ built: true, reason: 'sources changed' });
  });

  it('a build that reports success without a BUILD_ID is not stamped', async () => {
    const build = async () => true;
    await expect(ensureBuild({ root, env: {}, build })).rejects.toThrow('BUILD_ID');
    const ok = fakeBuild('ok');
    expect(await ensureBuild({ root, env: {}, build: ok.build })).toMatchObject({ built: true, reason: 'no build' });
  });

  it('FORCE_BUILD=1 builds even when up to date', async () => {
    const { build, calls } = fakeBuild('ok');
    await ensureBuild({ root, env: {}, build });
    expect(await ensureBuild({ root, env: { FORCE_BUILD: '1' }, build })).toMatchObject({ built: true, reason: 'forced' });
    expect(calls.count).toBe(2);
  });
});

describe('npm run build (its pre- and post-hooks)', () => {
  /** What `npm run build` does: prebuild, the build (which cleans the directory but for cache/), and postbuild only on success. */
  async function npmRunBuild(outcome: 'ok' | 'fail') {
    beforeBuild(root, '.next', {});
    for (const entry of fs.existsSync(path.join(root, '.next')) ? fs.readdirSync(path.join(root, '.next')) : []) if (entry !== 'cache') fs.rmSync(path.join(root, '.next', entry), { recursive: true });
    const ok = await fakeBuild(outcome).build();
    if (ok) afterBuild(root, '.next');
  }

  it('a plain build is stamped, so the next start does not build again', async () => {
    await npmRunBuild('ok');
    const { build, calls } = fakeBuild('ok');
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: false, reason: 'up to date' });
    expect(calls.count).toBe(0);
  });

  it('a failed plain build leaves no stamp, even over a stamped build', async () => {
    await npmRunBuild('ok');
    write('lib/doc/schema.ts', 'export const SCHEMA = 2;\n');
    await npmRunBuild('fail');
    const { build, calls } = fakeBuild('ok');
    expect((await ensureBuild({ root, env: {}, build })).built).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('a plain build of older sources does not stamp newer ones', async () => {
    beforeBuild(root, '.next', {});
    write('components/wall/wall.tsx', 'export const Wall = 3;\n'); // edited while the build runs
    await fakeBuild('ok').build();
    afterBuild(root, '.next');
    const { build, calls } = fakeBuild('ok');
    expect(await ensureBuild({ root, env: {}, build })).toMatchObject({ built: true, reason: 'sources changed' });
    expect(calls.count).toBe(1);
  });
});
