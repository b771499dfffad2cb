import * as Y from 'yjs';
import { listTerms } from '../doc/glossary';
import { listMetrics } from '../doc/metrics';
import { listSteps, listStickies } from '../doc/process';
import { listParking } from '../doc/signals';
import { getTitle } from '../doc/workshop';

/**
 * The full backup of a workshop: the readable content (for people and other tools) and the
 * exact document state of both documents (base64 Yjs updates), from which an import restores
 * everything — rich text, history-free — into a new workshop.
 */
export const BACKUP_FORMAT = 'common-ground-backup';
export const BACKUP_VERSION = 1;
/** A backup larger than this (as JSON text) is refused on import. */
export const BACKUP_MAX_BYTES = 20 * 1024 * 1024;

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
export type ParsedBackup = { ok: true; title: string; board: Uint8Array; facilitation: Uint8Array } | { ok: false; error: string };

/** Checks a backup completely (format, version, decodable documents) before anything is created. */
export function parseBackup(input: unknown): ParsedBackup {
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'This is not a Common Ground backup (not a JSON object).' };
  const b = input as Record<string, unknown>;
  if (b.format !== BACKUP_FORMAT) return { ok: false, error: 'This is not a Common Ground backup (unknown format).' };
  if (b.version !== BACKUP_VERSION) return { ok: false, error: `Unsupported backup version ${String(b.version)} (this server reads version ${BACKUP_VERSION}).` };
  const docs = b.documents as Record<string, unknown> | undefined;
  if (!docs || typeof docs.board !== 'string' || typeof docs.facilitation !== 'string') return { ok: false, error: 'The backup has no documents.' };
  try {
    const board = fromBase64(docs.board);
    const facilitation = fromBase64(docs.facilitation);
    // Decode and apply both into scratch documents: a corrupt backup fails here, not later.
    Y.decodeUpdate(board);
    Y.decodeUpdate(facilitation);
    const boardDoc = new Y.Doc();
    const facilitationDoc = new Y.Doc();
    Y.applyUpdate(boardDoc, board);
    Y.applyUpdate(facilitationDoc, facilitation);
    // Content that refers to missing content means the backup was cut or altered.
    if (boardDoc.store.pendingStructs || facilitationDoc.store.pendingStructs) throw new Error('incomplete');
    const title = getTitle(boardDoc);
    boardDoc.destroy();
    facilitationDoc.destroy();
    return { ok: true, title, board, facilitation };
  } catch {
    return { ok: false, error: 'The backup is damaged: its documents cannot be read.' };
  }
}
