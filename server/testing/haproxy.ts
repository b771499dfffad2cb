import fs from 'node:fs';
import path from 'node:path';

/** Where HAProxy is: Debian's path, else whatever is on PATH (`.ci/run` installs it). */
export const HAPROXY = fs.existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

export const SHIPPED_HAPROXY_CFG = path.resolve(import.meta.dirname, '..', '..', 'deploy', 'haproxy.cfg');

/**
 * deploy/haproxy.cfg as shipped, with only what differs on a test machine replaced: the
 * address it listens on, the instances' ports (and names), and where it logs. Tests run the
 * shipped file, not a copy that could drift from it; a change to the file's shape that this
 * cannot follow throws, so the tests notice.
 */
export function haproxyConfigFor(options: {
  /** `127.0.0.1:PORT` */
  bind: string;
  servers: ReadonlyArray<{ name: string; port: number }>;
  /** Lines put into the backend before the servers (e.g. `use-server` rules). */
  beforeServers?: readonly string[];
  /** Log to stderr instead of stdout. */
  logToStderr?: boolean;
}): string {
  let text = fs.readFileSync(SHIPPED_HAPROXY_CFG, 'utf8');
  const replaceOnce = (pattern: RegExp, replacement: string) => {
    const matches = text.match(new RegExp(pattern.source, 'gm'));
    if (matches?.length !== 1) throw new Error(`deploy/haproxy.cfg: expected one line matching ${pattern}, found ${matches?.length ?? 0}`);
    text = text.replace(new RegExp(pattern.source, 'm'), replacement);
  };
  replaceOnce(/^(\s*)bind :8080$/, `$1bind ${options.bind}`);
  if (options.logToStderr) replaceOnce(/^(\s*)log stdout /, '$1log stderr ');
  const serverLine = /^\s*server cg\d \S+ check\n/gm;
  const servers = text.match(serverLine);
  if (!servers || servers.length === 0) throw new Error('deploy/haproxy.cfg: no `server cgN host:port check` lines');
  const indent = /^\s*/.exec(servers[0]!)![0];
  const replacement = [...(options.beforeServers ?? []), ...options.servers.map((s) => `server ${s.name} 127.0.0.1:${s.port} check`)].map((l) => `${indent}${l}\n`).join('');
  let first = true;
  text = text.replace(serverLine, () => {
    const out = first ? replacement : '';
    first = false;
    return out;
  });
  return text;
}
