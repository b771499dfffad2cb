import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, joinAs, newActor, test } from './fixtures';

/**
 * Competing definitions (issue 19): three teams mean three different things by "Qualified
 * lead"; the room sees it side by side, converges on one wording, agrees and locks it, and the
 * projector and the handbook keep how it got there. And the coverage meter: a word three steps
 * use that nobody has defined becomes a term in one click.
 */

const wide = { viewport: { width: 1700, height: 1000 } };
const glossary = (page: Page) => page.getByRole('complementary', { name: 'Glossary' });
/** Steps are typed into the list view's fields here; the wall has its own journeys. */
const LIST = { listView: true };
const column = (page: Page, team: string) => glossary(page).getByRole('region', { name: `${team}’s definition` });

const EAST = 'Budget, authority, need and timing are confirmed. The contact is the decision maker.';
const WEST = 'A demo is booked. The contact is the decision maker.';
const MARKETING = 'The contact downloaded the pricing guide; the company fits our profile.';
const AGREED = 'A demo is booked. Budget, authority, need and timing are confirmed.';

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.length})`)).toEqual([]);
}

async function openTerm(page: Page, name: string) {
  const toggle = glossary(page).getByRole('button', { name, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function addTeamDefinition(page: Page, team: string, wording: string) {
  await openTerm(page, 'Qualified lead');
  await glossary(page).getByRole('button', { name: `Add our team’s definition (${team})` }).click();
  await glossary(page).getByRole('textbox', { name: `${team}’s wording` }).fill(wording);
}

test('three teams define "Qualified lead" side by side; the facilitator merges two, the room agrees, the projector and the handbook keep the history', async ({ browser, workshop }) => {
  const fran = await newActor(browser, wide, LIST);
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const cy = await newActor(browser, wide, LIST);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Sales East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Sales West');
  await joinAs(cy.page, workshop.links.participant, 'Cy', 'Marketing');
  await projector.page.goto(workshop.links.projector);

  await fran.page.getByLabel('New term name').fill('Qualified lead');
  await fran.page.getByRole('button', { name: 'Add term' }).click();

  // Each team adds its own definition, tagged with the team from the participant's identity.
  await addTeamDefinition(ana.page, 'Sales East', EAST);
  await addTeamDefinition(ben.page, 'Sales West', WEST);
  await addTeamDefinition(cy.page, 'Marketing', MARKETING);

  // Everyone sees three columns, the differing words marked (and the shared ones not).
  for (const actor of [fran, ana, ben, cy]) {
    await openTerm(actor.page, 'Qualified lead');
    await expect(glossary(actor.page).getByRole('group', { name: '3 definitions side by side' }).getByTestId('variant-column')).toHaveCount(3);
    await expect(column(actor.page, 'Sales West').locator('mark').first()).toHaveText('A demo is booked.');
    await expect(column(actor.page, 'Marketing').locator('mark').first()).toHaveText('downloaded');
    await expect(column(actor.page, 'Sales East').locator('mark', { hasText: 'contact' })).toHaveCount(0);
    // Not colour alone: each mark is announced.
    await expect(column(actor.page, 'Sales West').getByText('differs:').first()).toBeAttached();
  }
  await expect(glossary(ana.page).getByRole('listitem', { name: 'Qualified lead' })).toContainText('Contested · 3 team definitions');
  await expectNoSeriousViolations(ana.page, 'three team definitions side by side');

  // The facilitator puts the comparison on the projector.
  await glossary(fran.page).getByRole('button', { name: 'Show side by side to everyone' }).click();
  const onScreen = projector.page.getByRole('region', { name: 'Competing definitions' });
  await expect(onScreen.getByRole('list', { name: 'Team definitions' }).getByRole('listitem')).toHaveCount(3);
  await expect(onScreen.getByRole('listitem', { name: 'Sales West' }).locator('mark').first()).toHaveText('A demo is booked.');
  await expectNoSeriousViolations(projector.page, 'projector: contested term');

  // The facilitator builds the agreed definition from clauses of two variants.
  await glossary(fran.page).getByRole('button', { name: 'Pick clauses…' }).click();
  await column(fran.page, 'Sales West').getByRole('checkbox', { name: 'A demo is booked.' }).check();
  await column(fran.page, 'Sales East').getByRole('checkbox', { name: 'Budget, authority, need and timing are confirmed.' }).check();
  await expect(glossary(fran.page).getByText(`Agreed definition will read: “${AGREED}”`)).toBeVisible();
  await glossary(fran.page).getByRole('button', { name: 'Use 2 clauses as the agreed definition' }).click();
  for (const actor of [ana, ben, cy]) await expect(glossary(actor.page).getByRole('textbox', { name: 'Definition of Qualified lead' })).toHaveText(AGREED);
  await expect(onScreen.getByTestId('projector-agreed-definition')).toContainText('Working definition');
  await expect(onScreen.getByTestId('projector-agreed-definition')).toContainText(AGREED);

  // The existing consensus check, then agreed and locked.
  await glossary(fran.page).getByRole('button', { name: 'Check consensus on Qualified lead' }).click();
  // Marketing agrees with reservations: the split by team shows it was Marketing.
  for (const [actor, level] of [[ana, 'Fully agree'], [ben, 'Fully agree'], [cy, 'Agree with reservations']] as const) {
    await expect(actor.page.getByRole('heading', { name: 'Consensus check: Term Qualified lead' })).toBeVisible();
    await actor.page.getByRole('radio', { name: level }).check();
  }
  await expect(fran.page.getByTestId('consensus-full')).toHaveText('2');
  await expect(fran.page.getByTestId('consensus-reservations')).toHaveText('1');
  await fran.page.getByRole('button', { name: 'Mark agreed and lock' }).click();

  // The projector shows the variants and the result.
  await expect(onScreen.getByRole('list', { name: 'Team definitions' }).getByRole('listitem')).toHaveCount(3);
  await expect(onScreen.getByTestId('projector-agreed-definition')).toContainText('Agreed and locked');
  await expect(onScreen.getByTestId('projector-agreed-definition')).toContainText(AGREED);
  await expect(onScreen.getByTestId('projector-consensus-result')).toHaveText('Consensus: Fully agree: 2 · Agree with reservations: 1');

  // Locked: the variants stay, as history, but participants can no longer converge or edit them.
  await ana.page.getByRole('tab', { name: 'Glossary' }).click();
  await openTerm(ana.page, 'Qualified lead');
  // The wording as shown (the screen reader's "differs:" labels aside).
  await expect.poll(() => column(ana.page, 'Sales East').evaluate((el) => { const copy = el.cloneNode(true) as HTMLElement; copy.querySelectorAll('.sr-only').forEach((n) => n.remove()); return copy.textContent ?? ''; })).toContain(EAST);
  await expect(glossary(ana.page).getByRole('button', { name: /^Start agreed definition from this/ })).toHaveCount(0);
  await expect(glossary(ana.page).getByRole('textbox', { name: 'Sales East’s wording' })).toHaveCount(0);

  // Signals by team: the facilitator filters the consensus results by team, the agreed item's too.
  await fran.page.getByRole('tab', { name: /Heat map/ }).click();
  const byTeam = fran.page.getByRole('list', { name: 'Consensus answers by team' });
  const agreedItems = fran.page.getByRole('list', { name: 'Agreed items and their consensus' });
  await expect(byTeam.getByRole('listitem')).toHaveText(['Marketing (1): Agree with reservations 1', 'Sales East (1): Fully agree 1', 'Sales West (1): Fully agree 1']);
  await expect(agreedItems.getByTestId('decision-by-team')).toHaveText('Marketing: Agree with reservations 1; Sales East: Fully agree 1; Sales West: Fully agree 1');
  await fran.page.getByLabel('Signals of').selectOption('Marketing');
  await expect(byTeam.getByRole('listitem')).toHaveText(['Marketing (1): Agree with reservations 1']);
  await expect(agreedItems.getByRole('listitem')).toContainText('Term Qualified lead');
  await expect(agreedItems.getByRole('listitem')).toContainText('Agree with reservations 1');
  await expect(agreedItems.getByRole('listitem')).not.toContainText('Fully agree');
  await fran.page.getByLabel('Signals of').selectOption('Every team');
  await expect(byTeam.getByRole('listitem')).toHaveCount(3);

  // The handbook keeps the history: every team's wording, whose wording it was built from, the decision.
  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([fran.page.waitForEvent('download'), fran.page.getByRole('button', { name: 'Process handbook (Markdown)' }).click()]);
  const md = fs.readFileSync(await download.path(), 'utf8');
  const section = md.slice(md.indexOf('### Qualified lead'), md.indexOf('## Metrics'));
  expect(section).toContain(AGREED);
  expect(section).toContain('**Before the agreement:**');
  expect(section).toContain(`- **Sales East** (Ana): ${EAST}`);
  expect(section).toContain(`- **Sales West** (Ben): ${WEST}`);
  expect(section).toContain(`- **Marketing** (Cy): ${MARKETING}`);
  expect(section).toContain('Agreed wording built from the definitions of Sales West and Sales East.');
  expect(section).toMatch(/Agreed on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC — consensus: Fully agree: 2, Agree with reservations: 1\./);
  // The decision line says how each team answered: counts, never names.
  expect(md).toContain('- Term Qualified lead agreed (locked) — consensus: Fully agree: 2, Agree with reservations: 1 (by team: Marketing — Agree with reservations: 1; Sales East — Fully agree: 1; Sales West — Fully agree: 1)');
  for (const actor of [fran, ana, ben, cy, projector]) await actor.context.close();
});

/**
 * Adds steps with descriptions through the process map. Kept in one place: the map's controls
 * are the part of this journey most likely to change.
 */
async function addStepsWithDescriptions(page: Page, steps: ReadonlyArray<readonly [title: string, description: string]>) {
  for (const [i, [title]] of steps.entries()) {
    await page.getByRole('button', { name: i === 0 ? 'Add the first step' : 'Add step' }).click();
    await page.keyboard.type(title);
  }
  for (const [title, description] of steps) {
    await page.getByRole('button', { name: `Open details of ${title}` }).click();
    await page.getByRole('textbox', { name: `Description of ${title}` }).click();
    await page.keyboard.type(description);
  }
}

test('a word three steps use but nobody defined is in the coverage list and becomes a term in one click', async ({ browser, workshop }) => {
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Sales East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Sales West');
  await addStepsWithDescriptions(ana.page, [
    ['Qualify', 'Score the lead on the scorecard.'],
    ['Propose', 'Attach the scorecard to the proposal.'],
    ['Close', 'Archive the scorecard.'],
  ]);

  const meter = glossary(ben.page).getByRole('region', { name: 'Common language' });
  await expect(meter.getByRole('meter', { name: 'Steps that use only agreed terms' })).toHaveAttribute('aria-valuemax', '3');
  const undefinedWords = meter.getByRole('list', { name: 'Undefined words' });
  await expect(undefinedWords.getByRole('listitem')).toHaveText([/scorecard — in 3 steps/]);

  await undefinedWords.getByRole('button', { name: 'Add as term: Scorecard' }).click();
  for (const page of [ana.page, ben.page]) {
    await expect(glossary(page).getByRole('list', { name: 'Terms, A to Z' }).getByRole('listitem', { name: 'Scorecard' })).toBeVisible();
    await expect(glossary(page).getByRole('list', { name: 'Undefined words' })).toHaveCount(0);
  }
  // The new term is proposed, not agreed: the steps that use it do not speak the common language yet.
  await expect(glossary(ana.page).getByTestId('coverage-summary')).toHaveText('0 of 3 steps (0 %) use only agreed terms and no undefined words.');
  await ana.context.close();
  await ben.context.close();
});

test('two teams fill a metric numerator differently; the differing words are marked, and the agreed metric starts from one variant with its numerator', async ({ browser, workshop }) => {
  const fran = await newActor(browser, wide, LIST);
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Finance');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Sales');
  await projector.page.goto(workshop.links.projector);

  await fran.page.getByRole('tab', { name: 'Metrics' }).click();
  await fran.page.getByLabel('New metric name').fill('Win rate');
  await fran.page.getByRole('button', { name: 'Add metric' }).click();

  const openMetric = async (page: Page) => {
    const toggle = page.getByRole('button', { name: 'Win rate', exact: true });
    await expect(toggle).toBeVisible();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  };
  // Same wording, different numerators: only the numerator's differing word is marked.
  for (const [actor, team, numerator] of [[ana, 'Finance', 'Deals won this quarter'], [ben, 'Sales', 'Deals signed this quarter']] as const) {
    await actor.page.getByRole('tab', { name: 'Metrics' }).click();
    await openMetric(actor.page);
    await actor.page.getByRole('button', { name: `Add our team’s definition (${team})` }).click();
    await actor.page.getByRole('textbox', { name: `${team}’s wording` }).fill('Share of closed deals that we count as won.');
    await actor.page.getByRole('region', { name: `${team}’s definition` }).getByRole('textbox', { name: 'Numerator', exact: true }).fill(numerator);
  }
  const metricColumn = (page: Page, team: string) => page.getByRole('region', { name: `${team}’s definition` });
  await openMetric(fran.page);
  await expect(fran.page.getByRole('group', { name: '2 definitions side by side' }).getByTestId('variant-column')).toHaveCount(2);
  await expect(metricColumn(fran.page, 'Sales').locator('dl mark')).toHaveText(['signed']);
  await expect(metricColumn(fran.page, 'Finance').locator('dl mark')).toHaveText(['won']);
  await expect(metricColumn(fran.page, 'Finance').getByTestId('variant-text').locator('mark')).toHaveCount(0);
  await expect(metricColumn(ana.page, 'Sales').locator('dl mark')).toHaveText(['signed']);

  // On the projector, the formula parts are marked the same way.
  await fran.page.getByRole('button', { name: 'Show side by side to everyone' }).click();
  const onScreen = projector.page.getByRole('region', { name: 'Competing definitions' });
  await expect(onScreen.getByRole('listitem', { name: 'Sales' }).locator('dd mark')).toHaveText(['signed']);

  // The facilitator starts the agreed metric from Sales's variant: its formula takes Sales's numerator.
  await metricColumn(fran.page, 'Sales').getByRole('button', { name: /^Start agreed definition from this/ }).click();
  for (const actor of [fran, ana]) {
    await expect(actor.page.getByRole('textbox', { name: 'Numerator (in words)' })).toHaveValue('Deals signed this quarter');
    await expect(actor.page.getByLabel('Formula with glossary terms')).toContainText('Deals signed this quarter');
  }
  for (const actor of [fran, ana, ben, projector]) await actor.context.close();
});
