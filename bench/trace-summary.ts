/**
 * Summarises a Chromium trace (devtools.timeline): time on the renderer's main thread by event
 * (script, style, layout, paint, parsing), top-level events only, so nothing is counted twice.
 * `npx tsx bench/trace-summary.ts <trace.json>`; `BENCH_CPU_PROF=dir` makes the page-speed run write one.
 */
import fs from 'node:fs';

type Event = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

export function mainThreadTime(events: Event[]): { totalMs: number; byName: Array<[string, number]> } {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const complete = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Attribute each top-level task's time to its children by name, self time to the task.
  const byName = new Map<string, number>();
  let total = 0;
  let i = 0;
  while (i < complete.length) {
    const task = complete[i]!;
    const end = task.ts + task.dur!;
    total += task.dur!;
    let j = i + 1;
    let childEnd = task.ts;
    let covered = 0;
    for (; j < complete.length && complete[j]!.ts < end; j++) {
      const child = complete[j]!;
      if (child.ts >= childEnd) {
        // A direct child (not nested in the previous one).
        const d = Math.min(child.dur!, end - child.ts);
        byName.set(child.name, (byName.get(child.name) ?? 0) + d);
        covered += d;
        childEnd = child.ts + child.dur!;
      }
    }
    byName.set(`${task.name} (self)`, (byName.get(`${task.name} (self)`) ?? 0) + task.dur! - covered);
    i = j;
  }
  return { totalMs: total / 1000, byName: [...byName].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, us / 1000]) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const raw = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Event[] | { traceEvents: Event[] };
  const { totalMs, byName } = mainThreadTime(Array.isArray(raw) ? raw : raw.traceEvents);
  console.log(`renderer main thread busy: ${totalMs.toFixed(0)} ms`);
  for (const [name, ms] of byName.slice(0, 20)) console.log(`  ${ms.toFixed(1).padStart(9)} ms  ${name}`);
}
