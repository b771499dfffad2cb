import type { Browser, Page } from '@playwright/test';
import { expect, joinAs, newActor, test, type Workshop } from './fixtures';

/** These journeys are about the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const stepTitles = (page: Page) =>
  page.getByRole('list', { name: 'Process steps, left to right' }).getByRole('textbox', { name: /^Step \d+ title$/ });

async function addSteps(page: Page, titles: string[]) {
  for (const title of titles) {
    const empty = page.getByRole('button', { name: 'Add the first step' });
    if (await empty.isVisible()) await empty.click();
    else await page.getByRole('button', { name: 'Add step' }).click();
    // The new step's title has focus.
    await page.keyboard.type(title);
  }
  await expect(stepTitles(page)).toHaveCount(titles.length);
}

async function expectOrder(page: Page, titles: string[]) {
  await expect.poll(() => stepTitles(page).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(titles);
}

const description = (page: Page, step: string) => page.getByRole('textbox', { name: `Description of ${step}` });

test('an empty process shows how to start; steps are added at the end and in between', async ({ browser, workshop }) => {
  const ana = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await expect(ana.page.getByText('No steps yet.')).toBeVisible();
  await addSteps(ana.page, ['Qualify', 'Close']);
  await ana.page.getByRole('button', { name: 'Insert a step between Qualify and Close' }).click();
  await ana.page.keyboard.type('Propose');
  await expectOrder(ana.page, ['Qualify', 'Propose', 'Close']);
  // An empty title reads as "Untitled step", never a blank card.
  await stepTitles(ana.page).nth(1).fill('');
  await expect(ana.page.getByRole('article', { name: 'Step 2: Untitled step' })).toBeVisible();
  // Over-long titles are cut at the limit with a visible counter.
  await stepTitles(ana.page).nth(1).fill('x'.repeat(130));
  await expect(stepTitles(ana.page).nth(1)).toHaveValue('x'.repeat(120));
  await expect(ana.page.getByText('120/120 — limit reached')).toBeVisible();
  await ana.context.close();
});

/**
 * Three people type at one spot of one description at once. Everyone ends with the same text,
 * in one paragraph (nobody pressed Enter), and each person's sentence is whole.
 */
async function typeTogether(browser: Browser, workshop: Workshop, start: string) {
  const actors = await Promise.all([newActor(browser, {}, LIST), newActor(browser, {}, LIST), newActor(browser, {}, LIST)]);
  const names = ['Ana', 'Ben', 'Cleo'];
  for (const [i, actor] of actors.entries()) await joinAs(actor.page, workshop.links.participant, names[i]!);
  await addSteps(actors[0]!.page, ['Qualify']);
  for (const { page } of actors) await page.getByRole('button', { name: 'Open details of Qualify' }).click();
  // The shared text, without the other people's caret labels (which differ per viewer).
  const read = () =>
    Promise.all(
      actors.map(({ page }) =>
        description(page, 'Qualify').evaluate((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
          return { text: copy.textContent ?? '', paragraphs: copy.querySelectorAll('p').length };
        }),
      ),
    );
  if (start) {
    await description(actors[0]!.page, 'Qualify').click();
    await actors[0]!.page.keyboard.type(start);
  }
  await expect.poll(async () => (await read()).map((r) => r.text)).toEqual([start, start, start]);
  for (const { page } of actors) {
    await description(page, 'Qualify').click();
    await page.keyboard.press('Control+End');
  }
  const sentences = names.map((name) => ` ${name} was here.`);
  await Promise.all(actors.map(({ page }, i) => page.keyboard.type(sentences[i]!, { delay: 15 })));
  const expectedLength = start.length + sentences.join('').length;
  await expect.poll(async () => (await read()).map((r) => r.text.length)).toEqual([expectedLength, expectedLength, expectedLength]);
  await expect.poll(async () => new Set((await read()).map((r) => r.text)).size).toBe(1);
  const [{ text, paragraphs }] = (await read()) as [{ text: string; paragraphs: number }];
  expect(paragraphs, text).toBe(1);
  for (const sentence of sentences) expect(text, 'each sentence stays whole').toContain(sentence);
  expect(sentences.reduce((rest, sentence) => rest.replace(sentence, ''), text)).toBe(start);
  // Carets show who else is typing there.
  await expect(actors[0]!.page.locator('.collaboration-carets__label', { hasText: 'Ben' })).toBeVisible();
  for (const actor of actors) await actor.context.close();
}

test('three participants type in one empty description at once; each sentence stays whole', async ({ browser, workshop }) => {
  await typeTogether(browser, workshop, '');
});

test('three participants type at the end of shared text at once; each sentence stays whole', async ({ browser, workshop }) => {
  await typeTogether(browser, workshop, 'Start.');
});

test('only a typed http(s):// address becomes a link, for everyone', async ({ browser, workshop }) => {
  const ana = await newActor(browser, {}, LIST);
  const ben = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addSteps(ana.page, ['Qualify']);
  for (const { page } of [ana, ben]) await page.getByRole('button', { name: 'Open details of Qualify' }).click();
  await description(ana.page, 'Qualify').click();
  await ana.page.keyboard.type('Order at buy.book or e.g. shop.example, see https://example.com/terms and done.');
  for (const { page } of [ana, ben]) {
    await expect(description(page, 'Qualify')).toContainText('and done.');
    const links = description(page, 'Qualify').getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://example.com/terms');
  }
  await ana.context.close();
  await ben.context.close();
});

test('keyboard reorder while another person edits the same step; both changes survive', async ({ browser, workshop }) => {
  const ana = await newActor(browser, {}, LIST);
  const ben = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addSteps(ana.page, ['Qualify', 'Propose', 'Close']);
  await expectOrder(ben.page, ['Qualify', 'Propose', 'Close']);

  // Ben types in "Qualify" while Ana moves it right with Alt+→ (focus on its title).
  await stepTitles(ben.page).nth(0).click();
  await stepTitles(ben.page).nth(0).press('End');
  const typing = ben.page.keyboard.type(' lead', { delay: 40 });
  await stepTitles(ana.page).nth(0).focus();
  await ana.page.keyboard.press('Alt+ArrowRight');
  await ana.page.keyboard.press('Alt+ArrowRight');
  await typing;
  for (const page of [ana.page, ben.page]) await expectOrder(page, ['Propose', 'Close', 'Qualify lead']);
  // Ben sees Ana's editing marker on the step she has focus in.
  await expect(ben.page.getByRole('list', { name: 'Editing Qualify lead now' })).toContainText('Ana');

  // The move buttons do the same.
  await ana.page.getByRole('button', { name: 'Move Qualify lead left' }).click();
  await expectOrder(ben.page, ['Propose', 'Qualify lead', 'Close']);
  await ana.context.close();
  await ben.context.close();
});

test('drag and drop reorders steps for everyone', async ({ browser, workshop }) => {
  const ana = await newActor(browser, { viewport: { width: 1900, height: 1000 } }, LIST);
  const ben = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addSteps(ana.page, ['One', 'Two', 'Three']);
  const handle = ana.page.getByRole('button', { name: 'Drag to reorder One' });
  const target = ana.page.getByRole('article', { name: 'Step 3: Three' });
  await target.scrollIntoViewIfNeeded();
  await expect(target).toBeInViewport({ ratio: 1 });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await ana.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await ana.page.mouse.down();
  await ana.page.mouse.move(from.x + 30, from.y + 5, { steps: 5 });
  await ana.page.mouse.move(to.x + to.width * 0.75, to.y + 40, { steps: 15 });
  await ana.page.mouse.up();
  await expectOrder(ana.page, ['Two', 'Three', 'One']);
  await expectOrder(ben.page, ['Two', 'Three', 'One']);
  await ana.context.close();
  await ben.context.close();
});

test('a sticky added by one appears for the others and on the projector, and can move to another step', async ({ browser, workshop }) => {
  const ana = await newActor(browser, {}, LIST);
  const ben = await newActor(browser, {}, LIST);
  const projector = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'East');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await projector.page.goto(workshop.links.projector);
  await addSteps(ana.page, ['Qualify', 'Propose']);

  const form = ana.page.getByRole('form', { name: 'Add a note to Qualify' });
  await form.getByLabel('Kind of new note').selectOption('question');
  await form.getByLabel('New note text').fill('Who signs off the budget?');
  await form.getByRole('button', { name: 'Add' }).click();

  const benNotes = ben.page.getByRole('list', { name: 'Notes on Qualify' });
  await expect(benNotes.getByRole('listitem')).toHaveCount(1);
  await expect(benNotes).toContainText('Question');
  await expect(benNotes).toContainText('Ana');
  await expect(benNotes.getByRole('textbox')).toHaveValue('Who signs off the budget?');
  await expect(projector.page.getByText('Who signs off the budget?')).toBeVisible();
  await expect(projector.page.getByRole('heading', { name: 'Qualify' })).toBeVisible();

  // Ben edits Ana's sticky and moves it to the next step.
  await benNotes.getByRole('textbox').fill('Who signs off the budget? Finance.');
  await benNotes.getByRole('button', { name: 'Move question to another step' }).click();
  await benNotes.getByLabel('Move note to step').selectOption({ label: '2. Propose' });
  await expect(ana.page.getByRole('list', { name: 'Notes on Propose' }).getByRole('textbox')).toHaveValue('Who signs off the budget? Finance.');
  await expect(ana.page.getByRole('list', { name: 'Notes on Qualify' }).getByRole('listitem')).toHaveCount(0);
  await expect(projector.page.getByText('Who signs off the budget? Finance.')).toBeVisible();
  await expect(projector.page.getByRole('textbox')).toHaveCount(0);
  for (const actor of [ana, ben, projector]) await actor.context.close();
});

test('undo restores a deleted step, with its description, for its deleter only; the editor is told', async ({ browser, workshop }) => {
  const ana = await newActor(browser, {}, LIST);
  const ben = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addSteps(ana.page, ['Qualify', 'Propose']);
  await ben.page.getByRole('button', { name: 'Open details of Propose' }).click();
  await description(ben.page, 'Propose').click();
  await ben.page.keyboard.type('Send within 48 hours.');
  await expect(ben.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');

  // Cleo has her cursor in the card's title when it goes.
  const cleo = await newActor(browser, {}, LIST);
  await joinAs(cleo.page, workshop.links.participant, 'Cleo');
  await stepTitles(cleo.page).nth(1).click();
  await ana.page.getByRole('button', { name: 'Delete Propose' }).click();
  await expect(cleo.page.getByRole('alert').filter({ hasText: 'The step you were editing was deleted by someone else.' })).toBeVisible();
  await expect(ana.page.getByRole('alert').filter({ hasText: 'deleted by someone else' })).toHaveCount(0);
  await expect(ana.page.getByText('Deleted “Propose”.')).toBeVisible();
  await expectOrder(ben.page, ['Qualify']);
  await expect(ben.page.getByText('This step was deleted by someone else.')).toBeVisible();

  // Ben's undo cannot bring back what Ana deleted (it is not his change).
  await ben.page.getByRole('heading', { name: 'Process map' }).click();
  await ben.page.keyboard.press('Control+z');
  await expectOrder(ana.page, ['Qualify']);

  await ana.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  for (const page of [ana.page, ben.page]) await expectOrder(page, ['Qualify', 'Propose']);
  await expect(description(ben.page, 'Propose')).toContainText('Send within 48 hours.');
  await ana.page.getByRole('button', { name: 'Open details of Propose' }).click();
  await expect(description(ana.page, 'Propose')).toContainText('Send within 48 hours.');
  // And redo deletes it again.
  await ana.page.getByRole('heading', { name: 'Process map' }).click();
  await ana.page.keyboard.press('Control+Shift+z');
  await expectOrder(ben.page, ['Qualify']);
  for (const actor of [ana, ben, cleo]) await actor.context.close();
});
