import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createApiClient } from '../../lib/api-client';
import { parseLink, syncUrl } from '../../lib/links';
import type { DocKind, Role } from '../../lib/protocol';
import { MessageType, roomName } from '../../lib/protocol';
import { createAppServer, type AppServer } from '../app-server';
import { loadConfig, type ServerConfig } from '../config';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/types';

/** Test helpers: real servers on port 0, real websocket clients. */

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cg-test-'));
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir: tempDataDir(), ...overrides };
}

export async function startInProcess(
  config: ServerConfig,
  store: Store = openSqliteStore(config.dataDir),
): Promise<AppServer & { origin: string; config: ServerConfig }> {
  const app = createAppServer({ config, store });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  return Object.assign(app, { origin: `http://127.0.0.1:${app.port()}`, config });
}

export type ChildServer = { origin: string; process: ChildProcess; port: number; output: () => string };

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Starts `server/standalone.ts` as its own process (so that it can be killed with SIGKILL). */
export async function startChild(dataDir: string, port = 0, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/standalone.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const actualPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { origin: `http://127.0.0.1:${actualPort}`, process: child, port: actualPort, output: () => output };
}

export async function killChild(child: ChildServer, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill(signal);
  });
}

export type CreatedWorkshop = { id: string; links: Record<Role, string>; secrets: Record<Role, string> };

export async function createWorkshop(origin: string, title = 'Sales process', template?: string): Promise<CreatedWorkshop> {
  const result = await createApiClient({ origin }).createWorkshop({ title, template });
  if (!result.ok) throw new Error(`create failed: ${result.status} ${result.error}`);
  const body = result.body;
  const secrets = Object.fromEntries(
    Object.entries(body.links).map(([role, link]) => [role, parseLink(link)!.secret]),
  ) as Record<Role, string>;
  return { ...body, secrets };
}

export function syncUrlFor(origin: string, id: string, kind: DocKind, role: Role, key: string): string {
  return `${syncUrl(origin)}/${roomName(id, kind)}?role=${role}&key=${key}`;
}

/** A stock y-websocket client in Node. */
export function connectProvider(origin: string, workshop: CreatedWorkshop, role: Role, kind: DocKind = 'board') {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl(origin), roomName(workshop.id, kind), doc, {
    params: { role, key: workshop.secrets[role] },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) };
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', (synced: boolean) => synced && resolve()));
}

/** Waits until `check` passes, polling; fails with the last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** A raw websocket client that records what it receives, for protocol-level tests. */
export async function rawClient(url: string) {
  const ws = new WebSocket(url);
  const received: Uint8Array[] = [];
  ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received, closed };
}

/** The HTTP status a refused upgrade answered with. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', (e) => reject(e));
  });
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function saveCheckMessage(seq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SaveCheck);
  encoding.writeVarUint(encoder, seq);
  return encoding.toUint8Array(encoder);
}

export function messageType(message: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(message));
}

/** Reads a document's full current state as a fresh client sees it. */
export async function readDoc(origin: string, workshop: CreatedWorkshop, role: Role = 'participant', kind: DocKind = 'board') {
  const client = connectProvider(origin, workshop, role, kind);
  await whenSynced(client.provider);
  const snapshot = Y.encodeStateAsUpdate(client.doc);
  client.destroy();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return doc;
}
