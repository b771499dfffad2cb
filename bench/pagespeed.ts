/**
 * Phone page speed (issue 17): Lighthouse 12.2.3 against the participant board of the B2B sales
 * template on a production build, with the workshop timer running (started by a facilitator's
 * connection, as in a workshop). Mobile profile (Lighthouse's default: Moto G Power screen,
 * simulated slow 4G and 4× CPU slowdown), 3 cold runs, each in a fresh Chromium profile; then
 * the desktop profile and the home page once each.
 *
 * `npm run bench` calls it from the page-speed section; `tsx bench/pagespeed.ts` runs it alone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = 3;

/** What one Lighthouse run measured. */
export type LighthouseRun = {
  score: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  /** Lighthouse saw the page settle (network and main thread quiet) before its 45 s limit. */
  idle: boolean;
  scriptKiB: number;
  /** Lighthouse's measure of this machine's speed at the time (a quiet desktop is over 1,000); the 4× slowdown is applied on top. */
  benchmarkIndex: number;
  /** Why the figures are what they are: the LCP element and its phases, the costliest scripts. */
  diagnosis: string;
};

export type PhoneSpeed = { mobile: LighthouseRun[]; desktop: LighthouseRun; home: LighthouseRun; ticking: { busyMsPerSecond: number; longTasks: number; quietMs: number; windowMs: number } };

type Out = (line?: string) => void;

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const spread = (xs: number[], digits = 0, scale = 1) => {
  const s = sorted(xs).map((x) => (x / scale).toFixed(digits));
  return `${s[0]} / ${s[Math.floor(s.length / 2)]} / ${s[s.length - 1]}`;
};
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;

/** The production server of this checkout on a free port, with its own data directory. */
async function startProductionServer(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lighthouse-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      const m = /localhost:(\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  child.stdout!.resume();
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A workshop from the sales template, created as the home page does (same-origin POST). */
async function createSalesWorkshop(origin: string): Promise<{ id: string; facilitator: string; participant: string }> {
  const res = await fetch(`${origin}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ title: 'Acme sales (page speed)', template: 'b2b-sales' }),
  });
  if (res.status !== 201) throw new Error(`creating the workshop: ${res.status} ${await res.text()}`);
  const { id, links } = (await res.json()) as { id: string; links: Record<string, string> };
  const secret = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('k')!;
  return { id, facilitator: secret(links.facilitator!), participant: secret(links.participant!) };
}

/** The facilitator connects and starts a 60-minute timer, as with the Start timer button; stays connected. */
async function startTimerAsFacilitator(origin: string, workshop: { id: string; facilitator: string }) {
  const { WorkshopConnection } = await import('../lib/sync/workshop-connection');
  const { timerActions, getTimer } = await import('../lib/doc/timer');
  const connection = new WorkshopConnection({
    origin,
    workshopId: workshop.id,
    role: 'facilitator',
    secret: workshop.facilitator,
    identity: null, // not on the board's presence list: the phone sees the timer, not a second person
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const deadline = Date.now() + 20_000;
  while (!connection.getSnapshot().loaded) {
    if (Date.now() > deadline) throw new Error('the facilitator connection did not load');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Loopback: the server's clock is this machine's clock.
  timerActions.start(connection.facilitation, Date.now(), 60 * 60_000);
  if (getTimer(connection.facilitation).status !== 'running') throw new Error('the timer did not start');
  return connection;
}

type Lhr = {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; displayValue?: string; details?: unknown }>;
  runWarnings: string[];
  runtimeError?: { code: string; message: string };
  environment: { benchmarkIndex: number };
};

/** The LCP element, its phases, and the scripts that cost the most main-thread time. */
function diagnose(lhr: Lhr): string {
  const parts: string[] = [];
  const lcpItems = (lhr.audits['largest-contentful-paint-element']?.details as { items?: Array<{ items?: Array<Record<string, unknown>> }> } | undefined)?.items ?? [];
  const element = lcpItems[0]?.items?.[0]?.node as { nodeLabel?: string; snippet?: string } | undefined;
  if (element) parts.push(`LCP element: ${element.snippet?.slice(0, 80) ?? ''} (“${(element.nodeLabel ?? '').slice(0, 40)}”)`);
  const phases = lcpItems[1]?.items as Array<{ phase: string; timing: number }> | undefined;
  if (phases) parts.push(`LCP phases: ${phases.map((p) => `${p.phase} ${p.timing.toFixed(0)} ms`).join(', ')}`);
  const bootup = ((lhr.audits['bootup-time']?.details as { items?: Array<{ url: string; scripting: number; total: number }> } | undefined)?.items ?? [])
    .slice(0, 3)
    .map((i) => `${i.url.replace(/^https?:\/\/[^/]+/, '')} ${i.scripting.toFixed(0)} ms`);
  if (bootup.length) parts.push(`most script time (simulated): ${bootup.join(', ')}`);
  const longTasks = ((lhr.audits['long-tasks']?.details as { items?: Array<{ url: string; duration: number }> } | undefined)?.items ?? [])
    .slice(0, 3)
    .map((t) => `${t.url.replace(/^https?:\/\/[^/]+/, '')} ${t.duration.toFixed(0)} ms`);
  if (longTasks.length) parts.push(`longest tasks (4× slowed): ${longTasks.join(', ')}`);
  const observed = (lhr.audits['metrics']?.details as { items?: Array<Record<string, number>> } | undefined)?.items?.[0];
  if (observed) parts.push(`observed without throttling: FCP ${observed.observedFirstContentfulPaint} ms, LCP ${observed.observedLargestContentfulPaint} ms, load ${observed.observedLoad} ms`);
  const unused = lhr.audits['unused-javascript']?.displayValue;
  if (unused) parts.push(`unused JS: ${unused}`);
  return parts.join('; ');
}

async function lighthouseRun(url: string, origin: string, profile: 'mobile' | 'desktop'): Promise<LighthouseRun> {
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const { chromium } = await import('@playwright/test');
  // A fresh profile per run (chrome-launcher makes a new user-data-dir): cold caches.
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    logLevel: 'silent',
  });
  try {
    // Who I am, as the join form would have stored it: set on a page of the same origin that
    // loads no script (the JSON health check), so the board's code is still not cached.
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(`${origin}/api/health`);
    await page.evaluate(() => localStorage.setItem('cg:identity', JSON.stringify({ id: 'abcdef0123456789', name: 'Phone', team: '' })));
    await page.close();
    await browser.close(); // disconnects; the browser keeps running for Lighthouse
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true },
      profile === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error('Lighthouse returned nothing');
    const lhr = result.lhr as unknown as Lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (process.env.BENCH_LIGHTHOUSE_DIR) {
      fs.mkdirSync(process.env.BENCH_LIGHTHOUSE_DIR, { recursive: true });
      const name = `${profile}-${new URL(url).pathname.replace(/\W+/g, '_')}-${Date.now()}`;
      fs.writeFileSync(path.join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}.json`), JSON.stringify(lhr));
      // The observed (unthrottled) trace the simulation starts from: LCP candidates, tasks.
      const trace = (result.artifacts as { Trace?: unknown }).Trace;
      if (trace) fs.writeFileSync(path.join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}.trace.json`), JSON.stringify(trace));
    }
    const scripts = ((lhr.audits['resource-summary']?.details as { items?: Array<{ resourceType: string; transferSize: number }> } | undefined)?.items ?? []).find((i) => i.resourceType === 'script');
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
      fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? NaN,
      // The one warning Lighthouse gives when the page never settled within its 45 s limit.
      idle: !lhr.runWarnings.some((w) => w.includes('too slowly to finish within the time limit')),
      scriptKiB: (scripts?.transferSize ?? 0) / 1024,
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
      diagnosis: diagnose(lhr),
    };
  } finally {
    await chrome.kill();
  }
}

/** The ticks of the timer the ticking cost is measured over (about a second each). */
const TICKS = 5;

/**
 * Is the phone board quiet while the timer ticks? After load, with the CPU slowed 4× as in
 * Lighthouse's profile: main-thread time per second and long tasks (over 50 ms) over `TICKS`
 * ticks of the timer, once the timer shows and has ticked twice to settle.
 */
async function tickingCost(url: string): Promise<PhoneSpeed['ticking'] & { timerText: [string, string] }> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    await context.addInitScript(`localStorage.setItem('cg:identity', JSON.stringify({ id: 'fedcba9876543210', name: 'Phone', team: '' }))`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Performance.enable');
    await page.goto(url);
    const timer = page.getByRole('timer');
    await timer.waitFor({ timeout: 60_000 });
    // The timer's next change of text: one tick of the clock the board shows.
    const nextTick = async () => {
      const shown = (await timer.textContent()) ?? '';
      await page.waitForFunction((text) => document.querySelector('[role="timer"]')?.textContent !== text, shown, { timeout: 10_000 });
    };
    // Settled: the board has drawn and the timer has ticked twice since.
    for (let tick = 0; tick < 2; tick++) await nextTick();
    await page.evaluate(`(() => { window.__long = []; window.__from = performance.now(); new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.startTime + e.duration]); }).observe({ type: 'longtask' }); })()`);
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
    const before = await taskSeconds();
    const first = (await timer.textContent()) ?? '';
    // The window: the next TICKS changes of the timer's text (about 5 s). Counted by a mutation
    // observer, which runs only when the text changes: polling from here would itself keep the
    // page's main thread busy every frame and be counted.
    await page.evaluate(`new Promise((resolve, reject) => {
      const timer = document.querySelector('[role="timer"]');
      let shown = timer.textContent;
      let ticks = 0;
      const observer = new MutationObserver(() => {
        if (timer.textContent === shown) return;
        shown = timer.textContent;
        if (++ticks >= ${TICKS}) { observer.disconnect(); resolve(); }
      });
      observer.observe(timer, { characterData: true, childList: true, subtree: true });
      setTimeout(() => reject(new Error('the timer stopped ticking')), ${TICKS} * 3000);
    })`);
    const busy = (await taskSeconds()) - before;
    const last = (await timer.textContent()) ?? '';
    const { tasks, from, to } = (await page.evaluate('({ tasks: window.__long, from: window.__from, to: performance.now() })')) as { tasks: Array<[number, number]>; from: number; to: number };
    // Lighthouse calls the page idle after a second without a long task: the longest such gap.
    let quietMs = 0;
    let since = from;
    for (const [start, end] of [...tasks].sort((a, b) => a[0] - b[0])) {
      quietMs = Math.max(quietMs, start - since);
      since = Math.max(since, end);
    }
    quietMs = Math.max(quietMs, to - since);
    return { busyMsPerSecond: (busy * 1000) / ((to - from) / 1000), longTasks: tasks.length, quietMs, windowMs: to - from, timerText: [first, last] };
  } finally {
    await browser.close();
  }
}

/** Runs the Lighthouse part and prints it; undefined when there is no production build. */
export async function lighthouseSection(out: Out): Promise<PhoneSpeed | undefined> {
  out('### Phone board: Lighthouse 12.2.3 on the participant board of the sales template, timer running');
  out();
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    out('Not measured: no production build (run `npm run build` first).');
    out();
    return undefined;
  }
  const server = await startProductionServer();
  let facilitator: { destroy: () => void } | null = null;
  try {
    const workshop = await createSalesWorkshop(server.origin);
    facilitator = await startTimerAsFacilitator(server.origin, workshop);
    const board = `${server.origin}/w/${workshop.id}#k=${workshop.participant}`;
    const mobile: LighthouseRun[] = [];
    for (let i = 0; i < RUNS; i++) mobile.push(await lighthouseRun(board, server.origin, 'mobile'));
    const desktop = await lighthouseRun(board, server.origin, 'desktop');
    const home = await lighthouseRun(`${server.origin}/`, server.origin, 'mobile');
    const ticking = await tickingCost(board);
    out(row(['run', 'page', 'profile', 'performance', 'LCP s', 'TBT ms', 'FCP s', 'went idle', 'JS transferred KiB', 'machine (benchmark index)']));
    out(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
    const line = (label: string, page: string, profile: string, r: LighthouseRun) =>
      out(row([label, page, profile, r.score, (r.lcpMs / 1000).toFixed(2), r.tbtMs.toFixed(0), (r.fcpMs / 1000).toFixed(2), r.idle ? 'yes' : 'no', r.scriptKiB.toFixed(0), r.benchmarkIndex]));
    mobile.forEach((r, i) => line(String(i + 1), 'participant board', 'mobile', r));
    line('–', 'participant board', 'desktop', desktop);
    line('–', 'home page', 'mobile', home);
    out();
    out(
      `Mobile, ${RUNS} cold runs (min / median / max): performance ${spread(mobile.map((r) => r.score))}, LCP ${spread(mobile.map((r) => r.lcpMs), 2, 1000)} s, total blocking time ${spread(mobile.map((r) => r.tbtMs))} ms; went idle with the timer running in ${mobile.filter((r) => r.idle).length} of ${RUNS}. Desktop: ${desktop.score}. Home page (mobile): ${home.score}.`,
    );
    out();
    out(
      `With the timer running (it went from ${ticking.timerText[0]} to ${ticking.timerText[1]} while measured), the loaded phone board kept the main thread busy ${ticking.busyMsPerSecond.toFixed(1)} ms per second (CPU slowed 4×, over ${TICKS} ticks of the timer — ${(ticking.windowMs / 1000).toFixed(1)} s — after two to settle), with ${ticking.longTasks} long task${ticking.longTasks === 1 ? '' : 's'} over 50 ms; the longest stretch without one was ${(ticking.quietMs / 1000).toFixed(1)} s (Lighthouse waits for 1 s).`,
    );
    out();
    out(`Lighthouse's default mobile profile: simulated throttling (slow 4G, 4× CPU slowdown) on this machine's Chromium (${CHROMIUM}, --headless=new), each run a fresh browser profile (cold caches); a facilitator's connection started a 60-minute timer first, so the board under test is ticking. "Went idle": Lighthouse saw the network and main thread quiet before its 45 s limit (otherwise it warns that the page loaded too slowly). Other load on the machine inflates the observed main-thread time that the 4× slowdown multiplies: the benchmark index column shows how fast the machine was during each run (a quiet desktop scores over 1,000; below about 500 the mobile figures say more about the machine than the page). The median run's diagnosis:`);
    out();
    out(`- ${mobile.find((r) => r.score === median(mobile.map((m) => m.score)))!.diagnosis}`);
    out();
    return { mobile, desktop, home, ticking };
  } finally {
    facilitator?.destroy();
    await server.stop();
  }
}

/** The issue's targets for the phone board, for the bench's summary table. */
export function phoneSpeedTargets(r: PhoneSpeed): Array<{ target: string; measured: string; ok: boolean; limit: string }> {
  const scores = r.mobile.map((m) => m.score);
  const lcp = r.mobile.map((m) => m.lcpMs);
  const tbt = r.mobile.map((m) => m.tbtMs);
  const diagnosis = r.mobile.find((m) => m.score === median(scores))!.diagnosis;
  return [
    { target: 'phone board: Lighthouse performance at least 90 (median of 3)', measured: `${median(scores)} (${spread(scores)})`, ok: median(scores) >= 90, limit: `performance ${median(scores)}, ${90 - median(scores)} points under: ${diagnosis}` },
    { target: 'phone board: LCP under 2.5 s', measured: `${(median(lcp) / 1000).toFixed(2)} s (${spread(lcp, 2, 1000)})`, ok: median(lcp) < 2500, limit: `LCP ${(median(lcp) / 1000).toFixed(2)} s, ${((median(lcp) - 2500) / 1000).toFixed(2)} s over: ${diagnosis}` },
    { target: 'phone board: total blocking time under 200 ms', measured: `${median(tbt).toFixed(0)} ms (${spread(tbt)})`, ok: median(tbt) < 200, limit: `TBT ${median(tbt).toFixed(0)} ms, ${(median(tbt) - 200).toFixed(0)} ms over: ${diagnosis}` },
    {
      target: 'phone board goes idle with the timer running',
      measured: `Lighthouse settled in ${r.mobile.filter((m) => m.idle).length} of ${r.mobile.length} runs; ticking: ${r.ticking.busyMsPerSecond.toFixed(1)} ms/s busy, longest quiet stretch ${(r.ticking.quietMs / 1000).toFixed(1)} s of ${(r.ticking.windowMs / 1000).toFixed(1)}`,
      ok: r.mobile.every((m) => m.idle) && r.ticking.quietMs >= 1000,
      limit: `the phone board did not go idle with the timer running (Lighthouse settled in ${r.mobile.filter((m) => m.idle).length} of ${r.mobile.length} runs; while ticking the longest stretch without a long task was ${(r.ticking.quietMs / 1000).toFixed(1)} s)`,
    },
  ];
}

// `tsx bench/pagespeed.ts`: this section alone, printed, docs/benchmarks.md untouched.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  lighthouseSection((line = '') => console.log(line)).then(
    (r) => {
      if (r) for (const t of phoneSpeedTargets(r)) console.log(`${t.ok ? 'met' : 'MISSED'}: ${t.target}: ${t.measured}`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
