import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import { expect, joinAs, newActor, test } from './fixtures';

/** The sales template as the server seeds it. */
const sales = JSON.parse(fs.readFileSync(new URL('../lib/templates/data/b2b-sales.json', import.meta.url), 'utf8')) as { steps: Array<{ title: string; ownerRole: string }> };

const laptop = { viewport: { width: 1440, height: 900 } };

function wall(page: Page): Locator {
  return page.getByRole('region', { name: /^Process wall/ });
}

function stepCount(page: Page, n: number): Locator {
  return page.getByRole('heading', { name: `Process wall (${n} ${n === 1 ? 'step' : 'steps'})` });
}

/** The React Flow viewport's transform: each person's own pan and zoom. */
function viewportOf(page: Page): Promise<string> {
  return page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

/**
 * Where something is once the wall has stopped moving: Fit to screen and centring animate the
 * view for 200 ms, and a drag aimed at a box read mid-animation starts beside its target. Two
 * readings in a row must agree.
 */
async function settledBox(locator: Locator) {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await locator.boundingBox());
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return box(locator);
}

/** Every step title is inside the wall's visible area and at least 12 px tall on screen. */
async function expectTitlesInView(page: Page, count: number) {
  const area = await box(page.locator('.react-flow'));
  const titles = page.getByTestId('wall-step-title');
  await expect(titles).toHaveCount(count);
  for (const title of await titles.all()) {
    const b = await box(title);
    expect(b.x).toBeGreaterThanOrEqual(area.x);
    expect(b.y).toBeGreaterThanOrEqual(area.y);
    expect(b.x + b.width).toBeLessThanOrEqual(area.x + area.width);
    expect(b.y + b.height).toBeLessThanOrEqual(area.y + area.height);
    const { onScreenPx, clipped } = await title.evaluate((el) => {
      const text = (el.querySelector('input') ?? el) as HTMLElement;
      const scale = el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth;
      return { onScreenPx: parseFloat(getComputedStyle(text).fontSize) * scale, clipped: text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1 };
    });
    expect(onScreenPx).toBeGreaterThanOrEqual(12);
    expect(clipped).toBe(false);
  }
}

test('Fit to screen shows every step of the sales template, and of a 12-step process, with readable titles', async ({ browser, salesWorkshop }) => {
  const ana = await newActor(browser, laptop);
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana', 'Sales East');
  await expect(stepCount(ana.page, 7)).toBeAttached();
  await ana.page.getByRole('button', { name: 'Fit to screen' }).click();
  await expect.poll(() => expectTitlesInView(ana.page, 7).then(() => 'in view', (e: Error) => e.message)).toBe('in view');
  for (const step of sales.steps) await expect(ana.page.getByTestId('wall-step-title').filter({ hasText: step.title })).toBeVisible();

  for (let i = 8; i <= 12; i++) {
    await ana.page.getByRole('button', { name: 'Add step' }).click();
    await ana.page.getByRole('textbox', { name: `Step ${i} title` }).fill(`Extra step ${i}`);
    await expect(stepCount(ana.page, i)).toBeAttached();
  }
  // Shift+1 on the wall is Fit to screen, as in Miro and Figma.
  await wall(ana.page).focus();
  await ana.page.keyboard.press('Shift+Digit1');
  await expect.poll(() => expectTitlesInView(ana.page, 12).then(() => 'in view', (e: Error) => e.message)).toBe('in view');
  await ana.context.close();
});

test('the side panel hides to give the wall the whole width and stays hidden after a reload', async ({ browser, salesWorkshop }) => {
  const ana = await newActor(browser, laptop);
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana', 'Sales East');
  await expect(stepCount(ana.page, 7)).toBeAttached();
  const side = ana.page.getByRole('complementary', { name: 'Glossary, metrics and parking lot' });
  await expect(side).toBeVisible();
  const before = (await box(ana.page.locator('.react-flow'))).width;
  await ana.page.getByRole('button', { name: 'Hide side panel' }).click();
  await expect(side).toBeHidden();
  await expect.poll(async () => (await box(ana.page.locator('.react-flow'))).width).toBeGreaterThan(before + 400);
  await ana.page.reload();
  await expect(stepCount(ana.page, 7)).toBeAttached();
  await expect(side).toBeHidden();
  await ana.page.getByRole('button', { name: 'Show glossary, metrics and people' }).click();
  await expect(side).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Hide side panel' })).toHaveAttribute('aria-expanded', 'true');
  await ana.context.close();
});

test('a loose note dragged onto step 3 is under step 3 for everyone; a note made a step is one step for everyone', async ({ browser, salesWorkshop }) => {
  const ana = await newActor(browser, laptop);
  const ben = await newActor(browser, laptop);
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana', 'Sales East');
  await joinAs(ben.page, salesWorkshop.links.participant, 'Ben', 'Marketing');

  for (const text of ['Leads go cold after the first call', 'Security review']) {
    await ana.page.getByRole('button', { name: 'Add loose note' }).click();
    await ana.page.keyboard.type(text);
    await ana.page.keyboard.press('Escape');
  }
  const looseNote = (page: Page, text: string) => page.getByRole('button', { name: `Idea on the brain dump: ${text}` });
  await expect(looseNote(ben.page, 'Leads go cold after the first call')).toBeAttached();

  // Drag the first loose note onto the third step's column.
  await ana.page.getByRole('button', { name: 'Fit to screen' }).click();
  const note = looseNote(ana.page, 'Leads go cold after the first call');
  await expect(note).toBeInViewport();
  const from = await settledBox(note);
  const discover = await settledBox(ana.page.getByRole('article', { name: 'Step 3: Discover' }));
  await ana.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await ana.page.mouse.down();
  await ana.page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 4 });
  await ana.page.mouse.move(discover.x + discover.width / 2, discover.y + discover.height + from.height * 0.6, { steps: 12 });
  await ana.page.mouse.up();
  const placed = (page: Page) => page.getByRole('button', { name: 'Idea on step 3: Discover: Leads go cold after the first call' });
  await expect(placed(ana.page)).toBeAttached();
  await expect(placed(ben.page)).toBeAttached();
  await expect(looseNote(ben.page, 'Leads go cold after the first call')).toHaveCount(0);

  // Both make the other loose note a step at the same moment: one new step, for everyone.
  const makeStep = (page: Page) => page.getByRole('button', { name: 'Make “Security review” a step' });
  await ana.page.getByRole('button', { name: 'Fit to screen' }).click();
  await ben.page.getByRole('button', { name: 'Fit to screen' }).click();
  await looseNote(ana.page, 'Security review').hover();
  await looseNote(ben.page, 'Security review').hover();
  await Promise.allSettled([makeStep(ana.page).click({ timeout: 3000 }), makeStep(ben.page).click({ timeout: 3000 })]);
  for (const page of [ana.page, ben.page]) {
    await expect(stepCount(page, 8)).toBeAttached();
    await expect(page.getByRole('article', { name: 'Step 8: Security review' })).toBeAttached();
    await expect(looseNote(page, 'Security review')).toHaveCount(0);
  }
  await ana.context.close();
  await ben.context.close();
});

test('keyboard only: add a note, edit it, move it to the next step, and undo the move', async ({ browser, workshop }) => {
  const ana = await newActor(browser, laptop);
  const ben = await newActor(browser, laptop);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await ana.page.getByRole('button', { name: 'Add the first step' }).click();
  await ana.page.keyboard.type('Qualify');
  await ana.page.getByRole('button', { name: 'Add step' }).click();
  await ana.page.keyboard.type('Propose');
  await expect(ana.page.getByRole('article', { name: 'Step 2: Propose' })).toBeAttached();

  await ana.page.getByRole('button', { name: 'Add a note to Qualify' }).focus();
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.type('Call within a day');
  await ana.page.keyboard.press('Escape');
  const onQualify = ana.page.getByRole('button', { name: 'Idea on step 1: Qualify: Call within a day' });
  await expect(onQualify).toBeFocused();
  // Enter edits in place; Esc leaves and the note keeps the keyboard focus.
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.press('End');
  await ana.page.keyboard.type(', not a week');
  await ana.page.keyboard.press('Escape');
  const edited = (step: string) => ana.page.getByRole('button', { name: `Idea on ${step}: Call within a day, not a week` });
  await expect(edited('step 1: Qualify')).toBeFocused();

  await ana.page.keyboard.press('Alt+ArrowRight');
  await expect(edited('step 2: Propose')).toBeFocused();
  await expect(ben.page.getByRole('button', { name: 'Idea on step 2: Propose: Call within a day, not a week' })).toBeAttached();

  await ana.page.keyboard.press('Control+z');
  await expect(edited('step 1: Qualify')).toBeAttached();
  await expect(ben.page.getByRole('button', { name: 'Idea on step 1: Qualify: Call within a day, not a week' })).toBeAttached();
  await ana.context.close();
  await ben.context.close();
});

test('“Bring everyone here” moves a follower’s wall but not one who stepped out; pointers show to participants, never on the projector', async ({ browser, salesWorkshop }) => {
  const fran = await newActor(browser, laptop);
  const ana = await newActor(browser, laptop);
  const ben = await newActor(browser, laptop);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } });
  await joinAs(fran.page, salesWorkshop.links.facilitator, 'Fran');
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana');
  await joinAs(ben.page, salesWorkshop.links.participant, 'Ben');
  await projector.page.goto(salesWorkshop.links.projector);
  await expect(projector.page.getByTestId('people-count')).toHaveText('3');

  // Ben pans his wall by hand: he has stepped out of following.
  const benArea = await box(ben.page.locator('.react-flow__pane'));
  await ben.page.mouse.move(benArea.x + benArea.width / 2, benArea.y + benArea.height - 30);
  await ben.page.mouse.down();
  await ben.page.mouse.move(benArea.x + benArea.width / 2 - 150, benArea.y + benArea.height - 60, { steps: 8 });
  await ben.page.mouse.up();
  await expect(ben.page.getByRole('button', { name: 'Back to the facilitator' })).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Back to the facilitator' })).toHaveCount(0);

  // Fran zooms in on the first steps and brings everyone there.
  await wall(fran.page).focus();
  for (let i = 0; i < 4; i++) await fran.page.getByRole('button', { name: 'Zoom in' }).click();
  const anaBefore = await viewportOf(ana.page);
  const benBefore = await viewportOf(ben.page);
  await fran.page.getByRole('button', { name: 'Bring everyone here' }).click();
  await expect.poll(() => viewportOf(ana.page)).not.toBe(anaBefore);
  // Ana now sees what Fran sees: the same zoom (both walls are the same size).
  const zoomOf = (t: string) => Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
  await expect.poll(async () => Math.abs(zoomOf(await viewportOf(ana.page)) - zoomOf(await viewportOf(fran.page)))).toBeLessThan(0.02);
  expect(await viewportOf(ben.page)).toBe(benBefore);
  // Back to the facilitator: Ben lands where Fran brought everyone.
  await ben.page.getByRole('button', { name: 'Back to the facilitator' }).click();
  await expect.poll(async () => Math.abs(zoomOf(await viewportOf(ben.page)) - zoomOf(await viewportOf(fran.page)))).toBeLessThan(0.02);

  // Fran's pointer moves on Ana's wall, with her name; the projector shows no pointers.
  const franArea = await box(fran.page.locator('.react-flow__pane'));
  await fran.page.mouse.move(franArea.x + 200, franArea.y + 200);
  await fran.page.mouse.move(franArea.x + 260, franArea.y + 240, { steps: 5 });
  await expect(ana.page.getByTestId('wall-pointer').filter({ hasText: 'Fran' })).toBeVisible();
  await expect(projector.page.getByTestId('people-count')).toHaveText('3');
  await expect(projector.page.getByTestId('wall-pointer')).toHaveCount(0);
  for (const actor of [fran, ana, ben, projector]) await actor.context.close();
});

test('the lanes toggle puts each step in its owner’s lane', async ({ browser, salesWorkshop }) => {
  const ana = await newActor(browser, laptop);
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana');
  await ana.page.getByRole('button', { name: 'Swimlanes' }).click();
  await expect(ana.page.getByRole('button', { name: 'Swimlanes' })).toHaveAttribute('aria-pressed', 'true');
  await ana.page.getByRole('button', { name: 'Fit to screen' }).click();
  const owners = [...new Set(sales.steps.map((s) => s.ownerRole))];
  await expect(ana.page.getByRole('group', { name: /^Lane: / })).toHaveCount(owners.length);
  // Measured in one go once the fit has settled: every card inside its owner's lane.
  const outside = (expected: Array<{ title: string; owner: string }>) =>
    ana.page.evaluate((steps) => {
      const rect = (label: string) => document.querySelector(`[aria-label="${label}"]`)?.getBoundingClientRect();
      return steps.flatMap(({ title, owner }, i) => {
        const lane = rect(`Lane: ${owner}`);
        const card = rect(`Step ${i + 1}: ${title}`);
        if (!lane || !card) return [`${title}: missing`];
        return card.top >= lane.top && card.bottom <= lane.bottom ? [] : [`${title} outside ${owner}`];
      });
    }, expected);
  await expect.poll(() => outside(sales.steps.map((s) => ({ title: s.title, owner: s.ownerRole })))).toEqual([]);
  // The toggle is this person's own view, remembered after a reload.
  await ana.page.reload();
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('Live');
  await expect(ana.page.getByRole('button', { name: 'Swimlanes' })).toHaveAttribute('aria-pressed', 'true');
  await ana.context.close();
});

test('on a 390 px phone a participant moves through the steps and adds a note; the wall has no serious axe violations', async ({ browser, salesWorkshop }) => {
  const phone = await newActor(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const ana = await newActor(browser, laptop);
  await joinAs(phone.page, salesWorkshop.links.participant, 'Pia');
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana');
  await expect(phone.page.getByRole('heading', { name: 'Step 1 of 7' })).toBeVisible();
  await phone.page.getByRole('button', { name: 'Next step' }).tap();
  await expect(phone.page.getByRole('heading', { name: 'Step 2 of 7' })).toBeVisible();
  const add = phone.page.getByRole('button', { name: 'Add a note to Qualify' });
  const target = await box(add);
  expect(target.height).toBeGreaterThanOrEqual(44);
  await add.tap();
  await phone.page.keyboard.type('Ask about budget first');
  await phone.page.getByRole('button', { name: 'Done' }).tap();
  await expect(phone.page.getByRole('button', { name: 'Idea: Ask about budget first' })).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Idea on step 2: Qualify: Ask about budget first' })).toBeAttached();

  for (const page of [phone.page, ana.page]) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  }
  await phone.context.close();
  await ana.context.close();
});

test('a step opens in a drawer; its description has a formatting toolbar, and bold and a link reach another participant', async ({ browser, salesWorkshop }) => {
  const ana = await newActor(browser, laptop);
  const ben = await newActor(browser, laptop);
  await joinAs(ana.page, salesWorkshop.links.participant, 'Ana');
  await joinAs(ben.page, salesWorkshop.links.participant, 'Ben');
  for (const page of [ana.page, ben.page]) await page.getByRole('button', { name: 'Open step 2: Qualify' }).click();
  const drawer = (page: Page) => page.getByRole('complementary', { name: 'Step details: Qualify' });
  await expect(drawer(ana.page)).toBeVisible();
  const description = drawer(ana.page).getByRole('textbox', { name: 'Description of Qualify' });
  await description.click();
  await ana.page.keyboard.press('Control+a');
  await ana.page.keyboard.type('Call every lead');
  await ana.page.keyboard.press('Shift+Home');
  const toolbar = drawer(ana.page).getByRole('toolbar', { name: 'Formatting of Description of Qualify' });
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  await expect(description).toBeFocused();
  await ana.page.keyboard.press('End');
  await ana.page.keyboard.type(' ');
  await toolbar.getByRole('button', { name: 'Link…' }).click();
  await drawer(ana.page).getByLabel('Link address').fill('javascript:alert(1)');
  await drawer(ana.page).getByRole('button', { name: 'Add link' }).click();
  await expect(drawer(ana.page).getByRole('alert')).toContainText('https://');
  await drawer(ana.page).getByLabel('Link address').fill('https://example.com/playbook');
  await drawer(ana.page).getByRole('button', { name: 'Add link' }).click();
  const benText = drawer(ben.page).getByRole('textbox', { name: 'Description of Qualify' });
  await expect(benText.locator('strong')).toHaveText('Call every lead');
  await expect(benText.locator('a[href="https://example.com/playbook"]')).toHaveText('https://example.com/playbook');
  await drawer(ana.page).getByRole('button', { name: 'Close details' }).click();
  await expect(drawer(ana.page)).toHaveCount(0);
  await ana.context.close();
  await ben.context.close();
});
