import path from 'node:path';

type Env = Record<string, string | undefined>;

/** Server configuration, parsed once from the environment. Every knob is documented in the README. */
export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
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
};

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
    publicOrigin: env.PUBLIC_ORIGIN ? env.PUBLIC_ORIGIN.replace(/\/$/, '') : null,
    maxPayloadBytes: int(env, 'MAX_PAYLOAD_BYTES', 4 * 1024 * 1024, 1024),
    unloadGraceMs: int(env, 'UNLOAD_GRACE_MS', 30_000),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 64 * 1024, 1024),
    keepAliveMs: int(env, 'KEEPALIVE_MS', 15_000, 100),
  };
}
