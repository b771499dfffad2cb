import * as Y from 'yjs';
import { addTerm } from '../lib/doc/glossary';
import { addStep, addSticky } from '../lib/doc/process';
import { seedBoardBase } from '../lib/doc/workshop';
import { createBackup } from '../lib/export/backup';
import { expect, joinAs, newActor, test, type Workshop } from './fixtures';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const STEPS = 60;
const NOTES_PER_STEP = 5;
const TERMS = 200;

/** A board too big to build in one go: 60 steps, 300 notes, 200 terms, imported as a backup. */
async function importLargeBoard(request: import('@playwright/test').APIRequestContext): Promise<Workshop> {
  const board = seedBoardBase('Large board');
  const steps = Array.from({ length: STEPS }, (_, i) => addStep(board, { title: `Stage ${i + 1}` }));
  steps.forEach((stepId, i) => {
    for (let n = 0; n < NOTES_PER_STEP; n++) addSticky(board, { stepId, kind: 'idea', text: `Note ${n + 1} on stage ${i + 1}`, authorId: 'seed', authorName: 'Seed' });
  });
  for (let i = 0; i < TERMS; i++) addTerm(board, { name: `Term ${String(i).padStart(3, '0')}`, definition: `Definition ${i}` });
  const res = await request.post('/api/workshops/import', { data: createBackup(board, new Y.Doc(), new Date()) });
  expect(res.status()).toBe(201);
  return (await res.json()) as Workshop;
}

test('a large board is usable at once and completes itself; far cards edit live both ways', async ({ browser, request }) => {
  const workshop = await importLargeBoard(request);
  const ana = await newActor(browser, { viewport: { width: 1400, height: 900 } }, LIST);
  const ben = await newActor(browser, { viewport: { width: 1400, height: 900 } }, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Sales');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Service');

  const card = (page: typeof ana.page, n: number) => page.getByRole('article', { name: new RegExp(`^Step ${n}: `) });
  // The first card is complete; every card's title is there and editable.
  await expect(card(ana.page, 1).locator('li[id^="sticky-"]')).toHaveCount(NOTES_PER_STEP);
  await expect(ana.page.getByRole('textbox', { name: `Step ${STEPS} title` })).toBeEditable();
  // The rest is built when the browser is idle: all notes and all glossary rows arrive.
  await expect(ana.page.locator('li[id^="sticky-"]')).toHaveCount(STEPS * NOTES_PER_STEP);
  await expect(ana.page.locator('li[id^="term-"]')).toHaveCount(TERMS);
  await expect(card(ana.page, STEPS).getByRole('textbox', { name: 'Idea text' }).first()).toHaveValue(`Note 1 on stage ${STEPS}`);

  // Ben renames the last stage; Ana sees it. Ana edits a note on it; Ben sees that.
  const benTitle = ben.page.getByRole('textbox', { name: `Step ${STEPS} title` });
  await benTitle.fill('Renewal');
  await benTitle.press('Enter');
  await expect(ana.page.getByRole('textbox', { name: `Step ${STEPS} title` })).toHaveValue('Renewal');
  const anaNote = card(ana.page, STEPS).getByRole('textbox', { name: 'Idea text' }).first();
  await anaNote.fill('Renewal starts 90 days before the end');
  await expect(card(ben.page, STEPS).getByRole('textbox', { name: 'Idea text' }).first()).toHaveValue('Renewal starts 90 days before the end');
  // Editing one card leaves the others as they were.
  await expect(card(ben.page, STEPS - 1).getByRole('textbox', { name: 'Idea text' }).first()).toHaveValue(`Note 1 on stage ${STEPS - 1}`);
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');

  await ana.context.close();
  await ben.context.close();
});
