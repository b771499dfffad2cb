/**
 * `npm run bench`: sync latency side by side with the baseline servers in one run, durability
 * cost, scale, cold load, and the cluster (same- vs cross-instance delivery, PostgreSQL vs
 * SQLite, failover). Prints tables and writes docs/benchmarks.md. Sections can be chosen with
 * BENCH=fanout,durability,scale,coldload,cluster (default: all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addTerm } from '../lib/doc/glossary';
import { addMetric } from '../lib/doc/metrics';
import { addStep, addSticky } from '../lib/doc/process';
import { seedBoardBase } from '../lib/doc/workshop';
import { hashSecret } from '../server/auth';
import { lighthouseSection, phoneSpeedTargets, type PhoneSpeed } from './pagespeed';
import { openSqliteStore } from '../server/store/sqlite-store';
import { benchText } from './bench-text.mjs';

const root = path.resolve(import.meta.dirname, '..');
const now = () => performance.timeOrigin + performance.now();
const sections = new Set((process.env.BENCH ?? 'fanout,throughput,durability,scale,coldload,pagespeed,cluster').split(','));
const report: string[] = [];
/** Figures the targets are checked against, filled in by the sections that ran. */
const results: { ours50?: Runs; relay50?: Runs; stock50?: Runs; ours200?: Runs; scaleRssMiB?: number; unloadedHeapMiB?: number; startHeapMiB?: number; coldLargeMs?: number; interactiveMs?: number; clusterSame?: Runs; clusterCross?: Runs } = {};
const out = (line = '') => {
  console.log(line);
  report.push(line);
};

type Kind = 'ours' | 'ours-memory' | 'stock' | 'relay';
type Server = { port: number; pid: number; stop: () => Promise<void>; child: ChildProcess };

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'));
}

async function startServer(kind: Kind, dataDir = tmp(), env: Record<string, string> = {}): Promise<Server> {
  // BENCH_CPU_PROF=dir: our server writes a V8 CPU profile there on exit (see bench/profile.ts).
  const profile = process.env.BENCH_CPU_PROF && kind !== 'relay' ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const script = kind === 'stock' ? [...profile, 'bench/servers/stock.mjs'] : kind === 'relay' ? ['bench/servers/relay.mjs'] : [...profile, '--expose-gc', '--import', 'tsx', 'bench/servers/ours.ts'];
  const child = spawn(process.execPath, script, {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STORE: kind === 'ours-memory' ? 'memory' : 'sqlite', LOG_LEVEL: 'info', UNLOAD_GRACE_MS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /"port":(\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${kind} exited ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(); // already gone (e.g. killed by the failover bench)
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function health(port: number): Promise<{ rss: number; heapUsed: number }> {
  const body = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { memory: { rss: number; heapUsed: number } };
  return body.memory;
}

function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(stat[11]) + Number(stat[12])) * 1000) / 100; // utime + stime, clock ticks (100/s)
}

async function roomUrl(kind: Kind, port: number): Promise<string> {
  if (kind === 'stock' || kind === 'relay') return `ws://127.0.0.1:${port}/bench-${Math.random().toString(36).slice(2)}`;
  const res = await fetch(`http://127.0.0.1:${port}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench' }) });
  const { id, links } = (await res.json()) as { id: string; links: Record<string, string> };
  return `ws://127.0.0.1:${port}/sync/${id}/board?role=participant&key=${new URL(links.participant!).hash.slice(3)}`;
}

/** A sync client on this thread (the writer). */
function client(url: string): Promise<{ doc: Y.Doc; ws: WebSocket }> {
  return new Promise((resolve) => {
    const doc = new Y.Doc();
    const ws = new WebSocket(url, { perMessageDeflate: false });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ws || ws.readyState !== 1) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    });
    ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, doc);
      ws.send(encoding.toUint8Array(encoder));
      resolve({ doc, ws });
    });
  });
}

type Stats = { p50: number; p95: number; p99: number; max: number; samples: number; expected: number };
function stats(values: number[], expected: number): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, samples: values.length, expected };
}

const WORKERS = Math.max(1, Math.min(2, os.cpus().length));
/** Receivers timestamp updates on arrival and decode them after the run (BENCH_DECODE=live: decode each on arrival). */
const DEFER_DECODE = process.env.BENCH_DECODE !== 'live';

/** One writer, N receivers in worker threads; `edits` edits at `rate` per second. */
async function fanout(kind: Kind, n: number, edits = 500, rate = 100): Promise<Stats> {
  const server = await startServer(kind);
  try {
    const url = await roomUrl(kind, server.port);
    return await fanoutBetween(url, url, n, edits, rate);
  } finally {
    await server.stop();
  }
}

/** The writer on `writerUrl`, N receivers on `receiverUrl` (the same room, maybe through another instance). */
async function fanoutBetween(url: string, receiverUrl: string, n: number, edits = 500, rate = 100): Promise<Stats> {
  {
    const chunks = Array.from({ length: WORKERS }, (_, w) => Array.from({ length: n }, () => receiverUrl).filter((_, i) => i % WORKERS === w)).filter((c) => c.length);
    const workers = chunks.map((urls) => new Worker(path.join(root, 'bench/client-worker.mjs'), { workerData: { urls, expectEdits: edits, deferDecode: DEFER_DECODE } }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('message', (m: { type: string }) => m.type === 'ready' && resolve(null)))));
    const writer = await client(url);
    const text = benchText(writer.doc); // its paragraph reaches the receivers before timing starts
    // Let the initial sync exchanges finish before measuring.
    await new Promise((r) => setTimeout(r, 500));
    workers.forEach((w) => w.postMessage('record'));
    const results = workers.map((w) => new Promise<number[]>((resolve) => w.on('message', (m: { type: string; latencies?: number[] }) => m.type === 'done' && resolve(m.latencies ?? []))));
    for (let seq = 0; seq < edits; seq++) {
      text.insert(text.length, `${seq}:${now()};`);
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
    const timeout = setTimeout(() => workers.forEach((w) => w.postMessage('stop')), 15_000);
    const latencies = (await Promise.all(results)).flat();
    clearTimeout(timeout);
    await Promise.all(workers.map((w) => w.terminate()));
    writer.ws.terminate();
    return stats(latencies, edits * n);
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

/** How many times each latency figure is measured; tables give the median and the spread. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
/** Several runs of one measurement: the median of each percentile, and p99's min–max. */
type Runs = { runs: Stats[]; p50: number; p95: number; p99: number; max: number; p99Min: number; p99Max: number; samples: number; expected: number };
function summarise(runs: Stats[]): Runs {
  const p99s = runs.map((r) => r.p99);
  return {
    runs,
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(p99s),
    max: median(runs.map((r) => r.max)),
    p99Min: Math.min(...p99s),
    p99Max: Math.max(...p99s),
    samples: runs.reduce((n, r) => n + r.samples, 0),
    expected: runs.reduce((n, r) => n + r.expected, 0),
  };
}
const spread = (r: Runs) => (r.runs.length > 1 ? `${f(r.p99Min)} / ${f(r.p99)} / ${f(r.p99Max)}` : f(r.p99));

/** Measures each kind `RUNS` times, interleaved (A B C A B C …) so drift on the machine hits all alike. */
async function interleaved<K extends Kind>(kinds: readonly K[], measure: (kind: K) => Promise<Stats>): Promise<Record<K, Runs>> {
  const all = new Map<K, Stats[]>(kinds.map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const kind of kinds) all.get(kind)!.push(await measure(kind));
  return Object.fromEntries(kinds.map((k) => [k, summarise(all.get(k)!)])) as Record<K, Runs>;
}

const SERVER_NAMES: Record<Kind, string> = {
  relay: 'raw ws relay (floor)',
  stock: 'stock y-websocket (@y/websocket-server 0.1.1, no persistence)',
  ours: 'ours (SQLite)',
  'ours-memory': 'ours (in-memory store)',
};

async function fanoutSection() {
  const sizes = (process.env.BENCH_SIZES ?? '10,50,200').split(',').map(Number);
  const kinds = (process.env.BENCH_KINDS ?? 'relay,stock,ours').split(',') as Kind[];
  out('## 1. Fan-out latency (one writer, N receivers, one room)');
  out();
  out(`500 edits at 100/s per run, ${RUNS} runs per server, interleaved; receivers are headless y-protocols clients in 2 worker threads; the writer is on the main thread. Latency = receive time − send time on the shared high-resolution clock; all N × 500 deliveries of a run count. p50 / p95 / max are the median over runs; p99 is given as min / median / max over runs. Ours stores every update in SQLite (WAL) before fan-out.`);
  out();
  out(row(['clients', 'server', 'p50 ms', 'p95 ms', 'p99 ms (min / median / max)', 'max ms', 'delivered', 'ours (median p50 / p99) vs others']));
  out(row(['---', '---', '---', '---', '---', '---', '---', '---']));
  for (const n of sizes) {
    const byKind: Partial<Record<Kind, Runs>> = await interleaved(kinds, (kind) => fanout(kind, n));
    if (n === 50) Object.assign(results, { ours50: byKind.ours, relay50: byKind.relay, stock50: byKind.stock });
    if (n === 200) results.ours200 = byKind.ours;
    for (const kind of kinds) {
      const s = byKind[kind]!;
      const ratio =
        kind === 'ours' && byKind.relay && byKind.stock
          ? `${(s.p50 / byKind.relay.p50).toFixed(2)}× relay p50; ${(s.p99 / byKind.stock.p99).toFixed(2)}× stock p99`
          : '';
      out(row([n, SERVER_NAMES[kind], f(s.p50), f(s.p95), spread(s), f(s.max), `${s.samples}/${s.expected}`, ratio]));
    }
  }
  out();
}

/** Raises the edit rate until p99 passes 50 ms (or the top rate is reached). */
async function throughputSection() {
  out('## 2. Throughput');
  out();
  out('One writer, rising edit rate (300 edits per step), ours with SQLite; the last rate whose p99 stays under 50 ms is what a room sustains.');
  out();
  out(row(['clients', 'edits/s', 'p50 ms', 'p99 ms', 'delivered']));
  out(row(['---', '---', '---', '---', '---']));
  for (const n of [10, 50]) {
    let sustained = 0;
    for (const rate of [100, 200, 400, 800, 1600]) {
      const s = await fanout('ours', n, 300, rate);
      out(row([n, rate, f(s.p50), f(s.p99), `${s.samples}/${s.expected}`]));
      if (s.p99 > 50 || s.samples < s.expected) break;
      sustained = rate;
    }
    out(row([n, `sustained: ${sustained || '< 100'} edits/s (timer-paced; setTimeout granularity caps the writer near 1,000/s)`, '', '', '']));
  }
  out();
  // Many writers: 50 clients each typing 5 characters a second for 10 s, all receiving.
  const server = await startServer('ours');
  try {
    const url = await roomUrl('ours', server.port);
    const n = 50;
    const perClientEdits = 50;
    const chunks = Array.from({ length: WORKERS }, (_, w) => Array.from({ length: n }, () => url).filter((_, i) => i % WORKERS === w));
    const workers = chunks.map((urls) => new Worker(path.join(root, 'bench/client-worker.mjs'), { workerData: { urls, expectEdits: perClientEdits * (n - 1), writeRate: 5, writeSeconds: 10 } }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('message', (m: { type: string }) => m.type === 'ready' && resolve(null)))));
    await new Promise((r) => setTimeout(r, 500));
    const done = workers.map((w) => new Promise<number[]>((resolve) => w.on('message', (m: { type: string; latencies?: number[] }) => m.type === 'done' && resolve(m.latencies ?? []))));
    const cpuStart = cpuMs(server.pid);
    const t0 = Date.now();
    workers.forEach((w) => w.postMessage('write'));
    const timeout = setTimeout(() => workers.forEach((w) => w.postMessage('stop')), 25_000);
    const latencies = (await Promise.all(done)).flat();
    clearTimeout(timeout);
    const cpu = ((cpuMs(server.pid) - cpuStart) / (Date.now() - t0)) * 100;
    await Promise.all(workers.map((w) => w.terminate()));
    // A writer's own edits are not sent back to it: each client receives the other 49's.
    const s = stats(latencies.filter((l) => l >= 0), n * (n - 1) * perClientEdits);
    out(`Many writers: 50 clients each typing 5 characters a second for 10 s (250 edits/s into the room, ${n - 1} receivers each): p50 ${f(s.p50)} / p95 ${f(s.p95)} / p99 ${f(s.p99)} / max ${f(s.max)} ms, ${s.samples} of ${s.expected} deliveries measured; server CPU ${cpu.toFixed(0)} % of one core. With the server mostly idle, these latencies are the two client worker threads applying ~12,000 remote edits a second between them: on this 2-core machine the clients, not the server, are the limit.`);
    out();
  } finally {
    await server.stop();
  }
}

async function durabilitySection() {
  out('## 3. Durability cost (50 clients)');
  out();
  out(`${RUNS} runs per store, interleaved; medians, p99 as min / median / max over runs.`);
  out();
  out(row(['store', 'p50 ms', 'p95 ms', 'p99 ms (min / median / max)', 'max ms']));
  out(row(['---', '---', '---', '---', '---']));
  const byKind = await interleaved(['ours-memory', 'ours'] as const, (kind) => fanout(kind, 50));
  for (const kind of ['ours-memory', 'ours'] as const) {
    const s = byKind[kind];
    out(row([kind === 'ours' ? 'SQLite (WAL)' : 'in memory', f(s.p50), f(s.p95), spread(s), f(s.max)]));
  }
  out();
}

async function scaleSection(rooms = Number(process.env.BENCH_ROOMS ?? 1000), perRoom = 5) {
  out(`## 4. Scale: ${rooms} rooms × ${perRoom} clients on one process`);
  out();
  const server = await startServer('ours', tmp(), { BENCH_GC: '1' });
  try {
    const before = await health(server.port);
    const urls: string[] = [];
    for (let r = 0; r < rooms; r++) {
      const url = await roomUrl('ours', server.port);
      for (let c = 0; c < perRoom; c++) urls.push(url);
    }
    const chunks = Array.from({ length: WORKERS }, (_, w) => urls.filter((_, i) => i % WORKERS === w));
    const workers = chunks.map((u) => new Worker(path.join(root, 'bench/client-worker.mjs'), { workerData: { urls: u, expectEdits: Number.MAX_SAFE_INTEGER } }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('message', (m: { type: string }) => m.type === 'ready' && resolve(null)))));
    // Light typing: one writer per 10 rooms, one character a second each, for 10 s.
    const writers = await Promise.all([...new Set(urls)].filter((_, i) => i % 10 === 0).map((u) => client(u)));
    const cpuStart = cpuMs(server.pid);
    const t0 = Date.now();
    for (let s = 0; s < 10; s++) {
      for (const w of writers) benchText(w.doc).insert(0, 'x');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const cpu = ((cpuMs(server.pid) - cpuStart) / (Date.now() - t0)) * 100;
    const loaded = await health(server.port);
    for (const w of workers) w.postMessage('stop');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('message', (m: { type: string }) => m.type === 'done' && resolve(null)))));
    await Promise.all(workers.map((w) => w.terminate()));
    for (const w of writers) w.ws.terminate();
    // Rooms unload after the grace period (1 s here).
    let after = await health(server.port);
    for (let i = 0; i < 30; i++) {
      const h = (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as { rooms: number };
      if (h.rooms === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // Give the collector a moment after the last room unloaded.
    await new Promise((r) => setTimeout(r, 2500));
    after = await health(server.port);
    const roomsLeft = ((await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as { rooms: number }).rooms;
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    Object.assign(results, { scaleRssMiB: loaded.rss / 2 ** 20, unloadedHeapMiB: after.heapUsed / 2 ** 20, startHeapMiB: before.heapUsed / 2 ** 20 });
    out(row(['', 'RSS MiB', 'heap MiB']));
    out(row(['---', '---', '---']));
    out(row(['start', mib(before.rss), mib(before.heapUsed)]));
    out(row([`${rooms} rooms × ${perRoom} clients connected`, mib(loaded.rss), mib(loaded.heapUsed)]));
    out(row([`after all clients left (${roomsLeft} rooms still loaded)`, mib(after.rss), mib(after.heapUsed)]));
    out();
    out(`Per room: ${((loaded.rss - before.rss) / rooms / 1024).toFixed(1)} KiB RSS, ${((loaded.heapUsed - before.heapUsed) / rooms / 1024).toFixed(1)} KiB heap; per connection: ${((loaded.heapUsed - before.heapUsed) / (rooms * perRoom) / 1024).toFixed(1)} KiB heap. Server CPU during light typing (${writers.length} writers × 1 char/s): ${cpu.toFixed(1)} % of one core.`);
    out();
  } finally {
    await server.stop();
  }
}

/** Stores a workshop and its updates; every write has finished before the store is closed. */
async function seedWorkshop(dataDir: string, id: string, secret: string, updates: Uint8Array[]): Promise<void> {
  const store = openSqliteStore(dataDir);
  try {
    await store.createWorkshop({ id, createdAt: Date.now(), template: 'blank', secretHashes: { participant: hashSecret(secret), facilitator: hashSecret(`${secret}f`), projector: hashSecret(`${secret}p`) } }, []);
    for (const u of updates) await store.append(`${id}/board`, u);
  } finally {
    store.close();
  }
}

async function timeToSynced(port: number, id: string, secret: string): Promise<number> {
  const t = now();
  const c = await client(`ws://127.0.0.1:${port}/sync/${id}/board?role=participant&key=${secret}`);
  await new Promise<void>((resolve) => {
    const check = () => (c.doc.getText('t').length > 0 || c.doc.getMap('steps').size > 0 ? resolve() : setTimeout(check, 1));
    check();
  });
  const ms = now() - t;
  c.ws.terminate();
  return ms;
}

/** Bytes of a document's stored updates (the SQLite file itself keeps freed pages until VACUUM). */
async function storedBytes(dir: string, docName: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(dir, 'common-ground.sqlite'), { readonly: true });
  const row = db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n, COUNT(*) AS rows FROM updates WHERE doc = ?').get(docName) as { n: number };
  db.close();
  return row.n;
}

async function coldLoadSection() {
  out('## 5. Cold load (time from connect to synced for a new client; the room loads from SQLite)');
  out();
  out(row(['board', 'before compaction ms', 'after compaction ms', 'stored before', 'stored after']));
  out(row(['---', '---', '---', '---', '---']));
  const secret = 'B'.repeat(24);
  // 100,000 small updates: one character each, as typing makes them.
  {
    const dir = tmp();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 100_000; i++) doc.getText('t').insert(i, 'x');
    await seedWorkshop(dir, 'histhisthist', secret, updates);
    const sizeBefore = await storedBytes(dir, 'histhisthist/board');
    let server = await startServer('ours', dir);
    const before = await timeToSynced(server.port, 'histhisthist', secret);
    await server.stop(); // SIGTERM compacts loaded rooms
    const sizeAfter = await storedBytes(dir, 'histhisthist/board');
    server = await startServer('ours', dir);
    const after = await timeToSynced(server.port, 'histhisthist', secret);
    await server.stop();
    out(row(['100,000 one-character updates', f(before), f(after), `${(sizeBefore / 1024).toFixed(0)} KiB`, `${(sizeAfter / 1024).toFixed(0)} KiB`]));
  }
  // A large board: 150 steps, 500 terms, 100 metrics, 1,000 stickies, built by the accessors.
  {
    const dir = tmp();
    const doc = seedBoardBase('Large board');
    const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const steps = Array.from({ length: 150 }, (_, i) => addStep(doc, { title: `Step ${i}` }));
    for (let i = 0; i < 500; i++) addTerm(doc, { name: `Term ${i}`, definition: `Definition of term ${i}, long enough to be realistic.` });
    for (let i = 0; i < 100; i++) addMetric(doc, { name: `Metric ${i}`, attachment: { kind: 'step', stepId: steps[i % 150]! } });
    for (let i = 0; i < 1000; i++) addSticky(doc, { stepId: steps[i % 150]!, kind: 'idea', text: `Sticky ${i}`, authorId: 'a', authorName: 'A' });
    await seedWorkshop(dir, 'largelargela', secret, updates);
    const sizeBefore = await storedBytes(dir, 'largelargela/board');
    let server = await startServer('ours', dir);
    const before = await timeToSynced(server.port, 'largelargela', secret);
    await server.stop();
    const sizeAfter = await storedBytes(dir, 'largelargela/board');
    server = await startServer('ours', dir);
    const after = await timeToSynced(server.port, 'largelargela', secret);
    await server.stop();
    results.coldLargeMs = after;
    out(row([`large board (${updates.length} updates)`, f(before), f(after), `${(sizeBefore / 1024).toFixed(0)} KiB`, `${(sizeAfter / 1024).toFixed(0)} KiB`]));
  }
  out();
}

/** The large board for page-speed runs, stored as one update. */
function largeBoard(): Uint8Array {
  const doc = seedBoardBase('Large board');
  const steps = Array.from({ length: 150 }, (_, i) => addStep(doc, { title: `Step ${i}` }));
  for (let i = 0; i < 500; i++) addTerm(doc, { name: `Term ${i}`, definition: `Definition of term ${i}, long enough to be realistic.` });
  for (let i = 0; i < 100; i++) addMetric(doc, { name: `Metric ${i}`, attachment: { kind: 'step', stepId: steps[i % 150]! } });
  for (let i = 0; i < 1000; i++) addSticky(doc, { stepId: steps[i % 150]!, kind: 'idea', text: `Sticky ${i}`, authorId: 'a', authorName: 'A' });
  return Y.encodeStateAsUpdate(doc);
}

/** The phone board's Lighthouse figures (bench/pagespeed.ts), for the targets. */
let phoneSpeed: PhoneSpeed | undefined;

async function pageSpeedSection() {
  out('## 6. Page speed');
  out();
  // The phone board in Lighthouse (issue 17): bench/pagespeed.ts.
  phoneSpeed = await lighthouseSection(out);
  out('### Large board in the system Chromium (150 steps, 500 terms, 100 metrics, 1,000 stickies)');
  out();
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    out('Not measured: no production build (run `npm run build` first).');
    out();
    return;
  }
  const { chromium } = await import('@playwright/test');
  const dir = tmp();
  const secret = 'C'.repeat(24);
  await seedWorkshop(dir, 'pagespeedbrd', secret, [largeBoard()]);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      const m = /localhost:(\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const typists: Array<{ doc: Y.Doc; ws: WebSocket }> = [];
  try {
    const runs: Array<{ interactive: number; complete: number; js: number }> = [];
    for (let run = 0; run < 3; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await context.addInitScript(() => localStorage.setItem('cg:identity', JSON.stringify({ id: 'abcdef0123456789', name: 'Bench', team: '' })));
      // "Interactive" is timed inside the page, from navigation start: the last step card's
      // title field is in the DOM and editable, and then the main thread is free to run a task.
      // (Polling with Playwright's role selectors instead costs seconds of accessible-name
      // computation on a board this size and would be measured as the app's time.)
      // A string, not a function: tsx would wrap named functions in a helper the page lacks.
      await context.addInitScript(`(() => {
        const check = () => {
          const card = document.querySelector('article[aria-label^="Step 150:"]');
          const title = card && card.querySelector('input:not([readonly]):not([disabled])');
          if (title) setTimeout(() => { window.__interactiveAt = performance.now(); }, 0);
          else setTimeout(check, 5);
        };
        check();
        // Everything built: all 1,000 notes and all 500 glossary rows are in the DOM.
        const complete = () => {
          if (document.querySelectorAll('li[id^="sticky-"]').length >= 1000 && document.querySelectorAll('li[id^="term-"]').length >= 500) window.__completeAt = performance.now();
          else setTimeout(complete, 20);
        };
        complete();
      })()`);
      const page = await context.newPage();
      // BENCH_CPU_PROF=dir: the first load is also recorded as a Chromium CPU profile there.
      const cdp = process.env.BENCH_CPU_PROF && run === 0 ? await context.newCDPSession(page) : null;
      if (cdp) {
        await browser.startTracing(page, { path: path.join(process.env.BENCH_CPU_PROF!, 'chromium-large-board-load.trace.json'), categories: ['devtools.timeline', 'blink', 'v8'] });
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      await page.goto(`http://127.0.0.1:${port}/w/pagespeedbrd#k=${secret}`);
      await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined, null, { timeout: 60_000 });
      const interactive = Math.round(await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt));
      await page.waitForFunction(() => (window as unknown as { __completeAt?: number }).__completeAt !== undefined, null, { timeout: 60_000 });
      const complete = Math.round(await page.evaluate(() => (window as unknown as { __completeAt: number }).__completeAt));
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        await browser.stopTracing();
        fs.mkdirSync(process.env.BENCH_CPU_PROF!, { recursive: true });
        fs.writeFileSync(path.join(process.env.BENCH_CPU_PROF!, `chromium-large-board-load.cpuprofile`), JSON.stringify(profile));
      }
      // The accessible name the journeys use is there too (checked once, not polled).
      await page.getByRole('textbox', { name: 'Step 150 title' }).waitFor();
      const js = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
          .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0),
      );
      runs.push({ interactive, complete, js });
      if (run < 2) await context.close();
      else {
        // Input latency: typing into a step title while 20 other clients type elsewhere.
        for (let i = 0; i < 20; i++) typists.push(await client(`ws://127.0.0.1:${port}/sync/pagespeedbrd/board?role=participant&key=${secret}`));
        const typing = setInterval(() => typists.forEach((c, i) => c.doc.getText(`elsewhere${i}`).insert(0, 'x')), 200);
        await page.evaluate(() => {
          const w = window as unknown as { __lat: number[] };
          w.__lat = [];
          document.addEventListener('keydown', (e) => {
            const start = e.timeStamp;
            requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - start), 0));
          }, true);
        });
        await page.getByRole('textbox', { name: 'Step 2 title' }).click();
        const typingCdp = process.env.BENCH_CPU_PROF ? await context.newCDPSession(page) : null;
        if (typingCdp) {
          await typingCdp.send('Profiler.enable');
          await typingCdp.send('Profiler.start');
        }
        await page.keyboard.type(' typed while others type', { delay: 50 });
        if (typingCdp) {
          const { profile } = await typingCdp.send('Profiler.stop');
          fs.writeFileSync(path.join(process.env.BENCH_CPU_PROF!, 'chromium-large-board-typing.cpuprofile'), JSON.stringify(profile));
        }
        clearInterval(typing);
        const lat = (await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)) as number[];
        const s = stats(lat, lat.length);
        out(row(['run', 'navigation → board interactive ms', 'navigation → every note and term built ms', 'JS transferred KiB']));
        out(row(['---', '---', '---', '---']));
        runs.forEach((r, i) => out(row([i + 1, r.interactive, r.complete, (r.js / 1024).toFixed(0)])));
        const sorted = runs.map((r) => r.interactive).sort((a, b) => a - b);
        const built = runs.map((r) => r.complete).sort((a, b) => a - b);
        results.interactiveMs = sorted[1];
        out();
        out(`Interactive: min ${sorted[0]} / median ${sorted[1]} / max ${sorted[2]} ms over 3 runs; every note and term built: min ${built[0]} / median ${built[1]} / max ${built[2]} ms. Each run is a fresh browser context (cold caches) on the same browser. Timed inside the page from navigation start: "interactive" is when the last (150th) step's title field is in the DOM and editable and the main thread then runs a task; the first screen of cards is complete by then, and the notes, metrics and glossary rows of the rest are built in idle time after it. Input latency (keydown → next frame) typing into a step title while 20 other clients type elsewhere, ${s.samples} keys: p50 ${f(s.p50)} / p95 ${f(s.p95)} / max ${f(s.max)} ms.`);
        out();
        await context.close();
      }
    }
  } finally {
    typists.forEach((c) => c.ws.terminate());
    await browser.close();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/**
 * Scale-out (issue 16): two instances on a throwaway PostgreSQL and Redis. Delivery to 50
 * clients on the writer's instance vs on the other one; one instance on PostgreSQL vs SQLite;
 * and failover: from `kill -9` of a client's instance to its next edit seen on another.
 */
async function clusterSection() {
  const { startPostgres, startRedis } = await import('../server/testing/services');
  const { failoverProxy } = await import('../server/testing/cluster');
  const { WorkshopConnection } = await import('../lib/sync/workshop-connection');
  const { sharedText, tokensOf } = await import('../server/testing/valid-data');
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const started: Server[] = [];
  const instance = async (databaseUrl: string, name: string, withRedis = true) => {
    const server = await startServer('ours', tmp(), { DATABASE_URL: databaseUrl, ...(withRedis ? { REDIS_URL: redis.url } : {}), INSTANCE_ID: name });
    started.push(server);
    return server;
  };
  try {
    out('## Scale-out: two instances on PostgreSQL and Redis');
    out();
    const db = await postgres.newDatabase();
    const [a, b] = [await instance(db, 'bench-a'), await instance(db, 'bench-b')];
    const url = await roomUrl('ours', a.port);
    const onB = url.replace(`:${a.port}/`, `:${b.port}/`);
    const same: Stats[] = [];
    const cross: Stats[] = [];
    for (let run = 0; run < RUNS; run++) {
      same.push(await fanoutBetween(url, url, 50));
      cross.push(await fanoutBetween(url, onB, 50));
    }
    results.clusterSame = summarise(same);
    results.clusterCross = summarise(cross);
    out(`One writer on instance A typing 100 edits a second, 50 receivers (${RUNS} runs each, interleaved; ms from the edit to its arrival):`);
    out();
    out(row(['receivers on', 'p50', 'p99 (median of runs)', 'p99 min–max over runs']));
    out(row(['---', '---', '---', '---']));
    for (const [label, r] of [['instance A (same as the writer)', results.clusterSame], ['instance B (through Redis)', results.clusterCross]] as const) {
      out(row([label, f(r.p50), f(r.p99), `${f(r.p99Min)}–${f(r.p99Max)}`]));
    }
    out();
    for (const s of started.splice(0)) await s.stop();

    // One instance, PostgreSQL vs SQLite (both durable before broadcast).
    const single: Array<[string, Stats]> = [];
    const pgOnly = await instance(await postgres.newDatabase(), 'bench-pg', false);
    const pgUrl = await roomUrl('ours', pgOnly.port);
    single.push(['PostgreSQL (one instance, no Redis)', await fanoutBetween(pgUrl, pgUrl, 50)]);
    for (const s of started.splice(0)) await s.stop();
    single.push(['SQLite (the default)', await fanout('ours', 50)]);
    out('One instance, 50 clients, 100 edits a second (ms):');
    out();
    out(row(['store', 'p50', 'p95', 'p99', 'max']));
    out(row(['---', '---', '---', '---', '---']));
    for (const [label, s] of single) out(row([label, f(s.p50), f(s.p95), f(s.p99), f(s.max)]));
    out();

    // Failover: a client behind a failover address (the balancer's part) types every 20 ms.
    const fdb = await postgres.newDatabase();
    const [x, y] = [await instance(fdb, 'bench-x'), await instance(fdb, 'bench-y')];
    const created = (await (await fetch(`http://127.0.0.1:${x.port}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Failover' }) })).json()) as { id: string; links: Record<string, string> };
    const secret = new URL(created.links.participant!).hash.slice(3);
    const proxy = await failoverProxy(() => [x.port, y.port]);
    const open = (origin: string) =>
      new WorkshopConnection({ origin, workshopId: created.id, role: 'participant', secret, identity: null, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    const mover = open(proxy.origin);
    const watcher = open(`http://127.0.0.1:${y.port}`);
    const until = async (check: () => boolean, timeoutMs = 30_000) => {
      const start = Date.now();
      while (!check()) {
        if (Date.now() - start > timeoutMs) throw new Error('failover bench: timed out');
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await until(() => mover.getSnapshot().loaded && watcher.getSnapshot().loaded);
    sharedText(mover.board, 'f');
    await until(() => tokensOf(watcher.board, 'f').length === 0 && watcher.board.getXmlFragment('step:f').length === 1);
    let typed = 0;
    const typing = setInterval(() => {
      const text = sharedText(mover.board, 'f');
      text.insert(text.length, `${typed++};`);
    }, 20);
    await until(() => tokensOf(watcher.board, 'f').length > 20);
    const killedAt = now();
    x.child.kill('SIGKILL');
    const firstAfter = typed;
    await until(() => tokensOf(watcher.board, 'f').includes(String(firstAfter)));
    const failoverMs = now() - killedAt;
    clearInterval(typing);
    await until(() => tokensOf(watcher.board, 'f').length === typed);
    const seen = tokensOf(watcher.board, 'f');
    mover.destroy();
    watcher.destroy();
    await proxy.close();
    out(`Failover: a client types every 20 ms through a failover address; its instance is killed with SIGKILL. Its first edit typed after the kill reached a client on the other instance **${failoverMs.toFixed(0)} ms** after the kill (reconnect with the app's jittered backoff, load from PostgreSQL, sync). All ${typed} edits arrived, ${new Set(seen).size === seen.length ? 'none twice' : 'SOME TWICE'}.`);
    out();
  } finally {
    for (const s of started) await s.stop();
    await redis.destroy();
    postgres.destroy();
  }
}

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  out('# Benchmarks');
  out();
  out(`Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. Run: ${new Date().toISOString()}. Loopback only; clients, writer and server share the machine.`);
  out();
  out(`Latency figures (sections 1 and 3) are ${RUNS} runs per server, interleaved, with the spread over runs given as min / median / max of p99; page speed is 3 runs (min / median / max); the other sections are one run each, with the spread over deliveries as p50 / p95 / p99 / max. \`npm run bench\` reproduces all of it (BENCH=fanout,… picks sections, BENCH_RUNS sets the runs, BENCH_CPU_PROF=dir writes CPU profiles: see docs/performance.md for what they showed).`);
  out();
  if (sections.has('fanout')) await fanoutSection();
  if (sections.has('throughput')) await throughputSection();
  if (sections.has('durability')) await durabilitySection();
  if (sections.has('scale')) await scaleSection();
  if (sections.has('coldload')) await coldLoadSection();
  if (sections.has('pagespeed')) await pageSpeedSection();
  if (sections.has('cluster')) await clusterSection();
  out('## Against the targets');
  out();
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'missed');
  const r = results;
  out(row(['target', 'measured', 'verdict']));
  out(row(['---', '---', '---']));
  if (r.ours50 && r.relay50 && r.stock50) {
    out(row(['50 clients: our p50 within 1.5× of the raw relay', `${(r.ours50.p50 / r.relay50.p50).toFixed(2)}×`, verdict(r.ours50.p50 <= 1.5 * r.relay50.p50)]));
    // Medians decide; where the run-to-run ranges overlap, the verdict says so.
    const overlap = r.ours50.p99Min <= r.stock50.p99Max && r.stock50.p99Min <= r.ours50.p99Max;
    out(row(['50 clients: our p99 below the stock server’s (durability on)', `median ${f(r.ours50.p99)} vs ${f(r.stock50.p99)} ms (ranges over runs: ours ${f(r.ours50.p99Min)}–${f(r.ours50.p99Max)}, stock ${f(r.stock50.p99Min)}–${f(r.stock50.p99Max)})`, `${verdict(r.ours50.p99 < r.stock50.p99)}${overlap ? ', within the run-to-run spread' : ''}`]));
  }
  if (r.ours200) out(row(['200 clients: p99 under 20 ms', `${f(r.ours200.p99)} ms`, verdict(r.ours200.p99 < 20)]));
  if (r.scaleRssMiB !== undefined) out(row(['1,000 rooms × 5 clients within 1 GiB RSS', `${r.scaleRssMiB.toFixed(0)} MiB`, verdict(r.scaleRssMiB < 1024)]));
  if (r.unloadedHeapMiB !== undefined) out(row(['idle rooms unloaded to near the starting memory', `heap ${r.unloadedHeapMiB.toFixed(1)} MiB vs ${r.startHeapMiB!.toFixed(1)} MiB at start`, verdict(r.unloadedHeapMiB < r.startHeapMiB! + 10)]));
  if (r.coldLargeMs !== undefined) out(row(['cold load of the large board under 300 ms (connect → synced, client decode included)', `${f(r.coldLargeMs)} ms`, verdict(r.coldLargeMs < 300)]));
  if (r.interactiveMs !== undefined) out(row(['large board interactive in the browser under 2 s', `${r.interactiveMs} ms (median of 3)`, verdict(r.interactiveMs < 2000)]));
  if (phoneSpeed) for (const t of phoneSpeedTargets(phoneSpeed)) out(row([t.target, t.measured, verdict(t.ok)]));
  if (r.clusterSame && r.clusterCross) out(row(['cluster, 50 clients: cross-instance p99 under 2× same-instance', `${f(r.clusterCross.p99)} vs ${f(r.clusterSame.p99)} ms (${(r.clusterCross.p99 / r.clusterSame.p99).toFixed(2)}×)`, verdict(r.clusterCross.p99 < 2 * r.clusterSame.p99)]));
  out();
  const missed: string[] = [];
  if (r.ours50 && r.stock50 && !(r.ours50.p99 < r.stock50.p99)) {
    missed.push(`50-client p99 (${f(r.ours50.p99)} vs ${f(r.stock50.p99)} ms, ${((r.ours50.p99 / r.stock50.p99 - 1) * 100).toFixed(0)} % over): every update is inserted into SQLite before it is sent on — about 0.1 ms in the server's profile — which the stock server, storing nothing, does not pay; the p99 spread over runs (above) is as wide as the gap. See docs/performance.md.`);
  }
  if (r.ours200 && !(r.ours200.p99 < 20)) missed.push(`200-client p99 (${f(r.ours200.p99)} ms): 200 receivers in two worker threads, the writer and the server share two cores; see the spread over runs above and docs/performance.md.`);
  if (r.clusterSame && r.clusterCross && !(r.clusterCross.p99 < 2 * r.clusterSame.p99)) missed.push(`cross-instance p99 (${f(r.clusterCross.p99)} ms vs ${f(r.clusterSame.p99)} ms on one instance): the extra hop is a Redis PUBLISH and the receiving instance's queue, on the same two cores as both instances, Redis, PostgreSQL and 51 clients.`);
  if (r.interactiveMs !== undefined && !(r.interactiveMs < 2000)) missed.push(`large board interactive (${r.interactiveMs} ms, ${r.interactiveMs - 2000} ms over): see docs/performance.md for the load profile.`);
  if (phoneSpeed) for (const t of phoneSpeedTargets(phoneSpeed)) if (!t.ok) missed.push(t.limit);
  if (missed.length) {
    out('Where a target is missed:');
    out();
    for (const m of missed) out(`- ${m}`);
  } else out('Every target was met in this run; docs/performance.md has the profiles behind the figures and the margins.');
  out();
  const skipped = ['fanout', 'throughput', 'durability', 'scale', 'coldload', 'pagespeed', 'cluster'].filter((x) => !sections.has(x));
  if (skipped.length) {
    out('## Not measured in this run');
    out();
    out(`Sections left out by BENCH=…: ${skipped.join(', ')}.`);
    out();
  }
  fs.writeFileSync(path.join(root, 'docs/benchmarks.md'), `${report.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
