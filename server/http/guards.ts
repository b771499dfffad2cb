import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config';

/** A refusal with its status, a sentence for people and, for 429/503, when to retry. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Per client address, a token bucket of `perMinute` tokens refilled at `perMinute` a minute:
 * a burst of that many, then that rate. Full buckets are forgotten (a full bucket is the same
 * as none), so the map holds only addresses active in the last minute.
 */
export type RateLimiter = { take(address: string): { ok: true } | { ok: false; retryAfterSeconds: number } };

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  const level = (b: { tokens: number; at: number }, t: number) => Math.min(perMinute, b.tokens + (t - b.at) * perMs);
  return {
    take(address) {
      const t = now();
      if (buckets.size > 10_000) for (const [key, b] of buckets) if (level(b, t) >= perMinute) buckets.delete(key);
      const bucket = buckets.get(address) ?? { tokens: perMinute, at: t };
      const tokens = level(bucket, t);
      if (tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      buckets.set(address, { tokens: tokens - 1, at: t });
      return { ok: true };
    },
  };
}

/** `address`: the client's (clientAddressOf, which honours TRUST_PROXY). */
export function takeToken(limiter: RateLimiter, address: string, what: string): void {
  const verdict = limiter.take(address);
  if (!verdict.ok) {
    throw new HttpError(429, `Too many ${what} from this address; try again in ${verdict.retryAfterSeconds} s.`, { 'Retry-After': String(verdict.retryAfterSeconds) });
  }
}

/**
 * Wrong guesses per client address (short join codes): each address may get `burst` wrong in a
 * row, then one more every `retrySeconds`. A right answer does not reset the count — otherwise
 * someone holding one valid code (their own workshop's) could interleave it with guesses.
 * IPv6 addresses count per /64, the block one subscriber usually gets.
 */
export type FailureLimiter = {
  /** Whether this address may try now; `retryAfterSeconds` when it may not. */
  check(address: string): { ok: true } | { ok: false; retryAfterSeconds: number };
  /** Counts a wrong guess; answers whether the address may still try. */
  fail(address: string): { ok: true } | { ok: false; retryAfterSeconds: number };
};

export function createFailureLimiter(burst: number, retrySeconds: number, now: () => number = Date.now): FailureLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = 1 / (retrySeconds * 1000);
  const level = (b: { tokens: number; at: number }, t: number) => Math.min(burst, b.tokens + (t - b.at) * perMs);
  const verdict = (tokens: number) =>
    tokens >= 1 ? ({ ok: true } as const) : ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) } as const);
  return {
    check(address) {
      const bucket = buckets.get(addressBlock(address));
      return verdict(bucket ? level(bucket, now()) : burst);
    },
    fail(address) {
      const t = now();
      if (buckets.size > 10_000) for (const [key, b] of buckets) if (level(b, t) >= burst) buckets.delete(key);
      const key = addressBlock(address);
      const bucket = buckets.get(key);
      const tokens = Math.max(0, (bucket ? level(bucket, t) : burst) - 1);
      buckets.set(key, { tokens, at: t });
      return verdict(tokens);
    },
  };
}

/** An IPv4 address as is; an IPv6 address as its /64 (`2001:db8:1:2::/64`). */
export function addressBlock(address: string): string {
  if (!address.includes(':') || address.startsWith('::ffff:')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The media type of a request, lower case, without parameters; '' when none was sent. */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether a browser's `Origin` is this app's own (or one configured in ALLOWED_ORIGINS). */
export function originAllowed(origin: string, req: IncomingMessage, config: ServerConfig): boolean {
  if (config.allowedOrigins.includes(origin)) return true;
  if (config.publicOrigin) return origin === config.publicOrigin;
  try {
    return new URL(origin).host === req.headers.host; // 'null' (sandboxed or file pages) throws
  } catch {
    return false;
  }
}

/**
 * Cross-site requests: a page on another site can make a browser POST here without asking
 * (a form, or `fetch` in no-cors mode), but only with the content types a form can send —
 * `text/plain`, `application/x-www-form-urlencoded`, `multipart/form-data` — or none (a Blob
 * body). Every POST must say `application/json` (an import may also send
 * `application/octet-stream`, what a file upload is typed as), which needs CORS approval we
 * never give; and a browser's `Origin`, sent with every cross-site POST, must be ours.
 */
export function checkPost(req: IncomingMessage, config: ServerConfig, allowed: readonly string[] = ['application/json']): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, req, config)) {
    throw new HttpError(403, 'Requests from other sites are not accepted (the Origin is not this server’s; see ALLOWED_ORIGINS).');
  }
  const type = mediaType(req);
  if (!allowed.includes(type)) {
    throw new HttpError(415, `Send the body as ${allowed.join(' or ')} (got ${type === '' ? 'no Content-Type' : type}).`);
  }
}

/** With CREATE_TOKEN set, creating and importing need `Authorization: Bearer <token>`. */
export function checkCreateToken(req: IncomingMessage, config: ServerConfig): void {
  if (config.createToken === null) return;
  const given = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!given) throw new HttpError(401, 'This server needs a creation token to create or import workshops (ask its administrator).');
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  if (!timingSafeEqual(digest(given), digest(config.createToken))) throw new HttpError(401, 'The creation token is not valid.');
}

/** Refuses new workshops while DATA_DIR's file system has less than MIN_FREE_DISK_BYTES (plus what this one needs) free. */
export async function checkFreeDisk(config: ServerConfig, neededBytes = 0): Promise<void> {
  let free: number;
  try {
    const stats = await fs.promises.statfs(config.dataDir);
    free = stats.bavail * stats.bsize;
  } catch {
    return; // a file system that cannot say is not a reason to refuse
  }
  if (free < config.minFreeDiskBytes + neededBytes) {
    throw new HttpError(507, 'The server is short of disk space and cannot take new workshops right now. Tell its administrator.');
  }
}
