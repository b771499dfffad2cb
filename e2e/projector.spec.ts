import type { Page } from '@playwright/test';
import { addAgendaItem, expect, expectNoSeriousViolations, joinAs, newActor, test } from './fixtures';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

/**
 * Nothing scrolls and nothing is cut off: the focused content lies inside its region (content too
 * long for one screen pages itself), and the join QR code, short code and short URL are wholly on
 * screen.
 */
async function expectFits(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.documentElement;
        const inside = (selector: string, minWidth = 1) => {
          const box = document.querySelector(selector)?.getBoundingClientRect();
          return !!box && box.width >= minWidth && box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth + 0.5 && box.bottom <= window.innerHeight + 0.5;
        };
        const content = document.querySelector('[data-testid="projector-content"]')!;
        const region = content.parentElement!.getBoundingClientRect();
        const box = content.getBoundingClientRect();
        return {
          overflowX: root.scrollWidth > window.innerWidth,
          overflowY: root.scrollHeight > window.innerHeight,
          contentInside: box.bottom <= region.bottom + 1 && box.right <= region.right + 1 && box.top >= region.top - 1,
          qrInside: inside('[data-testid="join-qr"]', 100),
          codeInside: inside('[data-testid="join-code"]'),
          shortUrlInside: inside('[data-testid="join-short-url"]'),
        };
      }),
    )
    .toEqual({ overflowX: false, overflowY: false, contentInside: true, qrInside: true, codeInside: true, shortUrlInside: true });
}

/**
 * Type as the back of the room sees it (font size times the fit's scale): no text of the focused
 * content under 28 px at 1080p (the same share of the screen's height at other sizes).
 */
async function expectLegible(page: Page) {
  const sizes = await page.evaluate(() => {
    const content = document.querySelector<HTMLElement>('[data-testid="projector-content"]')!;
    const scale = Number(content.dataset.scale ?? '1');
    const seen: Array<{ size: number; text: string }> = [];
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement!;
      if (!text || parent.closest('[data-fit-hidden]') || parent.offsetParent === null) continue;
      seen.push({ size: (parseFloat(getComputedStyle(parent).fontSize) * scale * 1080) / window.innerHeight, text });
    }
    return seen.filter((s) => s.size < 28 - 0.01).map((s) => `${s.text.slice(0, 30)} ${s.size.toFixed(1)}`);
  });
  expect(sizes, 'text under 28 px at 1080p').toEqual([]);
}

test('the projector fits 1080p, 720p and 1024×768 in every focus, with the QR code on screen and large type', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Acme sales', template: 'b2b-sales' } });
  const workshop = (await res.json()) as { links: { facilitator: string; projector: string } };
  const fran = await newActor(browser, { viewport: { width: 1700, height: 1000 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await fran.page.getByRole('tab', { name: 'Agenda' }).click();
  await addAgendaItem(fran.page, 'Agree the stages of our sales process', 10, 'The process map');
  await fran.page.getByRole('button', { name: 'Start agenda' }).click();

  const projectors = await Promise.all(SIZES.map((viewport) => newActor(browser, { viewport })));
  for (const { page } of projectors) {
    await page.goto(workshop.links.projector);
    await expect(page.getByTestId('projector-agenda-item')).toHaveText('Now: Agree the stages of our sales process');
  }
  // Legible from the back of the room: the agenda item and the timer at least 48 px at 1080p, the
  // people count at least 40 px; no pointer over the picture.
  const big = projectors[0]!.page;
  for (const target of [big.getByTestId('projector-agenda-item'), big.getByRole('timer')]) {
    expect(await target.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(48);
  }
  expect(await big.getByTestId('people-count').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
  expect(await big.getByRole('main', { name: 'Projector' }).evaluate((el) => getComputedStyle(el).cursor)).toBe('none');

  const options = await fran.page.getByLabel('Show everyone').locator('option').allTextContents();
  const metric = options.find((o) => o.startsWith('Metric: '));
  expect(metric, 'the sales template has metrics').toBeDefined();
  const focuses = ['The process map', 'The glossary', 'The metrics', 'The parking lot', 'The vote', 'The confusion heat map (projector)', 'Step 5: Negotiate', 'Term: Opportunity', metric!];
  for (const focus of focuses) {
    await fran.page.getByLabel('Show everyone').selectOption({ label: focus });
    for (const { page } of projectors) {
      if (focus === 'The glossary') await expect(page.getByRole('region', { name: 'Glossary' })).toBeVisible();
      if (focus === 'Step 5: Negotiate') {
        await expect(page.getByRole('article', { name: 'Focused step' })).toContainText('Negotiate');
        await expect(page.getByTestId('projector-step-description')).toHaveText('Agree commercial and legal terms.');
      }
      if (focus === 'The parking lot') await expect(page.getByRole('region', { name: 'Parking lot' })).toBeVisible();
      if (focus === 'The vote') await expect(page.getByText('No vote is open.')).toBeVisible();
      if (focus.startsWith('The confusion heat map')) await expect(page.getByRole('region', { name: 'Confusion heat map' })).toBeVisible();
      if (focus === metric) await expect(page.getByRole('article', { name: 'Focused metric' })).toContainText(metric.slice('Metric: '.length));
      await expectFits(page);
    }
    await expectLegible(big);
    await expectNoSeriousViolations(big, `projector: ${focus}`);
  }
  for (const actor of [fran, ...projectors]) await actor.context.close();
});

test('long content pages itself on the projector: "Page 1 of n", every item shown on some page, nothing cut off', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Acme sales', template: 'b2b-sales' } });
  const workshop = (await res.json()) as { links: { facilitator: string; participant: string; projector: string } };
  const fran = await newActor(browser, { viewport: { width: 1700, height: 1000 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  const projector = await newActor(browser, { viewport: { width: 1280, height: 720 } });
  await projector.page.goto(workshop.links.projector);
  await fran.page.getByLabel('Show everyone').selectOption({ label: 'The glossary' });
  const pages = projector.page.getByTestId('projector-pages');
  // The sales template's glossary is longer than one 720p screen at a legible size.
  await expect(pages).toContainText(/^Page 1 of [2-9]/);
  await expectFits(projector.page);
  await expectLegible(projector.page);
  const text = (await pages.textContent())!;
  const [, count, shown, total] = /Page 1 of (\d+) · (\d+) of (\d+) shown, and \d+ more/.exec(text)!;
  expect(Number(shown)).toBeLessThan(Number(total));
  const terms = projector.page.getByRole('region', { name: 'Glossary' }).locator('[data-fit-item]:not([data-fit-hidden])');
  await expect(terms).toHaveCount(Number(shown));
  // Each page turns on its own; the last page holds the rest.
  await expect(pages).toContainText(`Page 2 of ${count}`, { timeout: 20_000 });
  await expectFits(projector.page);
  for (const actor of [fran, projector]) await actor.context.close();
});

test('a vote and a consensus check appear on the projector and are revealed there', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Acme sales', template: 'b2b-sales' } });
  const workshop = (await res.json()) as { links: { facilitator: string; participant: string; projector: string } };
  const fran = await newActor(browser, { viewport: { width: 1700, height: 1000 } });
  const ana = await newActor(browser, { viewport: { width: 1700, height: 1000 } });
  const projector = await newActor(browser, { viewport: { width: 1280, height: 720 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await projector.page.goto(workshop.links.projector);

  await fran.page.getByRole('tab', { name: 'Vote' }).click();
  const setup = fran.page.getByRole('form', { name: 'Open a vote' });
  await setup.getByLabel('Question').fill('Where do we lose most deals?');
  await setup.getByRole('checkbox', { name: '2. Qualify' }).check();
  await setup.getByRole('checkbox', { name: '4. Propose' }).check();
  await setup.getByRole('button', { name: 'Open vote' }).click();
  const vote = projector.page.getByRole('region', { name: 'Vote' });
  await expect(vote.getByRole('heading', { name: 'Where do we lose most deals?' })).toBeVisible();
  await expect(vote.getByRole('list', { name: 'Vote items' }).getByRole('listitem')).toHaveCount(2);
  await expect(vote.getByTestId('projector-vote-count')).toHaveCount(0);
  await ana.page.getByRole('button', { name: 'Add a dot to Step 2. Qualify' }).click();
  await expect(vote).toContainText('1 person has voted.');
  await expectFits(projector.page);
  await fran.page.getByRole('button', { name: 'Reveal results' }).click();
  await expect(vote.getByTestId('projector-vote-count').first()).toHaveText('1');
  // Revealing says what happened, on every screen: the projector too.
  await expect(projector.page.getByRole('status').filter({ hasText: 'The results of the vote “Where do we lose most deals?” are revealed.' })).toBeVisible();
  await expectFits(projector.page);
  await fran.page.getByRole('button', { name: 'Close vote' }).click();

  await fran.page.getByRole('tab', { name: 'Glossary' }).click();
  await fran.page.getByRole('button', { name: 'Check consensus on Opportunity' }).click();
  const check = projector.page.getByRole('region', { name: 'Consensus check' });
  await expect(check).toContainText('Term Opportunity: can we agree?');
  await expect(check).toContainText('0 answers so far.');
  await ana.page.getByRole('radio', { name: 'Fully agree' }).check();
  await expect(check).toContainText('1 answer so far.');
  await expect(check.getByRole('list', { name: 'Consensus results' })).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Show results to everyone' }).click();
  await expect(check.getByTestId('projector-consensus-full')).toHaveText('1');
  await expectFits(projector.page);
  for (const actor of [fran, ana, projector]) await actor.context.close();
});
