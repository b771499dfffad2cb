// The durable peer: Hocuspocus 3.4.4 (the last line that runs on Node 20) storing into SQLite.
//
// Not @hocuspocus/extension-sqlite itself: it depends on `sqlite3`, which has no prebuilt binary
// reachable here and compiled from source on every clean `npm ci` — about 4 minutes on this
// 2-core machine (measured: a clean install of sqlite3@5.1.7 alone, compile 11:32–11:36 UTC),
// far over what a devDependency used only by the bench may cost every install. Instead this
// is @hocuspocus/extension-database (which extension-sqlite is built on) with our existing
// better-sqlite3, doing exactly what extension-sqlite 3.4.4 does:
//   - the same table and the same two statements (below, as in its source);
//   - fetch: the stored state of the document, or undefined;
//   - store: an upsert of the whole document state, not awaited (extension-sqlite's `db.run`
//     has no callback). node-sqlite3 runs each statement on libuv's thread pool, off the event
//     loop; better-sqlite3 is synchronous, so the upsert runs in a worker thread with its own
//     connection, in order — on the main thread its fsync would stall Hocuspocus's fan-out,
//     which extension-sqlite does not do;
//   - a database file, no pragmas: SQLite's defaults (rollback journal, synchronous FULL), as
//     node-sqlite3 opens it. (extension-sqlite's own default is ":memory:", which keeps nothing;
//     the bench gives it a file, as anyone deploying it would.)
// Debounce: Hocuspocus's default (store 2 s after the last change, at most 10 s after the
// first), or HOCUSPOCUS_DEBOUNCE=0 (store at once, after the update has been sent on).
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import BetterSqlite from 'better-sqlite3';

// extension-sqlite 3.4.4's schema and queries, verbatim in meaning.
const schema = `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`;
const selectQuery = `SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC`;
const upsertQuery = `INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data`;

const file = path.join(process.env.DATA_DIR ?? '.', 'hocuspocus.sqlite');
const db = new BetterSqlite(file);
db.exec(schema);
const select = db.prepare(selectQuery);
const writer = new Worker(
  `const { parentPort, workerData } = require('node:worker_threads');
  const db = new (require('better-sqlite3'))(workerData.file);
  const upsert = db.prepare(workerData.upsertQuery);
  parentPort.on('message', ({ name, data }) => upsert.run({ name, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }));`,
  { eval: true, workerData: { file, upsertQuery } },
);
writer.unref();

const debounce = process.env.HOCUSPOCUS_DEBOUNCE;
const server = new Server({
  port: Number(process.env.PORT || 0),
  address: '127.0.0.1',
  quiet: true,
  ...(debounce !== undefined ? { debounce: Number(debounce) } : {}),
  extensions: [
    new Database({
      fetch: async ({ documentName }) => select.get({ name: documentName })?.data,
      store: async ({ documentName, state }) => {
        writer.postMessage({ name: documentName, data: state });
      },
    }),
  ],
});
await server.listen();
console.log(JSON.stringify({ port: server.address.port }));
