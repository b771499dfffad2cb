import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/harness';
import { startPostgres, type TestPostgres } from '../testing/services';
import { migrateSqliteToPostgres } from './migrate';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.destroy());

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('npm run migrate: SQLite data directory into PostgreSQL', () => {
  it('copies workshops, links and documents; verified by state vectors; running it again changes nothing', async () => {
    const dataDir = tempDataDir();
    const sqlite = openSqliteStore(dataDir);
    const docs = new Map<string, Y.Doc>();
    for (const id of ['AAAAAAAAAAAA', 'BBBBBBBBBBBB']) {
      const board = new Y.Doc();
      board.getText('title').insert(0, `Workshop ${id}`);
      await sqlite.createWorkshop(
        { id, createdAt: 1234, template: 'blank', secretHashes: { participant: `p${id}`, facilitator: `f${id}`, projector: `r${id}` } },
        [{ docName: `${id}/board`, update: Y.encodeStateAsUpdate(board) }],
      );
      for (let i = 0; i < 20; i++) {
        const before = Y.encodeStateVector(board);
        board.getMap('flags').set(`k${i}`, `v${i}`);
        if (i % 3 === 0) board.getMap('flags').delete(`k${i - 1}`);
        await sqlite.append(`${id}/board`, Y.encodeStateAsUpdate(board, before));
      }
      docs.set(`${id}/board`, board);
    }
    // A join code, as the projector of the first workshop shows one.
    const joinCode = { codeHash: 'hash-of-K7QM3XTR', sealedSecret: 'sealed', panelVersion: 'v1', createdAt: 4321 };
    await sqlite.setJoinCode('AAAAAAAAAAAA', joinCode);
    // One compacted, one not: both kinds of stored log.
    await sqlite.compact('AAAAAAAAAAAA/board', Y.encodeStateAsUpdate(docs.get('AAAAAAAAAAAA/board')!), Number.MAX_SAFE_INTEGER);
    sqlite.close();

    const url = await postgres.newDatabase();
    const target = await openPostgresStore(url);
    const first = await migrateSqliteToPostgres(dataDir, target);
    expect(first).toEqual({ workshops: { copied: 2, alreadyThere: 0 }, joinCodes: { copied: 1, alreadyThere: 0 }, documents: { copied: 2, updated: 0, unchanged: 0 }, mismatches: [] });
    expect(await target.findJoinCode(joinCode.codeHash)).toEqual({ ...joinCode, workshopId: 'AAAAAAAAAAAA' });
    expect(await target.getWorkshop('BBBBBBBBBBBB')).toEqual({ id: 'BBBBBBBBBBBB', createdAt: 1234, template: 'blank', secretHashes: { participant: 'pBBBBBBBBBBBB', facilitator: 'fBBBBBBBBBBBB', projector: 'rBBBBBBBBBBBB' } });
    for (const [name, doc] of docs) {
      const stored = await target.readDocument(name);
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(doc));
      expect(stored.getMap('flags').toJSON()).toEqual(doc.getMap('flags').toJSON());
      expect(stored.getText('title').toString()).toBe(doc.getText('title').toString());
    }
    const rows = await target.count('BBBBBBBBBBBB/board');

    // Again, through the command: nothing is copied twice.
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'server/migrate.ts', '--from', dataDir, '--to', url, '--quiet'], { cwd: repoRoot, encoding: 'utf8' });
    expect(output).toContain('verified');
    expect(JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1))).toMatchObject({ workshops: { copied: 0, alreadyThere: 2 }, joinCodes: { copied: 0, alreadyThere: 1 }, documents: { copied: 0, updated: 0, unchanged: 2 } });
    expect(await target.findJoinCode(joinCode.codeHash)).toEqual({ ...joinCode, workshopId: 'AAAAAAAAAAAA' });
    expect(await target.count('BBBBBBBBBBBB/board')).toBe(rows);
    target.close();
  }, 60_000);
});
