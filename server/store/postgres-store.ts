import pg from 'pg';
import * as Y from 'yjs';
import type { Role } from '../../lib/protocol';
import { dropPending } from '../sync/doc-budget';
import type { Store, WorkshopRecord } from './types';

/**
 * The store of a cluster: PostgreSQL. Each document has a row in `rooms` whose `head` is the
 * sequence number of its last update; an append takes that row's lock and the next number in
 * the same statement that inserts the update, so a document's numbers are gap-free and
 * committed in order (a second append waits for the first to commit). That is what lets every
 * instance tell a missed update (a gap) from a duplicate (a number it has seen).
 *
 * Compacted history lives in `rooms.snapshot` (everything through `snapshot_seq`); `updates`
 * holds the rows after it. `synchronous_commit` is forced on for every connection: a commit
 * has reached the server's WAL on disk before an append resolves, whatever the database's
 * default says.
 */
export type PostgresStore = Store & {
  readonly pool: pg.Pool;
  /** The snapshot (if `afterSeq` is older than it) and the rows after `afterSeq`, with the head. */
  readFrom(docName: string, afterSeq: number): Promise<StoredTail>;
  /** The heads of several documents in one query (the cluster's reconciliation tick). */
  heads(docNames: readonly string[]): Promise<Map<string, number>>;
  /**
   * Compacts a document from the rows in PostgreSQL alone, never from a live copy in some
   * instance's memory, under a per-document advisory lock (another instance compacting the same
   * document at the same moment skips). Returns the stored rows and bytes afterwards, or null
   * when it skipped.
   */
  compactFromRows(docName: string): Promise<{ rows: number; bytes: number } | null>;
  /** Every workshop id (for the migration tool). */
  workshopIds(): Promise<string[]>;
  /** Everything of a document in one update, built from the stored rows (migration checks). */
  readDocument(docName: string): Promise<Y.Doc>;
};

export type StoredTail = {
  snapshot: { seq: number; data: Uint8Array } | null;
  rows: Array<{ seq: number; data: Uint8Array }>;
  head: number;
};

/**
 * Schema migrations, applied in order at start under a transaction-level advisory lock, so
 * that three instances started at once do not race. Append only: a deployed step never changes.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE workshops (
     id text PRIMARY KEY,
     created_at bigint NOT NULL,
     template text NOT NULL,
     participant_hash text NOT NULL,
     facilitator_hash text NOT NULL,
     projector_hash text NOT NULL
   );
   CREATE TABLE rooms (
     name text PRIMARY KEY,
     head bigint NOT NULL DEFAULT 0,
     snapshot bytea,
     snapshot_seq bigint NOT NULL DEFAULT 0
   );
   CREATE TABLE updates (
     room text NOT NULL,
     seq bigint NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (room, seq)
   );`,
  // Short join codes (see server/join-code.ts): at most one per workshop, found by its hash.
  `CREATE TABLE join_codes (
     code_hash text PRIMARY KEY,
     workshop_id text NOT NULL UNIQUE,
     sealed_secret text NOT NULL,
     panel_version text NOT NULL,
     created_at bigint NOT NULL
   );`,
];

/**
 * "Durable before visible" rests on every commit reaching the WAL on disk before an append
 * resolves. The pool asks for that in each connection's startup `options`; a connection pooler
 * in between may drop that parameter (pgbouncer does unless told to ignore or forward it), and
 * then the database's default applies, which may be `off`. Checked once at start: refuse
 * rather than run with commits that a crash can take back. `remote_apply` waits for more than
 * `on`, so it is accepted too.
 */
async function checkSynchronousCommit(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  const value = rows[0]?.synchronous_commit;
  if (value === 'on' || value === 'remote_apply') return;
  throw new Error(
    `PostgreSQL answers synchronous_commit = ${value ?? '(nothing)'} although this server asked for "on" when connecting: ` +
      'something between them (a connection pooler?) dropped the startup "options" parameter. Updates could be shown to ' +
      'clients and then lost in a crash, so the server will not start. Connect to PostgreSQL directly, configure the pooler ' +
      'to pass "options" through, or set synchronous_commit = on for the database (ALTER DATABASE … SET synchronous_commit = on).',
  );
}

/** Arbitrary constants that name our advisory locks (the second argument is per document). */
const MIGRATION_LOCK = 0x636735; // "cg5"
const COMPACTION_LOCK_SPACE = 0x636736;

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export async function openPostgresStore(url: string, options: { log?: (message: string, extra?: Record<string, unknown>) => void; max?: number } = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: '-c synchronous_commit=on',
    // A dead server must fail requests quickly (clients see "not saved"), not hang them.
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection that breaks (the server restarted) must not take the process down.
  pool.on('error', (error) => options.log?.('postgres connection error', { error: String(error) }));
  // Nor one that breaks while checked out between two statements of a transaction (the
  // statement in flight, if any, fails on its own and the transaction is rolled back).
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await checkSynchronousCommit(pool);
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function readFrom(docName: string, afterSeq: number): Promise<StoredTail> {
    // One statement, so the snapshot, the rows and the head are one consistent picture.
    const { rows } = await pool.query<{ kind: string; seq: string; data: Buffer | null }>(
      `SELECT 'room' AS kind, r.head AS seq, CASE WHEN r.snapshot_seq > $2 THEN r.snapshot END AS data FROM rooms r WHERE r.name = $1
       UNION ALL
       SELECT 'snap', r.snapshot_seq, NULL FROM rooms r WHERE r.name = $1
       UNION ALL
       (SELECT 'row', u.seq, u.data FROM updates u WHERE u.room = $1 AND u.seq > $2 ORDER BY u.seq)`,
      [docName, afterSeq],
    );
    let head = 0;
    let snapshotSeq = 0;
    let snapshotData: Buffer | null = null;
    const out: StoredTail['rows'] = [];
    for (const row of rows) {
      if (row.kind === 'room') {
        head = Number(row.seq);
        snapshotData = row.data;
      } else if (row.kind === 'snap') snapshotSeq = Number(row.seq);
      else if (row.data) out.push({ seq: Number(row.seq), data: bytes(row.data) });
    }
    out.sort((a, b) => a.seq - b.seq);
    const snapshot = snapshotData ? { seq: snapshotSeq, data: bytes(snapshotData) } : null;
    // Rows the snapshot already holds (compaction raced with this read) are not returned.
    return { snapshot, rows: snapshot ? out.filter((r) => r.seq > snapshot.seq) : out, head };
  }

  async function append(docName: string, update: Uint8Array, client: pg.Pool | pg.PoolClient = pool): Promise<number> {
    // One statement: the row lock and the next number, then the insert; committed together.
    const { rows } = await client.query<{ seq: string }>(
      `WITH h AS (
         INSERT INTO rooms (name, head) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET head = rooms.head + 1
         RETURNING head
       )
       INSERT INTO updates (room, seq, data) SELECT $1, head, $2 FROM h RETURNING seq`,
      [docName, buffer(update)],
    );
    return Number(rows[0]!.seq);
  }

  async function storedSize(client: pg.PoolClient, docName: string): Promise<{ rows: number; bytes: number }> {
    const { rows } = await client.query<{ rows: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM updates WHERE room = $1) + (SELECT count(*) FROM rooms WHERE name = $1 AND snapshot IS NOT NULL) AS rows,
              (SELECT coalesce(sum(length(data)), 0) FROM updates WHERE room = $1) + (SELECT coalesce(sum(length(snapshot)), 0) FROM rooms WHERE name = $1) AS bytes`,
      [docName],
    );
    return { rows: Number(rows[0]!.rows), bytes: Number(rows[0]!.bytes) };
  }

  const store: PostgresStore = {
    pool,
    readFrom,
    async load(docName) {
      const tail = await readFrom(docName, 0);
      const updates = tail.rows.map((r) => r.data);
      if (tail.snapshot) updates.unshift(tail.snapshot.data);
      return { updates, lastSeq: tail.head };
    },
    append: (docName, update) => append(docName, update),
    // `snapshot` is one instance's copy through `throughSeq`, but in PostgreSQL the rows up to
    // `throughSeq` may include some that instance never saw (another instance stored them: two
    // instances without REDIS_URL, or one mis-set in a cluster). So the new snapshot folds in
    // the stored snapshot and every row it replaces, as well as the copy given: a row is only
    // deleted once what it holds is in the snapshot that replaces it.
    async compact(docName, snapshot, throughSeq) {
      await inTransaction(async (client) => {
        // Waits for (rather than skips) another instance's compaction of this document.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK_SPACE, docName]);
        const { rows: room } = await client.query<{ snapshot: Buffer | null; snapshot_seq: string }>('SELECT snapshot, snapshot_seq FROM rooms WHERE name = $1', [docName]);
        if (!room[0]) return;
        const through = Math.max(throughSeq, Number(room[0].snapshot_seq));
        const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM updates WHERE room = $1 AND seq <= $2 ORDER BY seq', [docName, through]);
        const doc = new Y.Doc();
        Y.transact(doc, () => {
          if (room[0]!.snapshot) Y.applyUpdate(doc, bytes(room[0]!.snapshot));
          for (const row of rows) Y.applyUpdate(doc, bytes(row.data));
          Y.applyUpdate(doc, snapshot);
        });
        dropPending(doc); // never part of the document anyone sees (as on load)
        const merged = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await client.query('UPDATE rooms SET snapshot = $2, snapshot_seq = $3 WHERE name = $1', [docName, buffer(merged), through]);
        await client.query('DELETE FROM updates WHERE room = $1 AND seq <= $2', [docName, through]);
      });
    },
    async compactFromRows(docName) {
      return inTransaction(async (client) => {
        // Held until this transaction ends, on this transaction's own connection: it can never
        // be released by another instance, nor outlive a crash (the connection dies with it).
        const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [COMPACTION_LOCK_SPACE, docName]);
        if (!lock[0]?.ok) return null;
        const { rows: room } = await client.query<{ snapshot: Buffer | null; snapshot_seq: string }>('SELECT snapshot, snapshot_seq FROM rooms WHERE name = $1', [docName]);
        if (!room[0]) return { rows: 0, bytes: 0 };
        const { rows } = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM updates WHERE room = $1 ORDER BY seq', [docName]);
        if (rows.length === 0 || (rows.length === 1 && !room[0].snapshot)) return storedSize(client, docName);
        const doc = new Y.Doc();
        Y.transact(doc, () => {
          if (room[0]!.snapshot) Y.applyUpdate(doc, bytes(room[0]!.snapshot));
          for (const row of rows) Y.applyUpdate(doc, bytes(row.data));
        });
        dropPending(doc); // never part of the document anyone sees (as on load)
        const through = Number(rows[rows.length - 1]!.seq);
        const snapshot = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await client.query('UPDATE rooms SET snapshot = $2, snapshot_seq = $3 WHERE name = $1', [docName, buffer(snapshot), through]);
        await client.query('DELETE FROM updates WHERE room = $1 AND seq <= $2', [docName, through]);
        return storedSize(client, docName);
      });
    },
    async heads(docNames) {
      const { rows } = await pool.query<{ name: string; head: string }>('SELECT name, head FROM rooms WHERE name = ANY($1)', [docNames]);
      return new Map(rows.map((r) => [r.name, Number(r.head)]));
    },
    async count(docName) {
      const client = await pool.connect();
      try {
        return (await storedSize(client, docName)).rows;
      } finally {
        client.release();
      }
    },
    async createWorkshop(record, seeds) {
      await inTransaction(async (client) => {
        await client.query(
          `INSERT INTO workshops (id, created_at, template, participant_hash, facilitator_hash, projector_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
          [record.id, record.createdAt, record.template, record.secretHashes.participant, record.secretHashes.facilitator, record.secretHashes.projector],
        );
        for (const seed of seeds) await append(seed.docName, seed.update, client);
      });
    },
    async getWorkshop(id) {
      const { rows } = await pool.query<{ id: string; created_at: string; template: string; participant_hash: string; facilitator_hash: string; projector_hash: string }>(
        'SELECT * FROM workshops WHERE id = $1',
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        id: row.id,
        createdAt: Number(row.created_at),
        template: row.template,
        secretHashes: { participant: row.participant_hash, facilitator: row.facilitator_hash, projector: row.projector_hash },
      } satisfies WorkshopRecord;
    },
    async updateSecretHashes(id, hashes) {
      const entries = Object.entries(hashes) as Array<[Role, string]>;
      if (entries.length === 0) return;
      // Column names come from our own role list, never from input.
      const sets = entries.map(([role], i) => `${role}_hash = $${i + 2}`).join(', ');
      await pool.query(`UPDATE workshops SET ${sets} WHERE id = $1`, [id, ...entries.map(([, hash]) => hash)]);
    },
    async setJoinCode(workshopId, code) {
      // One transaction: a clash with another workshop's code rolls back and leaves the old code.
      await inTransaction(async (client) => {
        await client.query('DELETE FROM join_codes WHERE workshop_id = $1', [workshopId]);
        if (code) {
          await client.query('INSERT INTO join_codes (code_hash, workshop_id, sealed_secret, panel_version, created_at) VALUES ($1, $2, $3, $4, $5)', [
            code.codeHash,
            workshopId,
            code.sealedSecret,
            code.panelVersion,
            code.createdAt,
          ]);
        }
      });
    },
    async findJoinCode(codeHash) {
      const { rows } = await pool.query<{ code_hash: string; workshop_id: string; sealed_secret: string; panel_version: string; created_at: string }>('SELECT * FROM join_codes WHERE code_hash = $1', [codeHash]);
      const row = rows[0];
      return row ? { codeHash: row.code_hash, workshopId: row.workshop_id, sealedSecret: row.sealed_secret, panelVersion: row.panel_version, createdAt: Number(row.created_at) } : null;
    },
    async workshopIds() {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM workshops ORDER BY id');
      return rows.map((r) => r.id);
    },
    async readDocument(docName) {
      const { updates } = await store.load(docName);
      const doc = new Y.Doc();
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
      return doc;
    },
    close() {
      void pool.end().catch(() => {});
    },
  };
  return store;
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS cg_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM cg_schema_migrations');
    for (let v = (rows[0]?.v ?? 0) + 1; v <= MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v - 1]!);
      await client.query('INSERT INTO cg_schema_migrations (version) VALUES ($1)', [v]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
