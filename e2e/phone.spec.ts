import type { Locator } from '@playwright/test';
import { PHONE, createWorkshopFrom, expect, expectNoSeriousViolations, joinAs, newActor, openVote, test } from './fixtures';

/** Issue 14 on a 390×844 phone: the vote card, panels brought into view, touch targets. */

const desk = { viewport: { width: 1440, height: 900 } };

async function expectTarget(locator: Locator, min: number) {
  const box = await locator.boundingBox();
  expect(box, 'target is laid out').not.toBeNull();
  expect(box!.width).toBeGreaterThanOrEqual(min);
  expect(box!.height).toBeGreaterThanOrEqual(min);
}

test('at 390×844 a vote opens as a full-screen card; a dot is placed with a tap; it goes when the vote closes', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const fran = await newActor(browser, desk);
  const pia = await newActor(browser, PHONE);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(pia.page, workshop.links.participant, 'Pia', 'East');

  await openVote(fran.page, 'Where do we lose most deals?', ['2. Qualify', '4. Propose']);
  const card = pia.page.getByRole('dialog', { name: 'Vote' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Vote: Where do we lose most deals?' })).toBeVisible();
  // Full screen: the card covers the phone's viewport.
  const box = (await card.boundingBox())!;
  expect([box.x, box.y]).toEqual([0, 0]);
  expect(box.width).toBeGreaterThanOrEqual(389);
  expect(box.height).toBeGreaterThanOrEqual(843);

  const add = card.getByRole('button', { name: 'Add a dot to Step 2. Qualify' });
  await expectTarget(add, 44);
  await expectTarget(card.getByRole('button', { name: 'Remove a dot from Step 2. Qualify' }), 44);
  await expectTarget(card.getByRole('button', { name: 'Back to the board' }), 44);
  await add.tap();
  await expect(card.getByLabel('Your dots on Step 2. Qualify')).toHaveText('●');
  // Voted means all one's dots placed (one per item here: two items, no stacking).
  await expect(card.getByRole('status').filter({ hasText: 'voted' })).toHaveText('0 of 1 person has voted.');
  await card.getByRole('button', { name: 'Add a dot to Step 4. Propose' }).tap();
  await expect(card.getByRole('status').filter({ hasText: 'voted' })).toHaveText('Everyone has voted.');
  await expectNoSeriousViolations(pia.page, 'phone vote card');

  // Revealed on the card; the facilitator's close takes the card away and says so.
  await fran.page.getByRole('button', { name: 'Reveal results' }).click();
  await expect(card.getByTestId('vote-count').first()).toHaveText('1');
  // The announcement reaches the person on the card: it shows inside it (a modal dialog hides
  // everything outside it).
  await expect(card.getByRole('status', { name: 'Announcements' })).toContainText('The results of the vote “Where do we lose most deals?” are revealed.');
  await fran.page.getByRole('button', { name: 'Close vote' }).click();
  await expect(card).toHaveCount(0);
  await expect(pia.page.getByRole('status', { name: 'Announcements' })).toContainText('is closed');

  // A second vote opens the card again; "Back to the board" puts it away, the Vote tab brings it back.
  await openVote(fran.page, 'Which step needs a metric?', ['3. Discover', '5. Negotiate']);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Back to the board' }).tap();
  await expect(card).toHaveCount(0);
  await pia.page.getByRole('tab', { name: 'Vote' }).tap();
  await pia.page.getByRole('button', { name: 'Open the vote full screen' }).tap();
  await expect(card).toBeVisible();
  for (const actor of [fran, pia]) await actor.context.close();
});

test('at 390×844 a consensus check opens as a card with large answers', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const fran = await newActor(browser, desk);
  const pia = await newActor(browser, PHONE);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(pia.page, workshop.links.participant, 'Pia');
  await fran.page.getByRole('tab', { name: 'Glossary' }).click();
  await fran.page.getByRole('button', { name: 'Check consensus on Opportunity' }).click();
  const card = pia.page.getByRole('dialog', { name: 'Consensus check' });
  await expect(card).toBeVisible();
  const answer = card.getByRole('radio', { name: 'Fully agree' });
  // `has` is matched inside each label, so it takes a locator from the page, not from the card.
  await expectTarget(card.locator('label').filter({ has: pia.page.getByRole('radio', { name: 'Fully agree' }) }), 44);
  await answer.tap();
  await expect(card.getByRole('status').filter({ hasText: 'so far' })).toHaveText('1 answer so far.');
  await expectNoSeriousViolations(pia.page, 'phone consensus card');
  await fran.page.getByRole('button', { name: 'Mark agreed and lock' }).click();
  await expect(card).toHaveCount(0);
  await expect(pia.page.getByRole('status', { name: 'Announcements' })).toContainText('Opportunity is agreed and locked.');
  for (const actor of [fran, pia]) await actor.context.close();
});

test('at 390×844 "Park" brings the parking-lot input into view and focuses it; primary actions are 44 px', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const pia = await newActor(browser, PHONE);
  await joinAs(pia.page, workshop.links.participant, 'Pia');
  // The phone shows one step at a time: Qualify is the second.
  await pia.page.getByRole('button', { name: 'Next step' }).tap();
  const park = pia.page.getByRole('button', { name: 'Park a question about Qualify' });
  await expectTarget(park, 44);
  await expectTarget(pia.page.getByRole('button', { name: /^I don't understand Qualify/ }), 44);
  await park.tap();
  const input = pia.page.getByLabel('What to park');
  await expect(input).toBeFocused();
  await expect(input).toBeInViewport();
  await expect(pia.page.getByLabel('Linked to')).toHaveValue(/^step:/);
  // No control on the page is smaller than 24 px in either direction (WCAG 2.2 target size).
  const small = await pia.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input:not([type=hidden]), [role=tab], summary, a[href]')]
      // A link inside a sentence is exempt (WCAG 2.5.8 "inline"); links that stand alone are targets.
      .filter((el) => !(el instanceof HTMLAnchorElement && getComputedStyle(el).display === 'inline'))
      .filter((el) => el.offsetParent !== null)
      // Visually hidden (sr-only) controls are not targets.
      .filter((el) => !(el.getBoundingClientRect().width <= 1 && el.getBoundingClientRect().height <= 1))
      .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.id, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small).toEqual([]);
  await pia.context.close();
});

test('each page’s title says the workshop and the role', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const fran = await newActor(browser, desk);
  const ana = await newActor(browser, desk);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await projector.page.goto(workshop.links.projector);
  await expect(fran.page).toHaveTitle('Acme sales – facilitator');
  await expect(ana.page).toHaveTitle('Acme sales – participant');
  await expect(projector.page).toHaveTitle('Acme sales – projector');
  for (const actor of [fran, ana, projector]) await actor.context.close();
});

test('the facilitator console: the controls do not wrap at 1366 px, the tabs do not wrap at 1440 px', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  // The list view's step cards carry the flag and park buttons this uses.
  const fran = await newActor(browser, { viewport: { width: 1366, height: 768 } }, { listView: true });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  // One line: every visible child overlaps every other vertically (they are centred, not top-aligned).
  const oneLine = (locator: Locator) =>
    locator.evaluate((el) => {
      const boxes = [...el.children].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => c.getBoundingClientRect());
      const lines = Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom)) ? 1 : 2;
      return { lines, overflow: el.scrollWidth > el.clientWidth + 1 };
    });
  const controls = fran.page.getByRole('group', { name: 'Facilitator controls' });
  await expect.poll(() => oneLine(controls)).toEqual({ lines: 1, overflow: false });
  // Tabs with counts (a flag and a parked item give the heat map and the parking lot theirs).
  await fran.page.getByRole('button', { name: /^I don't understand Qualify/ }).click();
  await fran.page.getByRole('button', { name: 'Park a question about Qualify' }).click();
  await fran.page.getByLabel('What to park').fill('Who qualifies leads?');
  await fran.page.getByRole('button', { name: 'Park it' }).click();
  await fran.page.setViewportSize({ width: 1440, height: 900 });
  const tabs = fran.page.getByRole('tablist', { name: 'Board panels' });
  await expect(tabs.getByRole('tab', { name: /Parking lot \(1\)/ })).toBeVisible();
  await expect(tabs.getByRole('tab', { name: /Heat map \(1\)/ })).toBeVisible();
  await expect.poll(() => oneLine(tabs)).toEqual({ lines: 1, overflow: false });
  await fran.context.close();
});

test('at 390×844 "Open in glossary" from a highlighted word brings the glossary into view with that term open', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const pia = await newActor(browser, PHONE);
  await joinAs(pia.page, workshop.links.participant, 'Pia');
  await pia.page.getByRole('button', { name: 'Next step' }).tap();
  await pia.page.getByRole('button', { name: 'Details of Qualify' }).tap();
  // "Confirm that there is a real need, budget and a decision maker.": the term is highlighted.
  const description = pia.page.getByRole('textbox', { name: 'Description of Qualify' });
  await description.locator('.term-highlight', { hasText: 'decision maker' }).tap();
  const open = pia.page.getByRole('tooltip').getByRole('button', { name: 'Open in glossary' });
  await expectTarget(open, 24);
  await open.tap();
  const name = pia.page.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toHaveValue('Decision maker');
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
  await pia.context.close();
});
