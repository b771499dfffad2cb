/**
 * `npm run bench`: sync latency side by side with the baseline servers in one run (a raw relay,
 * stock y-websocket, Hocuspocus with its default debounce and with debounce 0, ours), what each
 * keeps through kill -9 (the durability probe), durability cost, scale, cold load, and the
 * cluster (same- vs cross-instance delivery, PostgreSQL vs SQLite, failover). Prints tables
 * and writes docs/benchmarks.md. Sections can be chosen with
 * BENCH=fanout,throughput,durability,scale,coldload,pagespeed,cluster (default: all).
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
import { stepDescriptionField, type StepId } from '../lib/doc/schema';
import { seedBoardBase } from '../lib/doc/workshop';
import { hashSecret } from '../server/auth';
import { lighthouseSection, phoneSpeedTargets, type PhoneSpeed } from './pagespeed';
import { openSqliteStore } from '../server/store/sqlite-store';
import { benchText, benchTokens } from './bench-text.mjs';
import { startSection } from './start';
import { wallSection } from './wall';
import { hello, incoming, outgoing, wireOf } from './wire.mjs';

const root = path.resolve(import.meta.dirname, '..');
const now = () => performance.timeOrigin + performance.now();
const sections = new Set((process.env.BENCH ?? 'fanout,throughput,durability,scale,coldload,pagespeed,cluster,wall,start').split(','));
const report: string[] = [];
/** Figures the targets are checked against, filled in by the sections that ran. */
const results: { ours50?: Runs; relay50?: Runs; stock50?: Runs; ours200?: Runs; scaleRssMiB?: number; unloadedHeapMiB?: number; startHeapMiB?: number; coldLargeMs?: number; interactiveMs?: number; clusterSame?: Runs; clusterCross?: Runs } = {};
const out = (line = '') => {
  console.log(line);
  report.push(line);
};

type Kind = 'ours' | 'ours-memory' | 'stock' | 'relay' | 'hocuspocus' | 'hocuspocus-d0';
type Server = { port: number; pid: number; stop: () => Promise<void>; kill9: () => Promise<void>; child: ChildProcess; dataDir: string; output: string[] };

/** Lines a server writes when it refuses or drops a client's message (ours logs JSON lines). */
const REFUSAL = /refused update|resync needed|closing socket|dropped pending|store append failed|room load failed/;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'));
}

async function startServer(kind: Kind, dataDir = tmp(), env: Record<string, string> = {}): Promise<Server> {
  // BENCH_CPU_PROF=dir: our server writes a V8 CPU profile there on exit (see bench/profile.ts).
  const profile = process.env.BENCH_CPU_PROF && kind !== 'relay' ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const script =
    kind === 'stock'
      ? [...profile, 'bench/servers/stock.mjs']
      : kind === 'relay'
        ? ['bench/servers/relay.mjs']
        : kind === 'hocuspocus' || kind === 'hocuspocus-d0'
          ? [...profile, 'bench/servers/hocuspocus.mjs']
          : [...profile, '--expose-gc', '--import', 'tsx', 'bench/servers/ours.ts'];
  const child = spawn(process.execPath, script, {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      STORE: kind === 'ours-memory' ? 'memory' : 'sqlite',
      LOG_LEVEL: 'info',
      UNLOAD_GRACE_MS: '1000',
      ...(kind === 'hocuspocus-d0' ? { HOCUSPOCUS_DEBOUNCE: '0' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        const m = /"port":(\d+)/.exec(line);
        if (m) resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`${kind} exited ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    child,
    dataDir,
    output,
    kill9: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
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
  // Hocuspocus names the document in every frame (see bench/wire.mjs); the path carries it here.
  if (kind === 'hocuspocus' || kind === 'hocuspocus-d0') return `ws://127.0.0.1:${port}/bench-${Math.random().toString(36).slice(2)}?protocol=hocuspocus`;
  const res = await fetch(`http://127.0.0.1:${port}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench' }) });
  const { id, links } = (await res.json()) as { id: string; links: Record<string, string> };
  return `ws://127.0.0.1:${port}/sync/${id}/board?role=participant&key=${new URL(links.participant!).hash.slice(3)}`;
}

type Client = {
  doc: Y.Doc;
  ws: WebSocket;
  /** Resolves when the server's answer to our sync step 1 (its document) has been applied. */
  synced: Promise<void>;
  /** Closes of the socket we did not ask for (code and reason), for the bench's checks. */
  closes: string[];
  /** Closes the socket; a close after this is not reported. */
  end(): void;
};

/** A sync client on this thread (the writer, probes). Speaks Hocuspocus's framing through bench/wire.mjs. */
function client(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const wire = wireOf(url);
    const doc = new Y.Doc();
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const send = (message: Uint8Array) => ws.send(outgoing(wire, message));
    const closes: string[] = [];
    let ended = false;
    let onSynced: () => void = () => {};
    const synced = new Promise<void>((r) => (onSynced = r));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ws || ws.readyState !== 1) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      send(encoding.toUint8Array(encoder));
    });
    ws.on('message', (data: Buffer) => {
      const bytes = incoming(wire, new Uint8Array(data));
      if (!bytes) return;
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
      if (encoding.length(encoder) > 1) send(encoding.toUint8Array(encoder));
      if (syncType === syncProtocol.messageYjsSyncStep2) onSynced();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (!ended) closes.push(`${code} ${reason.toString()}`);
    });
    ws.on('error', reject);
    ws.on('open', () => {
      for (const frame of hello(wire)) ws.send(frame);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, doc);
      send(encoding.toUint8Array(encoder));
      resolve({
        doc,
        ws,
        synced,
        closes,
        end() {
          ended = true;
          ws.terminate();
        },
      });
    });
  });
}

/** Creates a step through lib/ (as the app does) and returns the root of its rich-text description. */
function benchStep(doc: Y.Doc, title = 'Bench'): string {
  return stepDescriptionField(addStep(doc, { title }) as StepId);
}

/** A client waits for a condition on what it has received; rejects after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

type Stats = { p50: number; p95: number; p99: number; max: number; samples: number; expected: number };
function stats(values: number[], expected: number): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, samples: values.length, expected };
}

/** Receivers run in this many worker threads (BENCH_WORKERS; the method: 4). */
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 4));
/** Receivers decode each update as it arrives (BENCH_DECODE=deferred: timestamp on arrival, decode after the run). */
const DEFER_DECODE = process.env.BENCH_DECODE === 'deferred';

/** Fails the bench if a server logged that it refused or dropped something a client sent. */
function checkServerLog(kind: Kind, server: Server): void {
  const refusals = server.output.filter((line) => REFUSAL.test(line));
  if (refusals.length) throw new Error(`bench: ${kind} refused or dropped client messages, so its figures would not be of accepted edits:\n${refusals.slice(0, 5).join('\n')}`);
}

/** One writer, N receivers in worker threads; `edits` edits at `rate` per second. */
async function fanout(kind: Kind, n: number, edits = 500, rate = 100): Promise<Stats> {
  const server = await startServer(kind);
  try {
    const url = await roomUrl(kind, server.port);
    return await fanoutBetween(url, url, n, edits, rate).catch((error: Error) => {
      error.message = `${SERVER_NAMES[kind]}: ${error.message}`;
      throw error;
    });
  } finally {
    await server.stop();
    checkServerLog(kind, server);
  }
}

type WorkerMessage = { type: 'ready' } | { type: 'error'; error: string } | { type: 'done'; latencies: number[]; missing: number };

/** Starts receiver workers; `failures` collects what they report going wrong. */
async function startWorkers(urls: string[], data: Record<string, unknown>, failures: string[]): Promise<Array<{ worker: Worker; done: Promise<{ latencies: number[]; missing: number }> }>> {
  const chunks = Array.from({ length: WORKERS }, (_, w) => urls.filter((_, i) => i % WORKERS === w)).filter((c) => c.length);
  const started = chunks.map((chunk, w) => {
    const worker = new Worker(path.join(root, 'bench/client-worker.mjs'), { workerData: { ...data, urls: chunk, writeRoots: (data.writeRoots as string[] | undefined)?.filter((_, i) => i % WORKERS === w) } });
    let ready: () => void = () => {};
    const isReady = new Promise<void>((r) => (ready = r));
    const done = new Promise<{ latencies: number[]; missing: number }>((resolve) =>
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') ready();
        else if (m.type === 'error') failures.push(m.error);
        else if (m.type === 'done') resolve(m);
      }),
    );
    worker.on('error', (error) => failures.push(`receiver worker crashed: ${String(error)}`));
    return { worker, done, isReady };
  });
  await Promise.all(started.map((s) => s.isReady));
  return started;
}

/** Throws when a run is not a measurement of accepted, delivered edits. */
function checkRun(what: string, failures: string[], missing: number, writer?: Client): void {
  const problems = [...failures];
  if (writer?.closes.length) problems.push(`the writer's socket was closed by the server: ${writer.closes.join('; ')}`);
  if (missing > 0) problems.push(`${missing} deliveries missing (a receiver did not get every edit within 15 s of the last)`);
  if (problems.length) throw new Error(`bench: ${what} is invalid:\n- ${[...new Set(problems)].slice(0, 8).join('\n- ')}`);
}

/** The writer on `writerUrl`, N receivers on `receiverUrl` (the same room, maybe through another instance). */
async function fanoutBetween(url: string, receiverUrl: string, n: number, edits = 500, rate = 100): Promise<Stats> {
  // The writer makes the step first (through lib/, in one transaction): the receivers get it in
  // their initial sync, and then only the timed text edits.
  const writer = await client(url);
  // Its copy of the board first (the raw relay has no document and never answers: a moment, then on).
  await Promise.race([writer.synced, new Promise((r) => setTimeout(r, 1000))]);
  const stepRoot = benchStep(writer.doc);
  const failures: string[] = [];
  const workers = await startWorkers(Array.from({ length: n }, () => receiverUrl), { roots: [stepRoot], expectEdits: edits, deferDecode: DEFER_DECODE }, failures);
  try {
    const text = benchText(writer.doc, stepRoot);
    // Let the initial sync exchanges finish before measuring.
    await new Promise((r) => setTimeout(r, 500));
    workers.forEach(({ worker }) => worker.postMessage('record'));
    for (let seq = 0; seq < edits; seq++) {
      text.insert(text.length, `${seq}:${now()};`);
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
    const timeout = setTimeout(() => workers.forEach(({ worker }) => worker.postMessage('stop')), 15_000);
    const results = await Promise.all(workers.map((w) => w.done));
    clearTimeout(timeout);
    checkRun(`a run with ${n} receivers`, failures, results.reduce((m, r) => m + r.missing, 0), writer);
    return stats(results.flatMap((r) => r.latencies), edits * n);
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    writer.end();
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

/** How many times each latency figure is measured; tables give the median and the spread. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
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
  hocuspocus: 'Hocuspocus 3.4.4 + SQLite, default debounce (2 s, max 10 s)',
  'hocuspocus-d0': 'Hocuspocus 3.4.4 + SQLite, debounce 0',
  ours: 'ours (SQLite, stored before sent)',
  'ours-memory': 'ours (in-memory store)',
};

/** Fan-out figures by client count and server, filled in by section 1 (for the targets). */
const fanoutRuns = new Map<number, Partial<Record<Kind, Runs>>>();
/** Durability probe: edits a fresh client found after kill -9 and restart, by server. */
const kept = new Map<Kind, { kept: number; sent: number }>();
const PROBE_EDITS = 200;

async function fanoutSection() {
  const sizes = (process.env.BENCH_SIZES ?? '10,50,200').split(',').map(Number);
  const kinds = (process.env.BENCH_KINDS ?? 'relay,stock,hocuspocus,hocuspocus-d0,ours').split(',') as Kind[];
  out('## 1. Fan-out latency (one writer, N receivers, one room)');
  out();
  out(
    `Method: one writer types 500 edits 5 ms apart (100 a second) into one room; N receivers (headless y-protocols clients, ${WORKERS} worker threads) ${DEFER_DECODE ? 'timestamp each update on arrival and decode after the run' : 'apply each update to their Y.Doc as it arrives (decoding live, as a browser would)'}; the writer is on the main thread. Latency = time the receiver has the edit − time the writer made it, on the shared high-resolution clock; all N × 500 deliveries of a run count. Every server gets the same edits: characters typed into a step's rich-text description, the step created through lib/'s accessor (\`addStep\`) — a place our server's schema check accepts. A run fails loudly, and the bench stops, if any delivery is missing, if the server closes a client's socket, or if it logs a refused update. ${RUNS} runs per server, interleaved (A B C … A B C …) so drift on the machine hits all alike; each run starts its server fresh. p50 / p95 / max are the median over runs; p99 is given as min / median / max over runs.`,
  );
  out();
  out(
    'Servers: the raw relay forwards every frame to the room\'s other sockets (the floor: no Yjs at all). Stock y-websocket keeps the document in memory only. Hocuspocus 3.4.4 (the last line on Node 20) stores through its database extension into SQLite, by default 2 s after the last change (at most 10 s), and with debounce 0 at once — but after it has sent the update on. Hocuspocus prefixes every frame with the document name; the bench clients go through a thin adapter that adds and strips it (bench/wire.mjs), so every receiver does the same Yjs work. Ours stores every update in SQLite (WAL) before anyone else is sent it.',
  );
  out();
  out(row(['clients', 'server', 'p50 ms', 'p95 ms', 'p99 ms (min / median / max)', 'max ms', 'delivered', 'ours vs this server (median p50 / p99)']));
  out(row(['---', '---', '---', '---', '---', '---', '---', '---']));
  for (const n of sizes) {
    const byKind: Partial<Record<Kind, Runs>> = await interleaved(kinds, (kind) => fanout(kind, n));
    fanoutRuns.set(n, byKind);
    if (n === 50) Object.assign(results, { ours50: byKind.ours, relay50: byKind.relay, stock50: byKind.stock });
    if (n === 200) results.ours200 = byKind.ours;
    const ours = byKind.ours;
    for (const kind of kinds) {
      const s = byKind[kind]!;
      const ratio = ours && kind !== 'ours' ? `${(ours.p50 / s.p50).toFixed(2)}× / ${(ours.p99 / s.p99).toFixed(2)}×` : '';
      out(row([n, SERVER_NAMES[kind], f(s.p50), f(s.p95), spread(s), f(s.max), `${s.samples}/${s.expected}`, ratio]));
    }
  }
  out();
  if (!process.env.BENCH_NO_PROBE) await durabilityProbe(kinds.filter((k) => k !== 'relay'));
  // Side by side: latency and what survives.
  out('Latency beside durability (medians over runs; "kept" from the probe above):');
  out();
  out(row(['server', ...sizes.map((n) => `p50 ms @${n}`), ...sizes.map((n) => `p99 ms @${n}`), `kept after kill -9`]));
  out(row(['---', ...sizes.map(() => '---'), ...sizes.map(() => '---'), '---']));
  for (const kind of kinds) {
    const k = kept.get(kind);
    const keptCell = kind === 'relay' ? 'n/a (stores nothing)' : k ? `${k.kept} / ${k.sent}${kind === 'stock' ? ' (no persistence, by design)' : ''}` : 'not probed';
    out(row([SERVER_NAMES[kind], ...sizes.map((n) => f(fanoutRuns.get(n)?.[kind]?.p50 ?? NaN)), ...sizes.map((n) => f(fanoutRuns.get(n)?.[kind]?.p99 ?? NaN)), keptCell]));
  }
  out();
}

/**
 * The durability probe: a writer sends a burst of PROBE_EDITS edits (one update each, back to
 * back); as soon as another client has received all of them, the server is killed with SIGKILL
 * (no shutdown hooks run); it is restarted on the same data directory, and a fresh client counts
 * the edits it finds.
 */
async function durabilityProbe(kinds: Kind[]) {
  out(`Durability probe: a writer sends a burst of ${PROBE_EDITS} edits (each its own update, as typing makes them); the moment a second client has received all ${PROBE_EDITS}, the server gets \`kill -9\`; it is restarted on the same data and a fresh client counts what it finds. Stock y-websocket keeps nothing by design (no persistence configured), so it finds 0; it is run anyway.`);
  out();
  out(row(['server', 'kept after kill -9', 'burst sent → received by the other client, ms']));
  out(row(['---', '---', '---']));
  for (const kind of kinds) {
    const dataDir = tmp();
    let server = await startServer(kind, dataDir);
    try {
      const url = await roomUrl(kind, server.port);
      const writer = await client(url);
      const watcher = await client(url);
      await Promise.all([writer.synced, watcher.synced]);
      const stepRoot = benchStep(writer.doc);
      await until(() => watcher.doc.getXmlFragment(stepRoot).length > 0, 'the probe step to reach the other client');
      const text = benchText(writer.doc, stepRoot);
      const t0 = now();
      for (let i = 0; i < PROBE_EDITS; i++) text.insert(text.length, `${i}:p;`);
      await until(() => benchTokens(watcher.doc, stepRoot).length >= PROBE_EDITS, 'the burst to reach the other client');
      const burstMs = now() - t0;
      checkRun(`the durability probe of ${kind}`, watcher.closes.map((c) => `the other client's socket was closed: ${c}`), 0, writer);
      await server.kill9();
      writer.end();
      watcher.end();
      checkServerLog(kind, server);
      server = await startServer(kind, dataDir);
      const fresh = await client(url.replace(/:\d+\//, `:${server.port}/`));
      await fresh.synced;
      const found = benchTokens(fresh.doc, stepRoot).length;
      fresh.end();
      kept.set(kind, { kept: found, sent: PROBE_EDITS });
      out(row([SERVER_NAMES[kind], `${found} / ${PROBE_EDITS}`, f(burstMs)]));
    } finally {
      await server.stop();
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
  // Many writers: 50 clients each typing 5 characters a second for 10 s, all receiving. Each
  // types into a step of its own (a description holds 20,000 characters), made through lib/.
  const server = await startServer('ours');
  try {
    const url = await roomUrl('ours', server.port);
    const n = 50;
    const perClientEdits = 50;
    const setup = await client(url);
    await setup.synced;
    const roots = Array.from({ length: n }, (_, i) => benchStep(setup.doc, `Writer ${i}`));
    const failures: string[] = [];
    const workers = await startWorkers(Array.from({ length: n }, () => url), { roots, writeRoots: roots, expectEdits: perClientEdits * (n - 1), writeRate: 5, writeSeconds: 10 }, failures);
    await new Promise((r) => setTimeout(r, 500));
    const cpuStart = cpuMs(server.pid);
    const t0 = Date.now();
    workers.forEach(({ worker }) => worker.postMessage('write'));
    const timeout = setTimeout(() => workers.forEach(({ worker }) => worker.postMessage('stop')), 25_000);
    const results = await Promise.all(workers.map((w) => w.done));
    const latencies = results.flatMap((r) => r.latencies);
    clearTimeout(timeout);
    checkRun('the many-writers run', failures, results.reduce((m, r) => m + r.missing, 0), setup);
    setup.end();
    const cpu = ((cpuMs(server.pid) - cpuStart) / (Date.now() - t0)) * 100;
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    // A writer's own edits are not sent back to it: each client receives the other 49's.
    const s = stats(latencies.filter((l) => l >= 0), n * (n - 1) * perClientEdits);
    out(`Many writers: 50 clients each typing 5 characters a second for 10 s (250 edits/s into the room, ${n - 1} receivers each): p50 ${f(s.p50)} / p95 ${f(s.p95)} / p99 ${f(s.p99)} / max ${f(s.max)} ms, ${s.samples} of ${s.expected} deliveries measured; server CPU ${cpu.toFixed(0)} % of one core. With the server mostly idle, these latencies are the ${WORKERS} client worker threads applying ~12,000 remote edits a second between them: on this 2-core machine the clients, not the server, are the limit.`);
    out();
  } finally {
    await server.stop();
    checkServerLog('ours', server);
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
    const failures: string[] = [];
    const workers = await startWorkers(urls, { roots: [], expectEdits: Number.MAX_SAFE_INTEGER }, failures);
    // Light typing: one writer per 10 rooms, one character a second each, for 10 s, each into a step it made.
    const writers = await Promise.all([...new Set(urls)].filter((_, i) => i % 10 === 0).map((u) => client(u)));
    await Promise.all(writers.map((w) => w.synced));
    const texts = writers.map((w) => benchText(w.doc, benchStep(w.doc)));
    const cpuStart = cpuMs(server.pid);
    const t0 = Date.now();
    for (let s = 0; s < 10; s++) {
      for (const text of texts) text.insert(0, 'x');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const cpu = ((cpuMs(server.pid) - cpuStart) / (Date.now() - t0)) * 100;
    const loaded = await health(server.port);
    for (const { worker } of workers) worker.postMessage('stop');
    await Promise.all(workers.map((w) => w.done));
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    checkRun('the scale run', failures, 0, writers.find((w) => w.closes.length));
    for (const w of writers) w.end();
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
  // The large board in Chromium is measured on the wall (bench/wall.ts, section `wall`): the
  // list-of-cards probe that stood here waited for the 150th card, which the wall does not render
  // until it is in view.
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
    out(`Failover: a client types every 20 ms through a failover address; its instance is killed with SIGKILL. Its first edit typed after the kill reached a client on the other instance **${failoverMs.toFixed(0)} ms** after the kill (reconnect with the app's jittered backoff, load from PostgreSQL, sync). All ${typed} edits arrived, ${new Set(seen).size === seen.length ? 'none twice' : 'SOME TWICE'}. The failover address is a TCP proxy that tries the next instance as soon as one refuses: the figure leaves out the time a load balancer takes to notice a dead instance (deploy/haproxy.cfg: a health check a second, down after two failures).`);
    out();
  } finally {
    for (const s of started) await s.stop();
    await redis.destroy();
    postgres.destroy();
  }
}

/**
 * The fan-out targets of issue 17, with durability on: each row says met or missed and by how
 * much (the margin is the measured median against the bound). Returns what to say where missed.
 */
function latencyTargets(): string[] {
  const misses: string[] = [];
  const at = (n: number) => fanoutRuns.get(n) ?? {};
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`;
  // Why a latency target is missed is said once, after the list, not under each miss.
  const reasons = new Set<string>();
  const check = (target: string, measured: string, ok: boolean, margin: string, why: string) => {
    out(row([target, measured, `${ok ? 'met' : 'missed'} (${margin})`]));
    if (!ok) {
      misses.push(`${target}: ${measured}, ${margin}.`);
      reasons.add(why);
    }
  };
  const limits =
    'Ours checks every update against the board schema, applies it and inserts it into SQLite before it sends it to anyone; the peers check nothing and send first (storing later, or never). Timed inside our server at 50 clients under this load (p50): 0.35–0.45 ms from a frame arriving to the first send (schema check ≈ 0.1, apply ≈ 0.14, SQLite insert ≈ 0.1 ms), then ≈ 0.7 ms of socket writes to 50 receivers, which every server pays. All of it shares two cores with the writer and four receiver threads; docs/performance.md has the profile.';
  const ours50 = at(50).ours;
  const relay50 = at(50).relay;
  if (ours50 && relay50) {
    const ratio = ours50.p50 / relay50.p50;
    check('50 clients: our p50 at most 1.3× the raw relay', `${ratio.toFixed(2)}× (${f(ours50.p50)} vs ${f(relay50.p50)} ms)`, ratio <= 1.3, `${pct(ratio / 1.3 - 1)} against the bound`, limits);
  }
  for (const n of [10, 50]) {
    const ours = at(n).ours;
    if (!ours) continue;
    for (const peer of ['stock', 'hocuspocus', 'hocuspocus-d0'] as const) {
      const other = at(n)[peer];
      if (!other) continue;
      const overlap = ours.p99Min <= other.p99Max && other.p99Min <= ours.p99Max;
      check(
        `${n} clients: our p99 below ${SERVER_NAMES[peer]}`,
        `median ${f(ours.p99)} vs ${f(other.p99)} ms (over runs: ours ${f(ours.p99Min)}–${f(ours.p99Max)}, theirs ${f(other.p99Min)}–${f(other.p99Max)})`,
        ours.p99 < other.p99,
        `${pct(ours.p99 / other.p99 - 1)}${overlap ? '; the ranges over runs overlap' : ''}`,
        limits,
      );
    }
  }
  const ours200 = at(200).ours;
  const relay200 = at(200).relay;
  if (ours200 && relay200) {
    const ratio = ours200.p99 / relay200.p99;
    check('200 clients: our p99 at most 1.5× the raw relay', `${ratio.toFixed(2)}× (${f(ours200.p99)} vs ${f(relay200.p99)} ms)`, ratio <= 1.5, `${pct(ratio / 1.5 - 1)} against the bound`, `At 200 clients the receivers' decoding saturates this 2-core machine for every server, and our longer work per update (above) waits behind it.`);
  }
  const ours = kept.get('ours');
  if (ours) check('nothing acknowledged is lost: ours keeps every edit through kill -9', `${ours.kept} / ${ours.sent}`, ours.kept === ours.sent, `${ours.sent - ours.kept} lost`, 'An update is stored before it is sent to anyone; a loss here is a bug.');
  if (reasons.size) misses.push(`Why the latency targets above are missed: ${[...reasons].join(' ')}`);
  return misses;
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
  if (sections.has('wall')) await wallSection({ out, seedWorkshop, largeBoard });
  if (sections.has('start')) await startSection({ out });
  out('## Against the targets');
  out();
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'missed');
  const r = results;
  out(row(['target', 'measured', 'verdict']));
  out(row(['---', '---', '---']));
  const latencyMisses = latencyTargets();
  if (r.scaleRssMiB !== undefined) out(row(['1,000 rooms × 5 clients within 1 GiB RSS', `${r.scaleRssMiB.toFixed(0)} MiB`, verdict(r.scaleRssMiB < 1024)]));
  if (r.unloadedHeapMiB !== undefined) out(row(['idle rooms unloaded to near the starting memory', `heap ${r.unloadedHeapMiB.toFixed(1)} MiB vs ${r.startHeapMiB!.toFixed(1)} MiB at start`, verdict(r.unloadedHeapMiB < r.startHeapMiB! + 10)]));
  if (r.coldLargeMs !== undefined) out(row(['cold load of the large board under 300 ms (connect → synced, client decode included)', `${f(r.coldLargeMs)} ms`, verdict(r.coldLargeMs < 300)]));
  if (r.interactiveMs !== undefined) out(row(['large board interactive in the browser under 2 s', `${r.interactiveMs} ms (median of 3)`, verdict(r.interactiveMs < 2000)]));
  if (phoneSpeed) for (const t of phoneSpeedTargets(phoneSpeed)) out(row([t.target, t.measured, verdict(t.ok)]));
  if (r.clusterSame && r.clusterCross) out(row(['cluster, 50 clients: cross-instance p99 under 2× same-instance', `${f(r.clusterCross.p99)} vs ${f(r.clusterSame.p99)} ms (${(r.clusterCross.p99 / r.clusterSame.p99).toFixed(2)}×)`, verdict(r.clusterCross.p99 < 2 * r.clusterSame.p99)]));
  out();
  const missed: string[] = [];
  missed.push(...latencyMisses);
  if (r.clusterSame && r.clusterCross && !(r.clusterCross.p99 < 2 * r.clusterSame.p99)) missed.push(`cross-instance p99 (${f(r.clusterCross.p99)} ms vs ${f(r.clusterSame.p99)} ms on one instance): the extra hop is a Redis PUBLISH and the receiving instance's queue, on the same two cores as both instances, Redis, PostgreSQL and 51 clients.`);
  if (r.interactiveMs !== undefined && !(r.interactiveMs < 2000)) missed.push(`large board interactive (${r.interactiveMs} ms, ${r.interactiveMs - 2000} ms over): see docs/performance.md for the load profile.`);
  if (phoneSpeed) for (const t of phoneSpeedTargets(phoneSpeed)) if (!t.ok) missed.push(t.limit);
  if (missed.length) {
    out('Where a target is missed:');
    out();
    for (const m of missed) out(`- ${m}`);
  } else out('Every target was met in this run; docs/performance.md has the profiles behind the figures and the margins.');
  out();
  const skipped = ['fanout', 'throughput', 'durability', 'scale', 'coldload', 'pagespeed', 'cluster', 'wall', 'start'].filter((x) => !sections.has(x));
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
