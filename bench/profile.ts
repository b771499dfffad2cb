/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) as text: self time by function and by package.
 * `npm run bench:profile -- <dir or .cpuprofile files>`; `BENCH_CPU_PROF=dir npm run bench` writes them.
 */
import fs from 'node:fs';
import path from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Which package (or our own directory) a script URL belongs to. */
export function owner(url: string): string {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const m = /\/(server|lib|bench)\//.exec(url);
  return m ? `ours: ${m[1]}/` : url;
}

export function summarise(profile: Profile, top = 25): { totalMs: number; idleMs: number; programMs: number; byFunction: Array<[string, number]>; byOwner: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const own = new Map<string, number>();
  let idle = 0;
  let program = 0;
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    if (functionName === '(idle)' || functionName === '(program)') {
      if (functionName === '(idle)') idle += us;
      else program += us;
      continue;
    }
    const key = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''} [${owner(url)}]`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    own.set(owner(url), (own.get(owner(url)) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, us / 1000] as [string, number]);
  return { totalMs: total / 1000, idleMs: idle / 1000, programMs: program / 1000, byFunction: sorted(fn).slice(0, top), byOwner: sorted(own) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const files = args.flatMap((a) => (fs.statSync(a).isDirectory() ? fs.readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(a, f)) : [a]));
  for (const file of files) {
    const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile);
    console.log(`\n${path.basename(file)}: ${s.totalMs.toFixed(0)} ms sampled, ${(s.totalMs - s.idleMs).toFixed(0)} ms busy, of which ${s.programMs.toFixed(0)} ms outside JavaScript ("(program)": in a browser, style, layout, paint and parsing)`);
    console.log('\nself time by package:');
    for (const [k, ms] of s.byOwner.slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(9)} ms  ${k}`);
    console.log('\nself time by function:');
    for (const [k, ms] of s.byFunction) console.log(`  ${ms.toFixed(1).padStart(9)} ms  ${k}`);
  }
}
