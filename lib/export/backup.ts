import * as Y from 'yjs';
import { listTerms } from '../doc/glossary';
import { listMetrics } from '../doc/metrics';
import { listSteps, listStickies } from '../doc/process';
import { listParking } from '../doc/signals';
import { BOARD_SHAPE, FACILITATION_SHAPE } from '../doc/schema';
import { countUpdate, type UpdateBudget } from '../doc/update-budget';
import { validateUpdate } from '../doc/validate-update';
import { getTitle } from '../doc/workshop';

/**
 * The full backup of a workshop: the readable content (for people and other tools) and the
 * exact document state of both documents (base64 Yjs updates), from which an import restores
 * everything — rich text, history-free — into a new workshop.
 */
export const BACKUP_FORMAT = 'common-ground-backup';
export const BACKUP_VERSION = 1;
/**
 * The import's body limits for a server whose documents may each reach `maxDocumentBytes`:
 * `kept` — everything but the readable `content` (two documents in base64, 4/3 of their
 * bytes, plus the envelope); `total` — with `content`, which repeats the board's plain fields
 * and is never kept (see backup-scan.ts): at most 6 bytes of JSON per byte of document
 * (escaped control characters), plus indentation, so 8× the limit. Any workshop within the
 * limit exports to a backup within these, so every backup this server writes imports back.
 */
export function backupLimits(maxDocumentBytes: number): { kept: number; total: number } {
  const kept = 2 * 4 * Math.ceil(maxDocumentBytes / 3) + 64 * 1024;
  return { kept, total: kept + 8 * maxDocumentBytes };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function createBackup(board: Y.Doc, facilitation: Y.Doc, exportedAt: Date) {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    title: getTitle(board),
    content: {
      steps: listSteps(board),
      stickies: listStickies(board),
      terms: listTerms(board),
      metrics: listMetrics(board),
      parking: listParking(board),
    },
    documents: {
      board: toBase64(Y.encodeStateAsUpdate(board)),
      facilitation: toBase64(Y.encodeStateAsUpdate(facilitation)),
    },
  };
}

export type Backup = ReturnType<typeof createBackup>;
export type BackupBudget = UpdateBudget & { maxDocumentBytes: number };
export type BackupProblem = { ok: false; error: string; status: 400 | 413 };
export type ParsedBackup = { ok: true; title: string; board: Uint8Array; facilitation: Uint8Array } | BackupProblem;

/** Generous budgets for a backup checked outside a server (tests, tools). */
export const DEFAULT_BACKUP_BUDGET: BackupBudget = { maxClients: 100_000, maxStructs: 500_000, maxDocumentBytes: 64 * 1024 * 1024 };

const damaged = (what: string): BackupProblem => ({ ok: false, status: 400, error: `The backup is damaged: its ${what} document cannot be read.` });

/**
 * Checks one document of a backup completely before anything is created: its size and its
 * client and struct counts (read without decoding, so a crafted document of a million items
 * is refused before it costs anything), then its shape against the schema, as a whole
 * document — validated against an empty document, so one that depends on state it does not
 * contain (Yjs would keep it "pending") is refused too.
 */
function checkDocument(what: 'board' | 'facilitation', bytes: Uint8Array, budget: BackupBudget): BackupProblem | null {
  if (bytes.length > budget.maxDocumentBytes) {
    return { ok: false, status: 413, error: `The backup's ${what} document is ${bytes.length} bytes; this server keeps documents up to ${budget.maxDocumentBytes} bytes.` };
  }
  const count = countUpdate(bytes, budget);
  if (!count.ok) return count.kind === 'corrupt' ? damaged(what) : { ok: false, status: 413, error: `The backup's ${what} document is too large to import: ${count.reason}.` };
  const verdict = validateUpdate(new Y.Doc(), bytes, what === 'board' ? BOARD_SHAPE : FACILITATION_SHAPE);
  if (verdict.ok) return null;
  if (verdict.kind === 'missing') return { ok: false, status: 400, error: `The backup's ${what} document is incomplete (it was cut or altered): ${verdict.reason}.` };
  return { ok: false, status: 400, error: `The backup's ${what} document does not fit the workshop layout: ${verdict.reason}.` };
}

/** Checks a backup completely (format, version, decodable and well-formed documents) before anything is created. */
export function parseBackup(input: unknown, budget: BackupBudget = DEFAULT_BACKUP_BUDGET): ParsedBackup {
  const refuse = (error: string): BackupProblem => ({ ok: false, status: 400, error });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return refuse('This is not a Common Ground backup (not a JSON object).');
  const b = input as Record<string, unknown>;
  if (b.format !== BACKUP_FORMAT) return refuse('This is not a Common Ground backup (unknown format).');
  if (b.version !== BACKUP_VERSION) return refuse(`Unsupported backup version ${String(b.version)} (this server reads version ${BACKUP_VERSION}).`);
  const docs = b.documents as Record<string, unknown> | undefined;
  if (!docs || typeof docs.board !== 'string' || typeof docs.facilitation !== 'string') return refuse('The backup has no documents.');
  const documents: Record<'board' | 'facilitation', Uint8Array> = { board: new Uint8Array(), facilitation: new Uint8Array() };
  for (const what of ['board', 'facilitation'] as const) {
    const text = docs[what] as string;
    // Checked before decoding: base64 is 4/3 of the bytes.
    if ((text.length / 4) * 3 > budget.maxDocumentBytes + 3) {
      return { ok: false, status: 413, error: `The backup's ${what} document is larger than this server keeps (${budget.maxDocumentBytes} bytes).` };
    }
    try {
      documents[what] = fromBase64(text);
    } catch {
      return damaged(what);
    }
    const problem = checkDocument(what, documents[what], budget);
    if (problem) return problem;
  }
  try {
    const boardDoc = new Y.Doc();
    Y.applyUpdate(boardDoc, documents.board);
    const title = getTitle(boardDoc);
    boardDoc.destroy();
    return { ok: true, title, ...documents };
  } catch {
    return damaged('board');
  }
}
