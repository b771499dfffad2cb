import type { Page } from '@playwright/test';
import { addAgendaItem, expect, joinAs, newActor, test } from './fixtures';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

/** Nothing scrolls, and the join QR code and short code are wholly on screen. */
async function expectFits(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.documentElement;
        const qr = document.querySelector('[data-testid="join-qr"]')?.getBoundingClientRect();
        return {
          overflowX: root.scrollWidth > window.innerWidth,
          overflowY: root.scrollHeight > window.innerHeight,
          qrInside: !!qr && qr.width > 100 && qr.left >= 0 && qr.top >= 0 && qr.right <= window.innerWidth && qr.bottom <= window.innerHeight,
          codeInside: (() => {
            const code = document.querySelector('[data-testid="join-code"]')?.getBoundingClientRect();
            return !!code && code.top >= 0 && code.bottom <= window.innerHeight && code.right <= window.innerWidth;
          })(),
        };
      }),
    )
    .toEqual({ overflowX: false, overflowY: false, qrInside: true, codeInside: true });
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
  // Legible from the back of the room: the agenda item and the timer at least 48 px at 1080p.
  const big = projectors[0]!.page;
  for (const target of [big.getByTestId('projector-agenda-item'), big.getByRole('timer')]) {
    expect(await target.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(48);
  }

  for (const focus of ['The process map', 'The glossary', 'The metrics', 'The parking lot', 'The confusion heat map (projector)', 'Step 5: Negotiate', 'Term: Opportunity']) {
    await fran.page.getByLabel('Show everyone').selectOption({ label: focus });
    for (const { page } of projectors) {
      if (focus === 'The glossary') await expect(page.getByRole('region', { name: 'Glossary' })).toBeVisible();
      if (focus === 'Step 5: Negotiate') {
        await expect(page.getByRole('article', { name: 'Focused step' })).toContainText('Negotiate');
        await expect(page.getByTestId('projector-step-description')).toHaveText('Agree commercial and legal terms.');
      }
      if (focus === 'The parking lot') await expect(page.getByRole('region', { name: 'Parking lot' })).toBeVisible();
      if (focus.startsWith('The confusion heat map')) await expect(page.getByRole('region', { name: 'Confusion heat map' })).toBeVisible();
      await expectFits(page);
    }
  }
  for (const actor of [fran, ...projectors]) await actor.context.close();
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
  await fran.page.getByRole('button', { name: 'Reveal results' }).click();
  await expect(vote.getByTestId('projector-vote-count').first()).toHaveText('1');
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
