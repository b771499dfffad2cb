/**
 * `npm run migrate -- --from ./data --to postgres://user@host/db`: moves an SQLite data
 * directory into PostgreSQL (schema created if needed). Safe to run again; see
 * server/store/migrate.ts for what it copies and how it checks the result.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateSqliteToPostgres } from './store/migrate';
import { isPostgresUrl, openPostgresStore } from './store/postgres-store';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, quiet: { type: 'boolean', default: false } } });
if (!values.from || !values.to || !isPostgresUrl(values.to)) {
  console.error('usage: npm run migrate -- --from ./data --to postgres://user@host:5432/database');
  process.exit(2);
}
const target = await openPostgresStore(values.to);
try {
  const report = await migrateSqliteToPostgres(path.resolve(values.from), target, values.quiet ? undefined : (line) => console.log(line));
  console.log(JSON.stringify(report, null, 2));
  if (report.mismatches.length > 0) {
    console.error(`verification failed for ${report.mismatches.length} document(s): their state in PostgreSQL lacks what SQLite has`);
    process.exitCode = 1;
  } else console.log('verified: every document in PostgreSQL has everything its SQLite copy has (state vectors compared)');
} finally {
  await target.pool.end();
}
