import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import type { AccessGranted, ApiError, ApiRouteName, CreatedWorkshop, ExportFile, Health, JoinCodeAnswer, JoinTarget, RotatedLinks, ServerTime, StoreKind, WorkshopLinks } from '../../lib/api-client';
import { API_ROUTES } from '../../lib/api-client';
import { backupLimits, createBackup } from '../../lib/export/backup';
import { BackupScanner } from '../../lib/export/backup-scan';
import { DOWNSTREAM_EXPORTS } from '../../lib/export/downstream';
import { buildHandbook, handbookToMarkdown, metricsToCsv } from '../../lib/export/handbook';
import { serializeGlossaryCsv } from '../../lib/glossary/csv';
import { buildLink } from '../../lib/links';
import type { Role } from '../../lib/protocol';
import { LIMITS, ROLES, isRole, isWorkshopId, roomName } from '../../lib/protocol';
import { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId, seedWorkshop } from '../../lib/templates';
import { getJoinPanelVersion } from '../../lib/doc/sessions';
import { normalizeJoinCode } from '../../lib/join-code';
import { deriveParticipantSecret } from '../../lib/join-secret';
import { checkAccess, hashSecret, newSecret, newWorkshopId } from '../auth';
import type { ServerConfig } from '../config';
import { deriveJoinCode, hashJoinCode, sealSecret, unsealSecret } from '../join-code';
import { log } from '../log';
import type { Store } from '../store/types';
import { clientAddressOf } from './client-address';
import { HttpError, checkCreateToken, checkFreeDisk, checkPost, createFailureLimiter, createRateLimiter, takeToken, type FailureLimiter, type RateLimiter } from './guards';
import { createImportRunner, type ImportRunner } from './import-runner';

/**
 * The HTTP API, served by our own server rather than by Next route handlers so that it shares
 * the one store (and its single SQLite connection) with the sync server in this process.
 */
export type ApiContext = {
  store: Store;
  config: ServerConfig;
  stats: () => { rooms: number; connections: number; presenceEntries: number };
  /** This instance and its store, for the health answer. */
  describe: { instance: string; store: StoreKind };
  readDocument: (name: string) => Promise<Y.Doc>;
  /** Closes the live connections opened with any of these secret hashes. */
  closeConnections: (workshopId: string, hashes: ReadonlySet<string>) => void;
  limits: ApiLimits;
};

/** State the API keeps between requests: the abuse limits and the import worker. */
export type ApiLimits = { creations: RateLimiter; imports: RateLimiter; wrongJoinCodes: FailureLimiter; importRunner: ImportRunner; close(): Promise<void> };

export function createApiLimits(config: ServerConfig, now: () => number = Date.now): ApiLimits {
  const importRunner = createImportRunner({ maxClients: config.importMaxClients, maxStructs: config.importMaxStructs, maxDocumentBytes: config.maxDocumentBytes });
  return {
    creations: createRateLimiter(config.createPerMinute),
    imports: createRateLimiter(config.importPerMinute),
    wrongJoinCodes: createFailureLimiter(config.joinCodeMaxWrong, config.joinCodeRetrySeconds, now),
    importRunner,
    close: () => importRunner.close(),
  };
}

/** Answers JSON; `T` is the response type of the route (shared with the client in lib/api-client.ts). */
function sendJson<T>(res: ServerResponse, status: number, body: T, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(text);
}

/**
 * A request whose body stopped arriving (the client went away, or was cut off at the request
 * timeout): one log line, no stack trace — thousands of slow senders must not fill the log
 * with traces (issue 20 measured 3,000).
 */
class BodyNotReceived extends HttpError {
  constructor(readonly received: number) {
    super(400, 'the request body did not arrive completely');
  }
}

/** Reads a body chunk by chunk; `onChunk` returns false to stop with 413. */
async function readBody(req: IncomingMessage, maxBytes: number, onChunk: (chunk: Buffer) => boolean): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes || !onChunk(chunk as Buffer)) throw new HttpError(413, `request body over ${maxBytes} bytes`);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new BodyNotReceived(size);
  }
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  await readBody(req, maxBytes, (chunk) => (chunks.push(chunk), true));
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

/** Creates a workshop with fresh id and links from seed documents; answers 201 with the links. */
/** `title`: sent back when the caller cannot know it (an imported file names its own process). */
async function createFromSeeds(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, template: string, seeds: { board: Uint8Array; facilitation: Uint8Array }, title?: string) {
  const id = newWorkshopId();
  const projector = newSecret();
  // The participant secret derives from the projector secret, so the projector can show the
  // join QR code without any secret being stored (see lib/join-secret.ts).
  const secrets: Record<Role, string> = { projector, participant: deriveParticipantSecret(projector), facilitator: newSecret() };
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
  const origin = originOf(req, ctx.config);
  const links = Object.fromEntries(ROLES.map((role) => [role, buildLink(origin, id, role, secrets[role])])) as WorkshopLinks;
  sendJson<CreatedWorkshop>(res, 201, title === undefined ? { id, links } : { id, links, title });
}

/** What creating and importing check first: the rate per address, the token, the disk. */
async function checkNewWorkshop(req: IncomingMessage, ctx: ApiContext, limiter: RateLimiter, what: string) {
  takeToken(limiter, clientAddressOf(req, ctx.config), what);
  checkCreateToken(req, ctx.config);
  await checkFreeDisk(ctx.config);
}

async function createWorkshop(req: IncomingMessage, res: ServerResponse, ctx: ApiContext) {
  await checkNewWorkshop(req, ctx, ctx.limits.creations, 'new workshops');
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
  await createFromSeeds(req, res, ctx, template, seedWorkshop(template, title.trim()));
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
  sendJson<AccessGranted>(res, 200, { id, role });
}

/**
 * Imports a JSON backup as a new workshop (new id, new links); a bad file creates nothing.
 * The body is read as it arrives without keeping its readable `content` (backup-scan.ts), so
 * a backup of two documents at MAX_DOCUMENT_BYTES fits; the documents are then decoded and
 * checked against the schema in a worker thread (import-runner.ts), never on this event loop.
 */
async function importBackup(req: IncomingMessage, res: ServerResponse, ctx: ApiContext) {
  await checkNewWorkshop(req, ctx, ctx.limits.imports, 'imports');
  const limits = backupLimits(ctx.config.maxDocumentBytes);
  const scanner = new BackupScanner(limits.kept);
  await readBody(req, limits.total, (chunk) => scanner.push(chunk));
  await checkFreeDisk(ctx.config, scanner.bytesKept);
  const outcome = await ctx.limits.importRunner.run(scanner.parts());
  if (!outcome) throw new HttpError(503, 'Another backup is being imported; try again in a few seconds.', { 'Retry-After': '5' });
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.error);
  await createFromSeeds(req, res, ctx, 'import', { board: outcome.board, facilitation: outcome.facilitation });
}

/**
 * Imports a `.bpmn` file as a new workshop (lib/export/bpmn-import.ts): the body is the XML as
 * is. A file that is not BPMN or has no task gets 400 with the reason and creates nothing. The
 * same guards as a backup import: rate limit, creation token, free disk.
 */
async function importBpmn(req: IncomingMessage, res: ServerResponse, ctx: ApiContext) {
  await checkNewWorkshop(req, ctx, ctx.limits.imports, 'imports');
  // Loaded on first use: bpmn-moddle need not slow every server start.
  const { BPMN_MAX_BYTES, bpmnToSeeds, parseBpmn } = await import('../../lib/export/bpmn-import');
  const chunks: Buffer[] = [];
  await readBody(req, BPMN_MAX_BYTES, (chunk) => (chunks.push(chunk), true));
  const parsed = await parseBpmn(Buffer.concat(chunks).toString('utf8'));
  if (!parsed.ok) throw new HttpError(400, parsed.error);
  await createFromSeeds(req, res, ctx, 'import-bpmn', bpmnToSeeds(parsed), parsed.title);
}

/**
 * `facilitatorOnly`: the backup holds both documents whole — every ballot, consensus answer
 * and the team and token of each "I don't understand" flag — so only the facilitator may
 * take it; the projector link is shown to the whole room. The handbook and CSVs hold counts.
 */
type ExportFormat = { type: string; facilitatorOnly?: boolean; render: (board: Y.Doc, facilitation: Y.Doc, now: Date) => string | Uint8Array | Promise<string | Uint8Array> };

/**
 * Looked up in a Map, never by indexing an object: a name from the URL such as `__proto__`
 * or `constructor` would find Object.prototype's members there.
 */
const EXPORTS: ReadonlyMap<string, ExportFormat> = new Map<ExportFile, ExportFormat>([
  ['handbook.md', { type: 'text/markdown; charset=utf-8', render: (b, f) => handbookToMarkdown(buildHandbook(b, f, new Date())) }],
  ['glossary.csv', { type: 'text/csv; charset=utf-8', render: (b, f) => serializeGlossaryCsv(buildHandbook(b, f, new Date()).terms) }],
  ['metrics.csv', { type: 'text/csv; charset=utf-8', render: (b, f) => metricsToCsv(buildHandbook(b, f, new Date()).metrics) }],
  ['backup.json', { type: 'application/json; charset=utf-8', facilitatorOnly: true, render: (b, f) => JSON.stringify(createBackup(b, f, new Date()), null, 2) }],
  ...DOWNSTREAM_EXPORTS,
]);

/**
 * Exports, for any role (the backup for the facilitator): `GET /api/workshops/<id>/export/<file>` with the link secret as
 * `Authorization: Bearer <secret>` (a header, so it stays out of URLs and logs).
 */
async function exportFile(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string, file: string) {
  const format = EXPORTS.get(file);
  if (!format) throw new HttpError(404, `unknown export; use one of: ${[...EXPORTS.keys()].join(', ')}`);
  if (!isWorkshopId(id)) throw new HttpError(404, 'workshop not found');
  const workshop = await ctx.store.getWorkshop(id);
  if (!workshop) throw new HttpError(404, 'workshop not found');
  const secret = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!secret) throw new HttpError(401, 'send the link secret as "Authorization: Bearer <secret>"');
  const role = ROLES.find((r) => checkAccess(workshop, r, secret) === 'ok');
  if (!role) throw new HttpError(403, 'this link is not valid');
  if (format.facilitatorOnly && role !== 'facilitator') throw new HttpError(403, 'the full backup needs the facilitator link');
  const [board, facilitation] = await Promise.all([ctx.readDocument(roomName(id, 'board')), ctx.readDocument(roomName(id, 'facilitation'))]);
  const text = await format.render(board, facilitation, new Date());
  res.writeHead(200, {
    'Content-Type': format.type,
    'Content-Disposition': `attachment; filename="${id}-${file}"`,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(text);
}

/**
 * Rotates links (facilitator only): `POST /api/workshops/<id>/rotate` with
 * `{"key": <facilitator secret>, "role": "participant" | "projector" | "facilitator"}`.
 * The participant and projector links rotate together (the participant secret derives from the
 * projector's). Old secrets stop working at once; connections opened with them are closed.
 */
async function rotateLinks(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string) {
  const body = await readJson(req, ctx.config.maxBodyBytes);
  const { role, key } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!isRole(role)) throw new HttpError(400, 'role must be participant, facilitator or projector');
  if (!isWorkshopId(id)) throw new HttpError(404, 'workshop not found');
  const workshop = await ctx.store.getWorkshop(id);
  if (!workshop) throw new HttpError(404, 'workshop not found');
  if (checkAccess(workshop, 'facilitator', typeof key === 'string' ? key : null) !== 'ok') throw new HttpError(403, 'only the facilitator link can rotate links');
  const secrets: Partial<Record<Role, string>> = {};
  if (role === 'facilitator') secrets.facilitator = newSecret();
  else {
    secrets.projector = newSecret();
    secrets.participant = deriveParticipantSecret(secrets.projector);
  }
  const rotated = Object.keys(secrets) as Role[];
  await ctx.store.updateSecretHashes(id, Object.fromEntries(rotated.map((r) => [r, hashSecret(secrets[r]!)])));
  // The short code led to the old participant link; the projector asks for the new one.
  if (secrets.participant) await ctx.store.setJoinCode(id, null);
  ctx.closeConnections(id, new Set(rotated.map((r) => workshop.secretHashes[r])));
  const origin = originOf(req, ctx.config);
  sendJson<RotatedLinks>(res, 200, { id, links: Object.fromEntries(rotated.map((r) => [r, buildLink(origin, id, r, secrets[r]!)])) });
}

/**
 * The projector's short join code: `POST /api/workshops/<id>/join-code` with
 * `{"key": <projector secret>}` → `{"code"}`, or `{"code": null}` while the join panel is hidden
 * (which also deletes the stored code). The code is derived from the participant secret and the
 * panel's version (server/join-code.ts), so asking again — a second projector window, a reload —
 * gives the same code; the store is written only when the code is new.
 */
async function issueJoinCode(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string) {
  const body = await readJson(req, ctx.config.maxBodyBytes);
  const { key } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!isWorkshopId(id)) throw new HttpError(404, 'workshop not found');
  const workshop = await ctx.store.getWorkshop(id);
  if (!workshop) throw new HttpError(404, 'workshop not found');
  if (checkAccess(workshop, 'projector', typeof key === 'string' ? key : null) !== 'ok') throw new HttpError(403, 'only the projector link can show the join code');
  const version = getJoinPanelVersion(await ctx.readDocument(roomName(id, 'facilitation')));
  if (version === null) {
    await ctx.store.setJoinCode(id, null);
    return sendJson<JoinCodeAnswer>(res, 200, { code: null });
  }
  const participant = deriveParticipantSecret(key as string);
  const code = deriveJoinCode(participant, version);
  const codeHash = hashJoinCode(code);
  const stored = await ctx.store.findJoinCode(codeHash);
  if (stored?.workshopId !== id) {
    try {
      await ctx.store.setJoinCode(id, { codeHash, sealedSecret: sealSecret(code, participant), panelVersion: version, createdAt: Date.now() });
    } catch (error) {
      // Another workshop's code has the same hash (about 1 in 10^8 with 10,000 codes shown at once).
      log('join code not stored', { workshop: id, error: String(error) });
      throw new HttpError(503, 'No join code could be made right now; hide and show the join panel to try another.', { 'Retry-After': '5' });
    }
  }
  sendJson<JoinCodeAnswer>(res, 200, { code });
}

/**
 * A typed short code → the participant link: `POST /api/join` with `{"code"}` → `{"id", "key"}`.
 * Every wrong code counts against the address (guards.ts, createFailureLimiter); past
 * JOIN_CODE_MAX_WRONG in a row it answers 429. A code is wrong as well when its workshop's join
 * panel is hidden or was hidden since (its version changed), or the links were rotated: the
 * answer is the same 404, so a guesser cannot tell a dead code from one that never existed.
 */
async function resolveJoinCode(req: IncomingMessage, res: ServerResponse, ctx: ApiContext) {
  const address = clientAddressOf(req, ctx.config);
  const allowed = ctx.limits.wrongJoinCodes.check(address);
  if (!allowed.ok) throw tooManyWrongCodes(allowed.retryAfterSeconds);
  const body = await readJson(req, ctx.config.maxBodyBytes);
  const typed = (typeof body === 'object' && body !== null ? (body as Record<string, unknown>).code : undefined);
  if (typeof typed !== 'string') throw new HttpError(400, 'code is required');
  // A malformed code cannot match anything, so it tells a guesser nothing: not counted.
  const code = normalizeJoinCode(typed);
  if (!code) throw new HttpError(400, 'A join code is 8 letters and digits, such as K7QM-3XTR (no 0, 1, O, I or L).');
  const target = await findJoinTarget(ctx, code);
  if (!target) {
    const verdict = ctx.limits.wrongJoinCodes.fail(address);
    if (!verdict.ok) throw tooManyWrongCodes(verdict.retryAfterSeconds);
    throw new HttpError(404, 'No workshop has this code. Check the code on the projector and try again.');
  }
  sendJson<JoinTarget>(res, 200, target);
}

function tooManyWrongCodes(retryAfterSeconds: number): HttpError {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return new HttpError(429, `Too many wrong codes from this address. Wait ${wait} before trying again, or scan the QR code instead.`, {
    'Retry-After': String(retryAfterSeconds),
  });
}

async function findJoinTarget(ctx: ApiContext, code: string): Promise<JoinTarget | null> {
  const stored = await ctx.store.findJoinCode(hashJoinCode(code));
  if (!stored) return null;
  const workshop = await ctx.store.getWorkshop(stored.workshopId);
  const key = unsealSecret(code, stored.sealedSecret);
  const version = workshop ? getJoinPanelVersion(await ctx.readDocument(roomName(stored.workshopId, 'facilitation'))) : null;
  if (!workshop || key === null || version !== stored.panelVersion || checkAccess(workshop, 'participant', key) !== 'ok') {
    // The panel was hidden (or shown anew), or the links rotated, since the code was made.
    await ctx.store.setJoinCode(stored.workshopId, null);
    return null;
  }
  return { id: workshop.id, key };
}

type Params = Record<string, string>;
type Handler = (req: IncomingMessage, res: ServerResponse, ctx: ApiContext, params: Params) => void | Promise<void>;

/**
 * The route table: every path of `API_ROUTES` (lib/api-client.ts) with its handler. `methods`
 * widens the route's one method where the API always allowed more; `'any'` for the clock.
 */
const ROUTES: ReadonlyArray<{ name: ApiRouteName; methods?: readonly string[] | 'any'; contentTypes?: readonly string[]; handle: Handler }> = [
  // The server's clock, for clients to correct their offset (timers agree across machines).
  { name: 'serverTime', methods: 'any', handle: (_req, res) => sendJson<ServerTime>(res, 200, { now: Date.now() }) },
  {
    name: 'health',
    methods: ['GET', 'HEAD'],
    handle: (_req, res, ctx) => {
      const { rss, heapUsed } = process.memoryUsage();
      sendJson<Health>(res, 200, { ok: true, ...ctx.stats(), memory: { rss, heapUsed }, ...ctx.describe });
    },
  },
  { name: 'createWorkshop', handle: (req, res, ctx) => createWorkshop(req, res, ctx) },
  { name: 'importBackup', contentTypes: ['application/json', 'application/octet-stream'], handle: (req, res, ctx) => importBackup(req, res, ctx) },
  { name: 'importBpmn', contentTypes: ['application/xml', 'text/xml', 'application/bpmn+xml', 'application/octet-stream'], handle: (req, res, ctx) => importBpmn(req, res, ctx) },
  { name: 'exportFile', handle: (req, res, ctx, p) => exportFile(req, res, ctx, p.id ?? '', p.file ?? '') },
  { name: 'rotateLinks', handle: (req, res, ctx, p) => rotateLinks(req, res, ctx, p.id ?? '') },
  { name: 'checkAccess', handle: (req, res, ctx, p) => checkLink(req, res, ctx, p.id ?? '') },
  { name: 'joinCode', handle: (req, res, ctx, p) => issueJoinCode(req, res, ctx, p.id ?? '') },
  { name: 'resolveJoinCode', handle: (req, res, ctx) => resolveJoinCode(req, res, ctx) },
];

/** `/a/:x/b` against a path: the `:x` values (raw, as in the URL), or null. Params are never empty. */
function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (g === '') return null;
      params[w.slice(1)] = g;
    } else if (w !== g) return null;
  }
  return params;
}

/** Handles `/api/*`; returns false for any other path so the caller can pass it on. */
export function handleApi(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  let routeName = '';
  const route = async () => {
    for (const { name, methods, contentTypes, handle } of ROUTES) {
      const params = matchPath(API_ROUTES[name].path, url.pathname);
      if (!params) continue;
      routeName = name;
      const method = API_ROUTES[name].method;
      const allowed = methods ?? [method];
      if (allowed !== 'any' && !allowed.includes(req.method ?? '')) throw new HttpError(405, `use ${method}`);
      if (method === 'POST') checkPost(req, ctx.config, contentTypes);
      return handle(req, res, ctx, params);
    }
    throw new HttpError(404, 'no such endpoint');
  };
  const started = Date.now();
  route().catch((error: unknown) => {
    if (error instanceof BodyNotReceived) {
      log('request body not received', { method: req.method, route: routeName, receivedBytes: error.received, ms: Date.now() - started });
    }
    if (res.headersSent) return res.destroy();
    // Refused before its body was read: say so and close, rather than drain a body we will not use.
    if (error instanceof HttpError && !req.complete) res.setHeader('Connection', 'close');
    if (error instanceof HttpError) return sendJson<ApiError>(res, error.status, { error: error.message }, error.headers);
    console.error('api error', error);
    sendJson<ApiError>(res, 500, { error: 'internal error' });
  });
  return true;
}
