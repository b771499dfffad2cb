import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store, WorkshopRecord } from './types';

/**
 * The embedded store: one SQLite file in WAL mode. Every append is a synchronous insert that
 * has reached the WAL when it returns, which survives `kill -9` of this process (measured on
 * these machines, see STACK.md); `synchronous = NORMAL` trades only power-loss durability.
 */
export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS workshops (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      template TEXT NOT NULL,
      participant_hash TEXT NOT NULL,
      facilitator_hash TEXT NOT NULL,
      projector_hash TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_doc_seq ON updates (doc, seq);
  `);

  const insertUpdate = db.prepare<[string, Buffer]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq',
  );
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
  const countUpdates = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE doc = ?');
  const insertWorkshop = db.prepare(
    `INSERT INTO workshops (id, created_at, template, participant_hash, facilitator_hash, projector_hash)
     VALUES (@id, @createdAt, @template, @participant, @facilitator, @projector)`,
  );
  const selectWorkshop = db.prepare<
    [string],
    { id: string; created_at: number; template: string; participant_hash: string; facilitator_hash: string; projector_hash: string }
  >('SELECT * FROM workshops WHERE id = ?');

  const compactTx = db.transaction((docName: string, snapshot: Uint8Array, throughSeq: number) => {
    deleteThrough.run(docName, throughSeq);
    insertUpdate.run(docName, Buffer.from(snapshot));
  });
  const createTx = db.transaction(
    (record: WorkshopRecord, seeds: ReadonlyArray<{ docName: string; update: Uint8Array }>) => {
      insertWorkshop.run({
        id: record.id,
        createdAt: record.createdAt,
        template: record.template,
        ...record.secretHashes,
      });
      for (const seed of seeds) insertUpdate.run(seed.docName, Buffer.from(seed.update));
    },
  );

  return {
    async load(docName) {
      const rows = selectUpdates.all(docName);
      const last = rows[rows.length - 1];
      return {
        updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
        lastSeq: last ? last.seq : 0,
      };
    },
    async append(docName, update) {
      return Number(insertUpdate.run(docName, Buffer.from(update)).lastInsertRowid);
    },
    async compact(docName, snapshot, throughSeq) {
      compactTx(docName, snapshot, throughSeq);
    },
    async count(docName) {
      return countUpdates.get(docName)?.n ?? 0;
    },
    async createWorkshop(record, seeds) {
      createTx(record, seeds);
    },
    async getWorkshop(id) {
      const row = selectWorkshop.get(id);
      if (!row) return null;
      return {
        id: row.id,
        createdAt: row.created_at,
        template: row.template,
        secretHashes: {
          participant: row.participant_hash,
          facilitator: row.facilitator_hash,
          projector: row.projector_hash,
        },
      };
    },
    async updateSecretHashes(id, hashes) {
      const update = db.transaction(() => {
        for (const [role, hash] of Object.entries(hashes)) {
          // Column names come from our own role list, never from input.
          db.prepare(`UPDATE workshops SET ${role}_hash = ? WHERE id = ?`).run(hash, id);
        }
      });
      update();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
