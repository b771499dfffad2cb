/**
 * `BENCH=start`: start-to-healthy of `npm start`, from the command to the first 200 of
 * GET /api/health. Cold is a checkout without a build (build + serve); warm is a second start
 * with nothing changed (scripts/ensure-build.ts finds its stamp and skips the build); the forced
 * row is a second start that rebuilds anyway, which is what every start did before the stamp.
 *
 * Where: a copy of the working tree in `.tmp/bench-start-…` inside the repository, sharing its
 * node_modules through a symlink. Not the repository itself: a cold start needs `.next` gone,
 * and deleting or rebuilding the developer's `.next` would break a server or a test run using it
 * meanwhile. Not a temporary distDir either: Next.js writes the distDir's types into
 * tsconfig.json's include, which would leave the checkout modified. Inside the repository
 * rather than in /tmp because Turbopack compiles nothing outside its root, which it takes from
 * the outermost lockfile within the git checkout: from `.tmp/…` that is the repository, so the
 * symlinked node_modules is inside the root, as it is for `npm run build` in the checkout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server/testing/services';

const root = path.resolve(import.meta.dirname, '..');
/** Top-level entries not copied: generated, installed, or data. */
const SKIP = new Set(['.git', '.next', '.tmp', 'node_modules', 'data', 'test-results', 'playwright-report']);


/** ms from the command: the build decided (and done, if any), the server listening, /api/health answering. */
type Start = { ms: number; decidedMs: number; listeningMs: number; built: boolean; checkS: number | null; buildS: number | null };

/** Runs `npm start` in `dir`, waits for /api/health to answer 200, stops the process group. */
async function timeStart(dir: string, env: Record<string, string> = {}): Promise<Start> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-start-data-'));
  const started = performance.now();
  // Its own process group (npm → sh → tsx → node): stopped as a whole by its id.
  const child = spawn('npm', ['start'], {
    cwd: dir,
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', FORCE_BUILD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let decidedMs = NaN;
  let listeningMs = NaN;
  const onOutput = (c: Buffer) => {
    output += c.toString();
    if (Number.isNaN(decidedMs) && /Built the app|not rebuilding/.test(output)) decidedMs = performance.now() - started;
    if (Number.isNaN(listeningMs) && output.includes('Common Ground listening')) listeningMs = performance.now() - started;
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = started + 15 * 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode} before it was healthy:\n${output.slice(-3000)}`);
      if (performance.now() > deadline) throw new Error(`npm start was not healthy within 15 minutes:\n${output.slice(-3000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const ms = performance.now() - started;
    const built = /Built the app \([^)]*\) in ([\d.]+) s/.exec(output);
    const skipped = /not rebuilding \(checked in ([\d.]+) s/.exec(output);
    if (!built && !skipped) throw new Error(`npm start said neither that it built nor that it skipped the build:\n${output.slice(-3000)}`);
    return { ms, decidedMs, listeningMs, built: Boolean(built), buildS: built ? Number(built[1]) : null, checkS: skipped ? Number(skipped[1]) : null };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function startSection({ out, runs = 3 }: { out: (line?: string) => void; runs?: number }): Promise<void> {
  out('## Start time (`npm start` → GET /api/health answers 200)');
  out();
  const realModules = fs.realpathSync(path.join(root, 'node_modules'));
  if (path.relative(root, realModules).startsWith('..')) {
    out(`Not measured: node_modules is a symlink out of the checkout (${realModules}); Turbopack builds nothing outside its root, so \`npm run build\` fails here too.`);
    out();
    return;
  }
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, '.tmp', 'bench-start-'));
  try {
    for (const entry of fs.readdirSync(root)) if (!SKIP.has(entry)) fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const cold = await timeStart(dir);
    if (!cold.built) throw new Error('the cold start did not build');
    const warm: Start[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await timeStart(dir);
      if (run.built) throw new Error('a second start with nothing changed rebuilt the app');
      warm.push(run);
    }
    const forced = await timeStart(dir, { FORCE_BUILD: '1' });
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const sorted = warm.map((w) => w.ms).sort((a, b) => a - b);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    out('| start | start → healthy s | build s | command → build decided (and done) s | → server listening s |');
    out('| --- | --- | --- | --- | --- |');
    out(`| cold: fresh checkout, no .next (build + serve) | ${s(cold.ms)} | ${cold.buildS?.toFixed(1)} | ${s(cold.decidedMs)} | ${s(cold.listeningMs)} |`);
    warm.forEach((w, i) => out(`| warm ${i + 1}: second start, nothing changed (stamp checked in ${w.checkS?.toFixed(2)} s) | ${s(w.ms)} | 0 | ${s(w.decidedMs)} | ${s(w.listeningMs)} |`));
    out(`| second start with FORCE_BUILD=1 (what every start did before the stamp) | ${s(forced.ms)} | ${forced.buildS?.toFixed(1)} | ${s(forced.decidedMs)} | ${s(forced.listeningMs)} |`);
    out();
    out(`Warm start-to-healthy: min ${s(sorted[0]!)} / median ${s(mid)} / max ${s(sorted.at(-1)!)} s over ${runs} runs, against ${s(cold.ms)} s cold and ${s(forced.ms)} s for a rebuild with .next/cache in place. Measured on a copy of the working tree in .tmp/ (see bench/start.ts for why), with \`npm start\` itself: npm, tsx, the stamp check, Next.js's prepare and the first health answer.`);
    out();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
