import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { PostgresStore } from './postgres-store';
import type { WorkshopRecord } from './types';

export type MigrationReport = {
  workshops: { copied: number; alreadyThere: number };
  /** Short join codes (a projector showing one keeps it across the move). */
  joinCodes: { copied: number; alreadyThere: number };
  documents: { copied: number; updated: number; unchanged: number };
  /** Documents whose state vector in PostgreSQL does not cover SQLite's after the copy (should be none). */
  mismatches: string[];
};

/**
 * Moves an SQLite data directory (workshops, links, join codes, documents) into PostgreSQL. Idempotent: a
 * workshop already in PostgreSQL is kept as it is (its links too), and of a document only what
 * PostgreSQL lacks is appended, so running it twice, or after the cluster has already taken new
 * edits, duplicates nothing. Verified: every document's state vector in PostgreSQL must cover
 * the one in SQLite (equal, unless PostgreSQL has newer edits).
 */
export async function migrateSqliteToPostgres(dataDir: string, target: PostgresStore, log: (line: string) => void = () => {}): Promise<MigrationReport> {
  const file = path.join(dataDir, 'common-ground.sqlite');
  if (!fs.existsSync(file)) throw new Error(`no SQLite database at ${file}`);
  // Read-only: the source is never changed (a running server may still hold it).
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const report: MigrationReport = { workshops: { copied: 0, alreadyThere: 0 }, joinCodes: { copied: 0, alreadyThere: 0 }, documents: { copied: 0, updated: 0, unchanged: 0 }, mismatches: [] };
  try {
    const workshops = db.prepare('SELECT * FROM workshops ORDER BY id').all() as Array<{
      id: string;
      created_at: number;
      template: string;
      participant_hash: string;
      facilitator_hash: string;
      projector_hash: string;
    }>;
    const docs = (db.prepare('SELECT DISTINCT doc FROM updates ORDER BY doc').all() as Array<{ doc: string }>).map((r) => r.doc);
    const readUpdates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? ORDER BY seq');
    for (const row of workshops) {
      if (await target.getWorkshop(row.id)) {
        report.workshops.alreadyThere++;
        continue;
      }
      const record: WorkshopRecord = {
        id: row.id,
        createdAt: row.created_at,
        template: row.template,
        secretHashes: { participant: row.participant_hash, facilitator: row.facilitator_hash, projector: row.projector_hash },
      };
      await target.createWorkshop(record, []);
      report.workshops.copied++;
    }
    // A data directory from before join codes has no such table.
    const hasJoinCodes = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'join_codes'").get() !== undefined;
    const joinCodes = hasJoinCodes
      ? (db.prepare('SELECT * FROM join_codes ORDER BY workshop_id').all() as Array<{ code_hash: string; workshop_id: string; sealed_secret: string; panel_version: string; created_at: number }>)
      : [];
    for (const row of joinCodes) {
      // Kept if PostgreSQL has one for the workshop (or the hash) already: it may be newer.
      const { rowCount } = await target.pool.query(
        `INSERT INTO join_codes (code_hash, workshop_id, sealed_secret, panel_version, created_at)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM workshops WHERE id = $2)
         ON CONFLICT DO NOTHING`,
        [row.code_hash, row.workshop_id, row.sealed_secret, row.panel_version, row.created_at],
      );
      if (rowCount) report.joinCodes.copied++;
      else report.joinCodes.alreadyThere++;
    }
    for (const name of docs) {
      const source = new Y.Doc();
      Y.transact(source, () => {
        for (const { data } of readUpdates.iterate(name)) Y.applyUpdate(source, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      const existing = await target.readDocument(name);
      const hadAny = (await target.count(name)) > 0;
      // What PostgreSQL lacks, as Yjs sees it (content and deletions).
      const fresh: Uint8Array[] = [];
      existing.on('update', (u: Uint8Array) => fresh.push(u));
      Y.applyUpdate(existing, Y.encodeStateAsUpdate(source, Y.encodeStateVector(existing)));
      if (fresh.length > 0) {
        await target.append(name, hadAny ? (fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh)) : Y.encodeStateAsUpdate(source));
        if (hadAny) report.documents.updated++;
        else report.documents.copied++;
      } else report.documents.unchanged++;
      const stored = await target.readDocument(name);
      if (!covers(Y.decodeStateVector(Y.encodeStateVector(stored)), Y.decodeStateVector(Y.encodeStateVector(source)))) report.mismatches.push(name);
      log(`${name}: ${fresh.length > 0 ? (hadAny ? 'updated' : 'copied') : 'unchanged'}`);
      source.destroy();
      existing.destroy();
      stored.destroy();
    }
  } finally {
    db.close();
  }
  return report;
}

/** Whether state vector `a` has everything `b` has. */
function covers(a: Map<number, number>, b: Map<number, number>): boolean {
  for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false;
  return true;
}
