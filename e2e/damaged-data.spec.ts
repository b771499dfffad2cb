import * as Y from 'yjs';
import { roomName } from '../lib/protocol';
import { openSqliteStore } from '../server/store/sqlite-store';
import { expect, joinAs, newActor, test } from './fixtures';

/**
 * A workshop stored by an older version, before the server checked every update against the
 * schema, holds wrongly typed records. It still opens for everyone, says what is hidden, and
 * the facilitator can remove the damage.
 */
test('damaged records stored by an older version are hidden, counted, and removed by the facilitator', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Old workshop', template: 'b2b-sales' } });
  const workshop = (await res.json()) as { id: string; links: { participant: string; facilitator: string } };

  // Written straight into the store, as the older version would have kept it (nobody has opened the workshop yet).
  const store = openSqliteStore(process.env.E2E_DATA_DIR!);
  try {
    const board = new Y.Doc();
    for (const update of (await store.load(roomName(workshop.id, 'board'))).updates) Y.applyUpdate(board, update);
    const before = Y.encodeStateVector(board);
    board.getMap('metrics').set('zzz', 'not a map');
    board.getMap('steps').set('zzz', 42);
    await store.append(roomName(workshop.id, 'board'), Y.encodeStateAsUpdate(board, before));
  } finally {
    store.close();
  }

  const ana = await newActor(browser);
  const fran = await newActor(browser);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  for (const { page } of [ana, fran]) {
    await expect(page.getByRole('status').filter({ hasText: '2 damaged items are hidden' })).toBeVisible();
    // The rest of the board is intact.
    await expect(page.getByRole('article', { name: /^Step 1: / })).toBeVisible();
  }
  await expect(ana.page.getByRole('button', { name: 'Remove damaged items' })).toHaveCount(0);
  const exported = await request.get(`/api/workshops/${workshop.id}/export/handbook.md`, {
    headers: { authorization: `Bearer ${new URL(workshop.links.facilitator).hash.slice(3)}` },
  });
  expect(exported.status()).toBe(200);

  await fran.page.getByRole('button', { name: 'Remove damaged items' }).click();
  await expect(fran.page.getByRole('status').filter({ hasText: 'Removed 2 damaged items.' })).toBeVisible();
  await expect(ana.page.getByRole('status').filter({ hasText: 'damaged items are hidden' })).toHaveCount(0);
  await ana.context.close();
  await fran.context.close();
});
