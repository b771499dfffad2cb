import os from 'node:os';
import path from 'node:path';
import { parseTrustedProxies } from './http/client-address';

type Env = Record<string, string | undefined>;

/** Server configuration, parsed once from the environment. Every knob is documented in the README. */
export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…`: store in PostgreSQL instead of SQLite under DATA_DIR. */
  databaseUrl: string | null;
  /** `redis://…` (with DATABASE_URL): share rooms with the other instances on the same database. */
  redisUrl: string | null;
  /** This instance's name in a cluster (health answer, presence heartbeats); unique per process. */
  instanceId: string;
  /** Base URL used in the links we hand out; defaults to the Host header of the request. */
  publicOrigin: string | null;
  /** Largest websocket message accepted; bigger ones close that socket (1009). */
  maxPayloadBytes: number;
  /** How long a room with no clients stays in memory before it is stored compactly and unloaded. */
  unloadGraceMs: number;
  /** Largest JSON body the HTTP API reads. */
  maxBodyBytes: number;
  /** Interval of websocket keep-alive pings and liveness checks. */
  keepAliveMs: number;
  /** Per connection: messages and bytes per second (a burst of 4 s is allowed) before it is closed. */
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  /** Per connection: presence (awareness) updates per second. */
  maxAwarenessPerSecond: number;
  maxConnectionsPerRoom: number;
  maxConnectionsPerIp: number;
  maxRooms: number;
  /** A document's stored size (snapshot plus log) may not pass this; the update is refused. */
  maxDocumentBytes: number;
  /** Time allowed for the HTTP request (and upgrade) headers: slow clients are cut off. */
  headersTimeoutMs: number;
  /**
   * Load balancers (addresses or CIDR blocks) whose X-Forwarded-For names the client for
   * per-address limits; empty (the default): the TCP peer is the client. See http/client-address.ts.
   */
  trustProxy: string[];
  /** Origins allowed to open websockets (besides the server's own host); empty = own host only. */
  allowedOrigins: string[];
  // --- Sync server: schema validation and resource limits (issue 20) ---
  /** A stored document with more Yjs clients than this is not loaded (4500): its heap would be too large. */
  maxDocClients: number;
  /** A stored document with more structs (items) than this is not loaded (4500); ~500 B of heap each. */
  maxDocStructs: number;
  /** Bytes a connection may have waiting to be sent; a client that stops reading is closed (1013) above. */
  maxBufferedBytes: number;
  /** Bytes of updates per minute a workshop accepts from all its connections together (4429 above). */
  workshopWriteBytesPerMinute: number;
  // --- HTTP API abuse limits, import budgets and privacy (issue 20, HTTP part) ---
  /** Per client address: workshops created per minute (a token bucket of this size, refilled at this rate). */
  createPerMinute: number;
  /** Per client address: backups imported per minute (token bucket, as above). */
  importPerMinute: number;
  /** When set, creating and importing need `Authorization: Bearer <token>` (for public deployments). */
  createToken: string | null;
  /** Creation and import are refused (507) while DATA_DIR's file system has less free space than this. */
  minFreeDiskBytes: number;
  /** Import: a document written by more clients than this is refused before it is decoded. */
  importMaxClients: number;
  /** Short join codes: wrong codes one address may send in a row before 429 (IPv6: per /64). */
  joinCodeMaxWrong: number;
  /** Short join codes: after that, one more try per this many seconds. */
  joinCodeRetrySeconds: number;
  /** Import: a document of more structs (items, deletions, gaps) than this is refused before it is decoded. */
  importMaxStructs: number;
};

/** An origin (`https://board.example.org`), without a path: links are built from it. */
function origin(env: Env, name: string): string | null {
  const raw = env[name];
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an origin such as https://board.example.org, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new Error(`${name} must be an origin such as https://board.example.org (no path), got "${raw}"`);
  }
  return url.origin;
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (!raw) return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error(`DATABASE_URL must be a postgres://… URL, got "${raw.replace(/:[^:@/]*@/, ':***@')}"`);
  return raw;
}

function redisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (!raw) return null;
  if (!/^rediss?:\/\//.test(raw)) throw new Error('REDIS_URL must be a redis://… URL');
  if (!env.DATABASE_URL) throw new Error('REDIS_URL shares rooms between instances on one PostgreSQL database: set DATABASE_URL too');
  return raw;
}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: databaseUrl(env),
    redisUrl: redisUrl(env),
    instanceId: env.INSTANCE_ID || `${os.hostname()}-${process.pid}`,
    publicOrigin: origin(env, 'PUBLIC_ORIGIN'),
    maxPayloadBytes: int(env, 'MAX_PAYLOAD_BYTES', 4 * 1024 * 1024, 1024),
    unloadGraceMs: int(env, 'UNLOAD_GRACE_MS', 30_000),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 64 * 1024, 1024),
    keepAliveMs: int(env, 'KEEPALIVE_MS', 15_000, 100),
    maxMessagesPerSecond: int(env, 'MAX_MESSAGES_PER_SECOND', 200, 1),
    maxBytesPerSecond: int(env, 'MAX_BYTES_PER_SECOND', 2 * 1024 * 1024, 1024),
    maxAwarenessPerSecond: int(env, 'MAX_AWARENESS_PER_SECOND', 30, 1),
    maxConnectionsPerRoom: int(env, 'MAX_CONNECTIONS_PER_ROOM', 500, 1),
    maxConnectionsPerIp: int(env, 'MAX_CONNECTIONS_PER_IP', 1000, 1),
    maxRooms: int(env, 'MAX_ROOMS', 5000, 1),
    maxDocumentBytes: int(env, 'MAX_DOCUMENT_BYTES', 64 * 1024 * 1024, 1024),
    headersTimeoutMs: int(env, 'HEADERS_TIMEOUT_MS', 10_000, 100),
    trustProxy: parseTrustedProxies(env.TRUST_PROXY).entries,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    // --- Sync server: schema validation and resource limits (issue 20); see docs/security.md ---
    maxDocClients: int(env, 'MAX_DOC_CLIENTS', 100_000, 1),
    maxDocStructs: int(env, 'MAX_DOC_STRUCTS', 500_000, 1),
    maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 64 * 1024),
    workshopWriteBytesPerMinute: int(env, 'WORKSHOP_WRITE_BYTES_PER_MINUTE', 16 * 1024 * 1024, 1024),
    // --- HTTP API abuse limits, import budgets and privacy (issue 20, HTTP part) ---
    // A facilitator creates a handful of workshops an hour; a class behind one NAT address may
    // create 30 at once. A flood (1,259 a second was measured) is cut to this rate.
    createPerMinute: int(env, 'CREATE_PER_MINUTE', 30, 1),
    importPerMinute: int(env, 'IMPORT_PER_MINUTE', 10, 1),
    createToken: env.CREATE_TOKEN ? env.CREATE_TOKEN : null,
    minFreeDiskBytes: int(env, 'MIN_FREE_DISK_BYTES', 100 * 1024 * 1024),
    importMaxClients: int(env, 'IMPORT_MAX_CLIENTS', 100_000, 1),
    importMaxStructs: int(env, 'IMPORT_MAX_STRUCTS', 500_000, 1),
    // --- Short join codes (issue 14); the guessing arithmetic is in docs/security.md ---
    joinCodeMaxWrong: int(env, 'JOIN_CODE_MAX_WRONG', 10, 1),
    joinCodeRetrySeconds: int(env, 'JOIN_CODE_RETRY_SECONDS', 60, 1),
  };
}
