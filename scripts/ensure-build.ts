/**
 * `npm start` runs this first: it builds the app only when the sources that feed `next build`
 * changed since the last successful build, so a second start with nothing changed serves at
 * once. The stamp is a hash of those sources (and of the build-time environment), written into
 * the build directory after `next build` succeeded; a build that failed or was cut off leaves
 * no stamp and is redone next time. `npm run build` still builds unconditionally, and stamps its
 * build through its pre- and post-hooks (`--before-build`, `--after-build`).
 *
 * Conservative on purpose: any change under app/, components/, lib/, public/ or types/, to a
 * config file or to the lockfile rebuilds, even where Next.js would have produced the same
 * output; a stale build served by mistake is worse than a build too many.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folders whose files the build reads (tests in them are not part of the app). */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public', 'types'];
/** Files at the root that change what `next build` produces. */
const ROOT_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'proxy.ts',
  'middleware.ts',
  'instrumentation.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'postcss.config.mjs',
  'postcss.config.js',
  'tailwind.config.js',
  'tailwind.config.ts',
  // Next.js reads these at build time and inlines NEXT_PUBLIC_* values from them.
  '.env',
  '.env.production',
  '.env.local',
  '.env.production.local',
];
type Env = Record<string, string | undefined>;
const STAMP_FILE = 'common-ground-build-stamp';
const isTest = (name: string) => /\.test\.tsx?$/.test(name);

function listFiles(dir: string, root: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an optional folder (public/) that does not exist
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, root, into);
    else if (entry.isFile() && !isTest(entry.name)) into.push(path.relative(root, full).split(path.sep).join('/'));
  }
}

/** The files hashed into the stamp, relative to `root`, in a stable order. */
export function buildInputs(root: string): string[] {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) listFiles(path.join(root, dir), root, files);
  for (const file of ROOT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  return files.sort();
}

/**
 * A hash of every build input's path and content, the build-time environment that ends up in
 * the client bundles (NEXT_PUBLIC_*), and the Node version and platform (native parts of the
 * toolchain differ between them).
 */
export function buildStamp(root: string, env: Env = process.env): string {
  const hash = createHash('sha256');
  for (const file of buildInputs(root)) {
    hash.update(`file\0${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  for (const key of Object.keys(env).filter((k) => k.startsWith('NEXT_PUBLIC_')).sort()) hash.update(`env\0${key}=${env[key]}\0`);
  hash.update(`node\0${process.versions.node}\0${process.platform}\0${process.arch}`);
  return hash.digest('hex');
}

type Options = {
  root: string;
  /** Next.js's distDir, relative to root. */
  distDir?: string;
  env?: Env;
  /** Runs the build; resolves true when it succeeded. */
  build: () => Promise<boolean>;
};

export type EnsureResult = { built: boolean; reason: 'no build' | 'sources changed' | 'up to date' | 'forced'; stamp: string };

/** Builds when there is no complete build or its stamp differs; writes the stamp only after a successful build. */
export async function ensureBuild({ root, distDir = '.next', env = process.env, build }: Options): Promise<EnsureResult> {
  const dist = path.join(root, distDir);
  const stampPath = path.join(dist, STAMP_FILE);
  const stamp = buildStamp(root, env);
  let reason: EnsureResult['reason'];
  if (env.FORCE_BUILD === '1') reason = 'forced';
  else if (!fs.existsSync(path.join(dist, 'BUILD_ID'))) reason = 'no build';
  else if (readStamp(stampPath) !== stamp) reason = 'sources changed';
  else return { built: false, reason: 'up to date', stamp };
  // The old stamp goes before the build starts: a build that fails or is killed half-way has
  // already overwritten part of the directory and must not look complete next time.
  fs.rmSync(stampPath, { force: true });
  if (!(await build())) throw new Error('next build failed');
  if (!fs.existsSync(path.join(dist, 'BUILD_ID'))) throw new Error(`next build finished without ${distDir}/BUILD_ID`);
  fs.writeFileSync(stampPath, `${stamp}\n`);
  return { built: true, reason, stamp };
}

/**
 * `npm run build`'s pre- and post-hooks, so that a plain build (e.g. the one `npm test` runs) is
 * stamped too and a following `npm start` does not build again. Before: the stamp of the sources
 * as they are now is kept in `<distDir>/cache/` (which `next build` does not clean, unlike the
 * rest of the directory). After (npm runs it only when the build succeeded): it becomes the
 * build's stamp. A build that fails leaves the pending stamp where no start looks for it.
 */
export function beforeBuild(root: string, distDir = '.next', env: Env = process.env): void {
  const dist = path.join(root, distDir);
  fs.rmSync(path.join(dist, STAMP_FILE), { force: true });
  fs.mkdirSync(path.join(dist, 'cache'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'cache', `${STAMP_FILE}.pending`), `${buildStamp(root, env)}\n`);
}

export function afterBuild(root: string, distDir = '.next'): void {
  const dist = path.join(root, distDir);
  const pending = path.join(dist, 'cache', `${STAMP_FILE}.pending`);
  if (!fs.existsSync(pending)) return;
  if (fs.existsSync(path.join(dist, 'BUILD_ID'))) fs.renameSync(pending, path.join(dist, STAMP_FILE));
  else fs.rmSync(pending, { force: true });
}

function readStamp(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** `npm run build`, with its output shown. */
function npmRunBuild(root: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = process.cwd();
  const started = performance.now();
  const seconds = (digits: number) => ((performance.now() - started) / 1000).toFixed(digits);
  if (process.argv[2] === '--before-build') beforeBuild(root);
  else if (process.argv[2] === '--after-build') afterBuild(root);
  else {
    ensureBuild({ root, build: () => npmRunBuild(root) }).then(
      ({ built, reason }) => {
        console.log(built ? `Built the app (${reason}) in ${seconds(1)} s.` : `The build in .next is up to date with the sources: not rebuilding (checked in ${seconds(2)} s; FORCE_BUILD=1 or \`npm run build\` rebuilds).`);
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  }
}
