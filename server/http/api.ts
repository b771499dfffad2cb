import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildLink } from '../../lib/links';
import type { Role } from '../../lib/protocol';
import { LIMITS, ROLES, isRole, isWorkshopId, roomName } from '../../lib/protocol';
import { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId, seedWorkshop } from '../../lib/templates';
import { deriveParticipantSecret } from '../../lib/join-secret';
import { checkAccess, hashSecret, newSecret, newWorkshopId } from '../auth';
import type { ServerConfig } from '../config';
import type { Store } from '../store/types';

/**
 * The HTTP API, served by our own server rather than by Next route handlers so that it shares
 * the one store (and its single SQLite connection) with the sync server in this process.
 */
export type ApiContext = {
  store: Store;
  config: ServerConfig;
  stats: () => Record<string, number>;
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body must be valid JSON');
  }
}

function originOf(req: IncomingMessage, config: ServerConfig): string {
  if (config.publicOrigin) return config.publicOrigin;
  const host = req.headers.host ?? `localhost:${config.port}`;
  return `http://${host}`;
}

async function createWorkshop(req: IncomingMessage, res: ServerResponse, ctx: ApiContext) {
  const body = await readJson(req, ctx.config.maxBodyBytes);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  const { title, template = DEFAULT_TEMPLATE } = body as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') throw new HttpError(400, 'title is required');
  if (title.length > LIMITS.titleMaxLength) {
    throw new HttpError(400, `title must be at most ${LIMITS.titleMaxLength} characters`);
  }
  if (!isTemplateId(template)) {
    throw new HttpError(400, `unknown template; use one of: ${TEMPLATES.map((t) => t.id).join(', ')}`);
  }
  const id = newWorkshopId();
  const projector = newSecret();
  // The participant secret derives from the projector secret, so the projector can show the
  // join QR code without any secret being stored (see lib/join-secret.ts).
  const secrets: Record<Role, string> = { projector, participant: deriveParticipantSecret(projector), facilitator: newSecret() };
  const origin = originOf(req, ctx.config);
  const links = Object.fromEntries(ROLES.map((role) => [role, buildLink(origin, id, role, secrets[role])])) as Record<Role, string>;
  const seeds = seedWorkshop(template, title.trim());
  await ctx.store.createWorkshop(
    {
      id,
      createdAt: Date.now(),
      template,
      secretHashes: Object.fromEntries(ROLES.map((role) => [role, hashSecret(secrets[role])])) as Record<Role, string>,
    },
    [
      { docName: roomName(id, 'board'), update: seeds.board },
      { docName: roomName(id, 'facilitation'), update: seeds.facilitation },
    ],
  );
  sendJson(res, 201, { id, links });
}

/** Lets a page check its link before connecting: a browser cannot read a refused upgrade's status. */
async function checkLink(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string) {
  const body = await readJson(req, ctx.config.maxBodyBytes);
  const { role, key } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!isRole(role)) throw new HttpError(400, 'role must be participant, facilitator or projector');
  if (!isWorkshopId(id)) throw new HttpError(404, 'workshop not found');
  const workshop = await ctx.store.getWorkshop(id);
  if (!workshop) throw new HttpError(404, 'workshop not found');
  const access = checkAccess(workshop, role, typeof key === 'string' ? key : null);
  if (access === 'missing') throw new HttpError(401, 'this link has no secret');
  if (access !== 'ok') throw new HttpError(403, 'this link is not valid');
  sendJson(res, 200, { id, role });
}

/** Handles `/api/*`; returns false for any other path so the caller can pass it on. */
export function handleApi(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  const route = async () => {
    if (url.pathname === '/api/time') {
      // The server's clock, for clients to correct their offset (timers agree across machines).
      return sendJson(res, 200, { now: Date.now() });
    }
    if (url.pathname === '/api/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'use GET');
      return sendJson(res, 200, { ok: true, ...ctx.stats() });
    }
    if (url.pathname === '/api/workshops') {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      return createWorkshop(req, res, ctx);
    }
    const access = /^\/api\/workshops\/([^/]+)\/access$/.exec(url.pathname);
    if (access) {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      return checkLink(req, res, ctx, access[1] ?? '');
    }
    throw new HttpError(404, 'no such endpoint');
  };
  route().catch((error: unknown) => {
    if (res.headersSent) return res.destroy();
    if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
    console.error('api error', error);
    sendJson(res, 500, { error: 'internal error' });
  });
  return true;
}
