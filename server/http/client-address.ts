import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/**
 * The address a request comes from, as every per-address limit counts it (workshop creation
 * and import buckets, wrong join codes, websocket connections per address).
 *
 * Behind a load balancer every TCP peer is the balancer, so without help all users would share
 * one address's limits. TRUST_PROXY lists the proxies (addresses or CIDR blocks) whose
 * X-Forwarded-For this server believes. A list rather than a hop count: a count is silently
 * wrong (and spoofable) when a request reaches an instance by another path than the one the
 * count assumes (directly, or through one more proxy), while a list is checked against each
 * request's real peer.
 *
 * - The peer is not a trusted proxy (or TRUST_PROXY is empty, the default): the peer's address;
 *   any X-Forwarded-For is ignored, so a client cannot name itself out of a limit.
 * - It is: X-Forwarded-For is read from the right (each proxy appends the address it received
 *   from), skipping trusted proxies; the first address that is not one is the client. Whatever
 *   a client wrote to the left of that is never read.
 */
export type TrustedProxies = { readonly list: net.BlockList; readonly empty: boolean };

/** Parses TRUST_PROXY (comma-separated addresses and CIDR blocks); throws on anything else. */
export function parseTrustedProxies(raw: string | undefined): { entries: string[]; proxies: TrustedProxies } {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = net.isIP(address ?? '');
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length > 0 || (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits || bits === ''))) {
      throw new Error(`TRUST_PROXY must list the load balancers' addresses or CIDR blocks, such as 10.0.0.5,10.1.0.0/16,::1; got "${entry}"`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return { entries, proxies: { list, empty: entries.length === 0 } };
}

/** An IPv4 address that arrived as IPv6 (`::ffff:10.0.0.5`, on a dual-stack socket) as IPv4. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** One X-Forwarded-For entry as an address (`[::1]:443` and `10.0.0.5:1234` lose their port), or null. */
function entryAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = plain(value);
  return net.isIP(value) ? value : null;
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && proxies.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

const parsed = new WeakMap<readonly string[], TrustedProxies>();

/** The client address of a request under the configuration's TRUST_PROXY (`config.trustProxy`). */
export function clientAddressOf(req: IncomingMessage, config: { readonly trustProxy: readonly string[] }): string {
  let proxies = parsed.get(config.trustProxy);
  if (!proxies) parsed.set(config.trustProxy, (proxies = parseTrustedProxies(config.trustProxy.join(',')).proxies));
  return clientAddress(req, proxies);
}

export function clientAddress(req: IncomingMessage, proxies: TrustedProxies): string {
  const peer = plain(req.socket.remoteAddress ?? 'unknown');
  if (proxies.empty || !isTrusted(proxies, peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').filter((h) => h.trim() !== '');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const address = entryAddress(hops[i]!);
    // Garbage where a trusted proxy's entry should be: the last address we can vouch for.
    if (!address) return client;
    client = address;
    if (!isTrusted(proxies, address)) return address;
  }
  return client;
}
