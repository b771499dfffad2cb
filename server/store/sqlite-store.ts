import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { JoinCode, Store, WorkshopRecord } from './types';

/**
 * The embedded store: one SQLite file in WAL mode. Every append is a synchronous insert that
 * has reached the WAL when it returns, which survives `kill -9` of this process (measured on
 * these machines, see STACK.md); `synchronous = NORMAL` trades only power-loss durability.
 */
export function openSqliteStore(dataDir: string, options: { checkpointIntervalMs?: number } = {}): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'common-ground.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const checkpointer = startCheckpointer(db, file, options.checkpointIntervalMs ?? 250);
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
    -- Short join codes (issue 14): at most one per workshop, found by the code's hash.
    CREATE TABLE IF NOT EXISTS join_codes (
      code_hash TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL UNIQUE,
      sealed_secret TEXT NOT NULL,
      panel_version TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
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

  const deleteJoinCode = db.prepare<[string]>('DELETE FROM join_codes WHERE workshop_id = ?');
  const insertJoinCode = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO join_codes (code_hash, workshop_id, sealed_secret, panel_version, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectJoinCode = db.prepare<[string], { code_hash: string; workshop_id: string; sealed_secret: string; panel_version: string; created_at: number }>(
    'SELECT * FROM join_codes WHERE code_hash = ?',
  );
  // One transaction: a code that collides with another workshop's leaves this one's old code.
  const setJoinCodeTx = db.transaction((workshopId: string, code: JoinCode | null) => {
    deleteJoinCode.run(workshopId);
    if (code) insertJoinCode.run(code.codeHash, workshopId, code.sealedSecret, code.panelVersion, code.createdAt);
  });

  // Updates that arrived together: one transaction, one commit (one WAL write) for all of them.
  const appendManyTx = db.transaction((docName: string, updates: readonly Uint8Array[]) => {
    let seq = 0;
    for (const u of updates) seq = Number(insertUpdate.run(docName, Buffer.from(u.buffer, u.byteOffset, u.byteLength)).lastInsertRowid);
    return seq;
  });
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
      // A view of the same bytes, not a copy.
      return Number(insertUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)).lastInsertRowid);
    },
    async appendMany(docName, updates) {
      return appendManyTx(docName, updates);
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
    async setJoinCode(workshopId, code) {
      setJoinCodeTx(workshopId, code);
    },
    async findJoinCode(codeHash) {
      const row = selectJoinCode.get(codeHash);
      if (!row) return null;
      return { workshopId: row.workshop_id, codeHash: row.code_hash, sealedSecret: row.sealed_secret, panelVersion: row.panel_version, createdAt: row.created_at };
    },
    close() {
      checkpointer.stop();
      if (db.open) db.close();
    },
  };
}

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages (every ~300 updates here) and stalls it for ~5 ms, and with it
 * the fan-out of every room on this process (measured: see docs/performance.md). Instead a
 * worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs`, which
 * never blocks writers. If the worker cannot run, the automatic checkpoint comes back on.
 */
function startCheckpointer(db: Database.Database, file: string, intervalMs: number): { stop(): void } {
  const fallback = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  let worker: Worker;
  try {
    const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { sqliteModule, file, intervalMs } });
  } catch {
    fallback();
    return { stop() {} };
  }
  // A safety net, not the usual path: under writes so steady that the worker's passive
  // checkpoint never catches up (it cannot finish while new frames keep arriving), the log would
  // grow without end; past WAL_SAFETY_PAGES a commit checkpoints itself, starting from where
  // the worker got to. The file is cut back to WAL_SIZE_LIMIT after each reset.
  db.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`);
  worker.unref();
  worker.on('error', fallback);
  worker.on('exit', (code) => {
    if (code !== 0) fallback();
  });
  return {
    stop() {
      worker.removeAllListeners('exit');
      worker.postMessage('stop');
      // Fold the log into the database and truncate it, so a restart does not read a long WAL.
      try {
        if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy: SQLite checkpoints on the next open instead.
      }
    },
  };
}

/** ~16 MiB of log (4 KiB pages): only reached when the background checkpoint is starved. */
const WAL_SAFETY_PAGES = 4000;
const WAL_SIZE_LIMIT = 64 * 2 ** 20;

const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
