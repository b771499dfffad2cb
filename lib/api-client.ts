import type { Role } from './protocol';
import { ROLES } from './protocol';

/**
 * The HTTP API, described once: routes, request and response bodies. `server/http/api.ts`
 * answers these routes with these types; pages and scripts call them through `createApiClient`.
 * Pure TypeScript over `fetch`, so it runs in the browser and in Node alike.
 */

export const API_ROUTES = {
  createWorkshop: { method: 'POST', path: '/api/workshops', status: 201 },
  importBackup: { method: 'POST', path: '/api/workshops/import', status: 201 },
  importBpmn: { method: 'POST', path: '/api/workshops/import-bpmn', status: 201 },
  checkAccess: { method: 'POST', path: '/api/workshops/:id/access', status: 200 },
  rotateLinks: { method: 'POST', path: '/api/workshops/:id/rotate', status: 200 },
  exportFile: { method: 'GET', path: '/api/workshops/:id/export/:file', status: 200 },
  joinCode: { method: 'POST', path: '/api/workshops/:id/join-code', status: 200 },
  resolveJoinCode: { method: 'POST', path: '/api/join', status: 200 },
  health: { method: 'GET', path: '/api/health', status: 200 },
  serverTime: { method: 'GET', path: '/api/time', status: 200 },
} as const;

export type ApiRouteName = keyof typeof API_ROUTES;

export type WorkshopLinks = Record<Role, string>;
/** Every refusal: a status code and a sentence for people. */
export type ApiError = { error: string };

export type CreateWorkshopRequest = { title: string; template?: string };
/** `title` comes with an imported BPMN file's workshop: the file names its process. */
export type CreatedWorkshop = { id: string; links: WorkshopLinks; title?: string };
export type AccessRequest = { role: Role; key: string };
export type AccessGranted = { id: string; role: Role };
/** `participant` (or `projector`) rotates those two links together; `facilitator` its own. */
export type RotateRequest = { key: string; role: Role };
export type RotatedLinks = { id: string; links: Partial<WorkshopLinks> };
export type ServerTime = { now: number };
/** The projector asks for the short join code with its own secret. */
export type JoinCodeRequest = { key: string };
/** The code in canonical form (lib/join-code.ts); null while the join panel is hidden. */
export type JoinCodeAnswer = { code: string | null };
/** What someone typed at `/join` (any case, dashes and spaces allowed). */
export type ResolveJoinCodeRequest = { code: string };
/** The participant link's parts: open `/w/<id>#k=<key>`. */
export type JoinTarget = { id: string; key: string };
export type Health = {
  ok: true;
  rooms: number;
  connections: number;
  presenceEntries: number;
  memory: { rss: number; heapUsed: number };
  /** Which instance answered (`INSTANCE_ID`, or host name and process id): in a cluster, which one a client reached. */
  instance: string;
  /** Where workshops are stored: the embedded SQLite file, PostgreSQL, or memory (tests). */
  store: StoreKind;
};

export type StoreKind = 'sqlite' | 'postgres' | 'memory';

/** What a workshop can be exported as (`GET /api/workshops/<id>/export/<file>`). */
export const EXPORT_FILES = [
  'handbook.md',
  'handbook.docx',
  'glossary.csv',
  'metrics.csv',
  'process.bpmn',
  'metrics.dbt.yml',
  'glossary.ttl',
  'glossary.purview.csv',
  'glossary.atlas.csv',
  'backup.json',
] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** Fills a route's `:name` segments; values are URL-encoded. */
export function apiPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * An answer: the body when the server said yes with the route's status, otherwise the status
 * and the server's sentence (null when it gave none). A network failure rejects instead.
 */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; statusText: string; error: string | null };

export type ApiClient = {
  createWorkshop(request: CreateWorkshopRequest): Promise<ApiResult<CreatedWorkshop>>;
  /** `backup` is the text of a backup file, sent as is. */
  importBackup(backup: string): Promise<ApiResult<CreatedWorkshop>>;
  /** `bpmn` is the text of a `.bpmn` file (BPMN 2.0 XML), sent as is. */
  importBpmn(bpmn: string): Promise<ApiResult<CreatedWorkshop>>;
  checkAccess(workshopId: string, request: AccessRequest, options?: { signal?: AbortSignal }): Promise<ApiResult<AccessGranted>>;
  rotateLinks(workshopId: string, request: RotateRequest): Promise<ApiResult<RotatedLinks>>;
  /** The secret goes in a header, never in the URL. */
  exportFile(workshopId: string, file: ExportFile, secret: string): Promise<ApiResult<Blob>>;
  /** The projector's short join code (its own secret as `key`). */
  joinCode(workshopId: string, request: JoinCodeRequest): Promise<ApiResult<JoinCodeAnswer>>;
  /** A typed short code → the participant link; 404 for a wrong code, 429 after too many. */
  resolveJoinCode(request: ResolveJoinCodeRequest): Promise<ApiResult<JoinTarget>>;
  serverTime(): Promise<ApiResult<ServerTime>>;
  health(): Promise<ApiResult<Health>>;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringRecord = (value: unknown): value is Record<string, string> =>
  isObject(value) && Object.values(value).every((v) => typeof v === 'string');

const isCreated = (b: unknown): b is CreatedWorkshop =>
  isObject(b) &&
  typeof b.id === 'string' &&
  b.id !== '' &&
  isStringRecord(b.links) &&
  ROLES.every((role) => typeof (b.links as Record<string, string>)[role] === 'string') &&
  (b.title === undefined || typeof b.title === 'string');
const isAccess = (b: unknown): b is AccessGranted => isObject(b) && typeof b.id === 'string' && typeof b.role === 'string';
const isRotated = (b: unknown): b is RotatedLinks => isObject(b) && isStringRecord(b.links);
const isJoinCodeAnswer = (b: unknown): b is JoinCodeAnswer => isObject(b) && (b.code === null || typeof b.code === 'string');
const isJoinTarget = (b: unknown): b is JoinTarget => isObject(b) && typeof b.id === 'string' && typeof b.key === 'string';
const isTime = (b: unknown): b is ServerTime => isObject(b) && typeof b.now === 'number';
const isHealth = (b: unknown): b is Health => isObject(b) && b.ok === true;

async function errorOf(res: Response): Promise<string | null> {
  const body: unknown = await res.json().catch(() => null);
  return isObject(body) && typeof body.error === 'string' ? body.error : null;
}

/**
 * `origin` is empty in the browser (same-origin paths); scripts and tests give the server's.
 * `createToken`: the server's CREATE_TOKEN, sent as `Authorization: Bearer` when creating or
 * importing (servers without one ignore it).
 */
export function createApiClient(options: { origin?: string; fetch?: typeof fetch; createToken?: string } = {}): ApiClient {
  const origin = (options.origin ?? '').replace(/\/$/, '');
  const creation: Record<string, string> = options.createToken ? { authorization: `Bearer ${options.createToken}` } : {};
  // Looked up per call: the global may be replaced (tests) or absent while a module loads.
  const doFetch = (url: string, init: RequestInit) => (options.fetch ?? globalThis.fetch)(url, init);

  async function call<T>(
    name: ApiRouteName,
    init: { params?: Record<string, string>; json?: unknown; body?: string; headers?: Record<string, string>; signal?: AbortSignal; cache?: RequestCache },
    read: (res: Response) => Promise<T | null>,
  ): Promise<ApiResult<T>> {
    const route = API_ROUTES[name];
    const headers: Record<string, string> = { ...init.headers };
    if ((init.json !== undefined || init.body !== undefined) && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await doFetch(`${origin}${apiPath(route.path, init.params)}`, {
      method: route.method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      signal: init.signal,
      cache: init.cache,
    });
    if (res.status !== route.status) return { ok: false, status: res.status, statusText: res.statusText, error: await errorOf(res) };
    const body = await read(res);
    // A yes without the promised body is treated as a failure without a sentence.
    if (body === null) return { ok: false, status: res.status, statusText: res.statusText, error: null };
    return { ok: true, status: res.status, body };
  }

  const json =
    <T>(guard: (body: unknown) => body is T) =>
    async (res: Response): Promise<T | null> => {
      const body: unknown = await res.json().catch(() => null);
      return guard(body) ? body : null;
    };

  return {
    createWorkshop: (request) => call('createWorkshop', { json: request, headers: creation }, json(isCreated)),
    importBackup: (backup) => call('importBackup', { body: backup, headers: creation }, json(isCreated)),
    importBpmn: (bpmn) => call('importBpmn', { body: bpmn, headers: { ...creation, 'content-type': 'application/xml' } }, json(isCreated)),
    checkAccess: (id, request, opts) => call('checkAccess', { params: { id }, json: request, signal: opts?.signal }, json(isAccess)),
    rotateLinks: (id, request) => call('rotateLinks', { params: { id }, json: request }, json(isRotated)),
    exportFile: (id, file, secret) =>
      call('exportFile', { params: { id, file }, headers: { authorization: `Bearer ${secret}` } }, (res) => res.blob()),
    joinCode: (id, request) => call('joinCode', { params: { id }, json: request, cache: 'no-store' }, json(isJoinCodeAnswer)),
    resolveJoinCode: (request) => call('resolveJoinCode', { json: request, cache: 'no-store' }, json(isJoinTarget)),
    serverTime: () => call('serverTime', { cache: 'no-store' }, json(isTime)),
    health: () => call('health', { cache: 'no-store' }, json(isHealth)),
  };
}

/** The client pages use: same-origin paths. */
export const api: ApiClient = createApiClient();
