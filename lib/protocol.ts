/**
 * What the browser, scripts and the sync server share: roles, document kinds, room names,
 * message types and close codes. Pure data and functions; no Yjs, no DOM.
 */

export const ROLES = ['participant', 'facilitator', 'projector'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A workshop has two shared documents. The board is what the room co-edits; the facilitation
 * document holds facilitator-controlled state (agenda, timer, votes, focus, locks) so that the
 * server can enforce "only facilitators write it" per document rather than per field.
 */
export const DOC_KINDS = ['board', 'facilitation'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export function isDocKind(value: unknown): value is DocKind {
  return typeof value === 'string' && (DOC_KINDS as readonly string[]).includes(value);
}

/** Which role may change which document. Enforced by the server on every message. */
export function canWrite(role: Role, kind: DocKind): boolean {
  if (role === 'projector') return false;
  if (kind === 'facilitation') return role === 'facilitator';
  return true;
}

/** Presence (awareness) is only shared on the board, and never by the read-only projector. */
export function canSharePresence(role: Role, kind: DocKind): boolean {
  return kind === 'board' && role !== 'projector';
}

/** Workshop ids: 12 characters of base64url (72 random bits); not a secret, just a name. */
export const WORKSHOP_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
export function isWorkshopId(value: unknown): value is string {
  return typeof value === 'string' && WORKSHOP_ID_PATTERN.test(value);
}

/** Link secrets: 24 characters of base64url = 144 random bits (the spec asks for >= 128). */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{24}$/;
export function isSecretShape(value: unknown): value is string {
  return typeof value === 'string' && SECRET_PATTERN.test(value);
}

/** The websocket endpoint. A y-websocket client uses `${origin}/sync` as its server URL. */
export const SYNC_PATH = '/sync';

/** y-websocket appends `/${roomName}` to the server URL. */
export function roomName(workshopId: string, kind: DocKind): string {
  return `${workshopId}/${kind}`;
}

export type RoomAddress = { workshopId: string; kind: DocKind };

/** Parses `/sync/<workshopId>/<kind>`; null for anything else. */
export function parseSyncPath(pathname: string): RoomAddress | null {
  const parts = pathname.split('/');
  if (parts.length !== 4 || parts[0] !== '' || `/${parts[1]}` !== SYNC_PATH) return null;
  const [, , workshopId, kind] = parts;
  if (!isWorkshopId(workshopId) || !isDocKind(kind)) return null;
  return { workshopId, kind };
}

/**
 * Message types on the socket. 0–3 are the y-websocket protocol. `SaveCheck` is ours: a client
 * that sends `[100, n]` gets `[100, n]` back once every message it sent before has been
 * stored (the server handles one connection's messages in order and stores before it
 * answers), which is what the "saved" indicator shows. Stock clients never send it, so they
 * never receive a message type they do not know.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SaveCheck: 100,
} as const;

/**
 * Close codes. 4400–4499 tell the stock y-websocket client (3.1+) not to reconnect: used when
 * retrying cannot help. Other codes make it reconnect with backoff.
 */
export const CloseCode = {
  /** Malformed or unknown message: this client is broken or hostile. */
  BadMessage: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  /** The document would pass its size budget: the update was refused (not stored). */
  DocumentTooLarge: 4413,
  /** Too many messages, bytes or presence updates per second from this connection. */
  RateLimited: 4429,
  /** The link this connection was opened with has been rotated by the facilitator. */
  LinkRotated: 4410,
  /** A document could not be loaded or stored (or is over the memory budget); the client may retry later. */
  StorageError: 4500,
  /**
   * "Resync": the client sent an update that depends on state the server does not have (it
   * would stay pending). Nothing of it was kept; the stock client reconnects, and the sync
   * steps of the new connection send everything the server lacks.
   */
  Resync: 4000,
  /** The connection's output buffer is full (the client stopped reading); it may reconnect. */
  OutputBufferFull: 1013,
  /** The server is shutting down or restarting; reconnect. */
  ServerRestart: 1012,
} as const;

export const LIMITS = {
  titleMaxLength: 200,
  displayNameMaxLength: 60,
  teamMaxLength: 60,
  stepTitleMaxLength: 120,
  /** Owner role, criteria, inputs, outputs. */
  stepFieldMaxLength: 1000,
  stickyTextMaxLength: 500,
  maxSteps: 200,
  maxStickies: 2000,
  termNameMaxLength: 80,
  aliasMaxLength: 80,
  exampleMaxLength: 300,
  maxTerms: 1000,
  maxAliasesPerTerm: 30,
  maxExamplesPerTerm: 30,
  /** CSV import: a file over this many bytes or rows is refused before parsing. */
  csvMaxBytes: 1024 * 1024,
  csvMaxRows: 1000,
  metricNameMaxLength: 120,
  metricFieldMaxLength: 300,
  maxMetrics: 300,
  parkingTextMaxLength: 500,
  maxParkingItems: 500,
  /** Competing definitions: one variant per team on a term or metric (see lib/doc/variants.ts). */
  maxVariantsPerItem: 12,
  /**
   * A variant's wording. 12 variants of this length, every clause picked, still fit one rich
   * definition (RICH_TEXT_MAX_LENGTH), so building the agreed wording can never cross that limit.
   */
  variantTextMaxLength: 1500,
  /** Author entries of all variants on a board (one per person and variant). */
  maxVariantAuthors: 20_000,
} as const;
