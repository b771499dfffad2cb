import type { Page } from '@playwright/test';
import { expect, joinAs, newActor, test } from './fixtures';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const wide = { viewport: { width: 1700, height: 1000 } };

async function addStep(page: Page, title: string) {
  const first = page.getByRole('button', { name: 'Add the first step' });
  if (await first.isVisible()) await first.click();
  else await page.getByRole('button', { name: 'Add step' }).click();
  await page.keyboard.type(title);
}

test('a participant flags a term; the facilitator’s heat map shows it with the team; others see only the count', async ({ browser, workshop }) => {
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const fran = await newActor(browser, wide, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Team East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Team West');
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');

  await ana.page.getByLabel('New term name').fill('Pipeline');
  await ana.page.getByRole('button', { name: 'Add term' }).click();
  await ana.page.getByRole('button', { name: /^I don't understand Pipeline/ }).click();
  await expect(ana.page.getByRole('button', { name: /^I don't understand Pipeline/ })).toHaveAttribute('aria-pressed', 'true');

  // Ben sees the count, not who.
  const benFlag = ben.page.getByRole('button', { name: /^I don't understand Pipeline/ });
  await expect(benFlag).toHaveAccessibleName("I don't understand Pipeline (1 person does not understand)");
  await expect(benFlag).toHaveAttribute('aria-pressed', 'false');
  await expect(ben.page.getByRole('tab', { name: /Heat map/ })).toHaveCount(0);
  await expect(ben.page.getByRole('listitem', { name: 'Pipeline' })).not.toContainText('Ana');

  // The facilitator sees it with the team, live.
  await fran.page.getByRole('tab', { name: /Heat map/ }).click();
  const heat = fran.page.getByRole('list', { name: 'Flagged items, most flagged first' });
  await expect(heat.getByRole('listitem', { name: 'Term Pipeline: 1' })).toContainText('Team East: 1');
  await benFlag.click();
  await expect(heat.getByRole('listitem', { name: 'Term Pipeline: 2' })).toContainText('Team East: 1 · Team West: 1');
  // Ana leaves and rejoins: her flag still counts once; she can take it back.
  await ana.page.reload();
  await expect(ana.page.getByRole('button', { name: /^I don't understand Pipeline/ })).toHaveAttribute('aria-pressed', 'true');
  await ana.page.getByRole('button', { name: /^I don't understand Pipeline/ }).click();
  await expect(heat.getByRole('listitem', { name: 'Term Pipeline: 1' })).toContainText('Team West: 1');
  // Clicking the item goes to it; clearing removes it.
  await heat.getByRole('button', { name: 'Pipeline' }).click();
  await expect(fran.page.getByRole('tab', { name: 'Glossary' })).toHaveAttribute('aria-selected', 'true');
  await expect(fran.page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Pipeline');
  await fran.page.getByRole('tab', { name: /Heat map/ }).click();
  await heat.getByRole('button', { name: 'Clear flags (discussed)' }).click();
  await expect(fran.page.getByText('Nobody has said “I don’t understand” yet.')).toBeVisible();
  await expect(ben.page.getByRole('button', { name: /^I don't understand Pipeline/ })).toHaveAccessibleName("I don't understand Pipeline");
  for (const actor of [ana, ben, fran]) await actor.context.close();
});

test('a metric attached to a step appears on its card for everyone and on the projector; deleting the step leaves it unattached', async ({ browser, workshop }) => {
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const projector = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await projector.page.goto(workshop.links.projector);
  await addStep(ana.page, 'Qualify');
  await addStep(ana.page, 'Propose');

  // A glossary term, so that the formula shows it highlighted.
  await ana.page.getByLabel('New term name').fill('Opportunity');
  await ana.page.getByRole('button', { name: 'Add term' }).click();

  await ana.page.getByRole('tab', { name: 'Metrics' }).click();
  await ana.page.getByLabel('New metric name').fill('Stage conversion');
  await ana.page.getByRole('button', { name: 'Add metric' }).click();
  await ana.page.getByRole('textbox', { name: 'Numerator (in words)' }).fill('Opportunities that reach Propose');
  await ana.page.getByRole('textbox', { name: 'Denominator (in words)' }).fill('Opportunities in Qualify');
  await ana.page.getByRole('textbox', { name: 'Target' }).fill('40 %');
  await ana.page.getByLabel('Measures').selectOption({ label: 'Qualify → Propose' });
  const formula = ana.page.getByLabel('Formula with glossary terms');
  await expect(formula.locator('.term-highlight')).toHaveText(['Opportunities', 'Opportunities']);
  await formula.locator('.term-highlight').first().focus();
  await expect(ana.page.getByRole('tooltip')).toContainText('Opportunity');

  for (const page of [ana.page, ben.page]) {
    await expect(page.getByRole('list', { name: 'Metrics on Qualify' })).toContainText('Stage conversion · target 40 %');
    await expect(page.getByRole('list', { name: 'Metrics on Propose' })).toContainText('Qualify → Propose');
  }
  await expect(projector.page.getByRole('list', { name: 'Metrics on Qualify' })).toContainText('Stage conversion · target 40 %');

  // Attach to one step only, then delete that step: the metric stays, unattached.
  await ana.page.getByLabel('Measures').selectOption({ label: 'Step 2: Propose' });
  await expect(ben.page.getByRole('list', { name: 'Metrics on Qualify' })).toHaveCount(0);
  await ben.page.getByRole('button', { name: 'Delete Propose' }).click();
  await ben.page.getByRole('tab', { name: 'Metrics' }).click();
  await expect(ben.page.getByRole('listitem', { name: 'Stage conversion' })).toContainText('Not attached (its step was deleted)');
  await expect(projector.page.getByText('Stage conversion')).toHaveCount(0);
  // Ben's undo brings the step back, with its metric.
  await ben.page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: 'Undo' }).click();
  await expect(ana.page.getByRole('list', { name: 'Metrics on Propose' })).toContainText('Stage conversion');
  for (const actor of [ana, ben, projector]) await actor.context.close();
});

test('a parking-lot item linked to a step jumps to it; items can be resolved and reopened', async ({ browser, workshop }) => {
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addStep(ana.page, 'Qualify');
  await addStep(ana.page, 'Propose');

  await ana.page.getByRole('button', { name: 'Park a question about Propose' }).click();
  await expect(ana.page.getByRole('tab', { name: /Parking lot/ })).toHaveAttribute('aria-selected', 'true');
  await expect(ana.page.getByLabel('Linked to')).toHaveValue(/^step:/);
  await ana.page.getByLabel('What to park').fill('Who approves discounts?');
  await ana.page.getByRole('button', { name: 'Park it' }).click();

  await ben.page.getByRole('tab', { name: /Parking lot \(1\)/ }).click();
  const item = ben.page.getByRole('list', { name: 'Parked items' }).getByRole('listitem');
  await expect(item.getByRole('textbox')).toHaveValue('Who approves discounts?');
  await item.getByRole('button', { name: 'From step 2. Propose' }).click();
  await expect(ben.page.getByRole('heading', { name: 'Step 2: Propose' })).toBeVisible();
  await expect(ben.page.getByRole('article', { name: 'Step 2: Propose' })).toBeInViewport();

  await item.getByRole('button', { name: 'Resolve' }).click();
  await expect(ana.page.getByRole('list', { name: 'Parked items' }).getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(ana.page.getByRole('tab', { name: 'Parking lot' })).toBeVisible();
  await ana.page.getByRole('button', { name: 'Reopen' }).click();
  await expect(ben.page.getByRole('tab', { name: 'Parking lot (1)' })).toBeVisible();
  await ana.context.close();
  await ben.context.close();
});
