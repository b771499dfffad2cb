import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { addAgendaItem, expect, joinAs, newActor, test } from './fixtures';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const wide = { viewport: { width: 1700, height: 1000 } };

const remaining = (page: Page) => page.getByRole('timer').getAttribute('data-remaining-ms').then(Number);

test('the facilitator runs the agenda and the timer; followers and the projector move along', async ({ browser, workshop }) => {
  const fran = await newActor(browser, wide, LIST);
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } }, LIST);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'West');
  await projector.page.goto(workshop.links.projector);

  // Participants can see the agenda but not change it.
  await ana.page.getByRole('tab', { name: 'Agenda' }).click();
  await expect(ana.page.getByRole('form', { name: 'Add an agenda item' })).toHaveCount(0);

  await fran.page.getByRole('tab', { name: 'Agenda' }).click();
  await addAgendaItem(fran.page, 'Agree the stages', 10, 'The process map');
  await addAgendaItem(fran.page, 'Agree the words', 15, 'The glossary');
  await expect(ana.page.getByRole('list', { name: 'Agenda items' }).getByRole('listitem')).toHaveCount(2);

  await fran.page.getByRole('button', { name: 'Start agenda' }).click();
  for (const page of [ana.page, ben.page]) await expect(page.getByTestId('current-agenda-item')).toHaveText('Agree the stages');
  await expect(projector.page.getByTestId('projector-agenda-item')).toHaveText('Now: Agree the stages');

  // The timebox started: everyone shows the same remaining time (within a second).
  await expect(projector.page.getByRole('timer')).toBeVisible();
  await expect
    .poll(async () => {
      const [f, a, p] = await Promise.all([remaining(fran.page), remaining(ana.page), remaining(projector.page)]);
      return Math.max(f, a, p) - Math.min(f, a, p);
    })
    .toBeLessThanOrEqual(1000);
  expect(await remaining(ana.page)).toBeGreaterThan(9 * 60_000);
  await fran.page.getByRole('group', { name: 'Timer controls' }).getByRole('button', { name: 'Pause' }).click();
  for (const page of [ana.page, projector.page]) await expect(page.getByRole('timer')).toContainText('paused');
  await fran.page.getByRole('group', { name: 'Timer controls' }).getByRole('button', { name: '+1 min' }).click();
  await expect.poll(() => remaining(ben.page)).toBeGreaterThan(10 * 60_000);

  // Ben steps out of following; Next moves Ana (and the projector) to the glossary, not Ben.
  await ben.page.getByRole('button', { name: 'Stop following' }).click();
  await ana.page.getByRole('tab', { name: 'Metrics' }).click();
  await ben.page.getByRole('tab', { name: 'Metrics' }).click();
  await fran.page.getByRole('button', { name: 'Next' }).click();
  await expect(ana.page.getByTestId('current-agenda-item')).toHaveText('Agree the words');
  await expect(ana.page.getByRole('tab', { name: 'Glossary' })).toHaveAttribute('aria-selected', 'true');
  await expect(ben.page.getByRole('tab', { name: 'Metrics' })).toHaveAttribute('aria-selected', 'true');
  await expect(projector.page.getByRole('region', { name: 'Glossary' })).toBeVisible();
  // One click and Ben is back with the room.
  await ben.page.getByRole('button', { name: 'Back to the facilitator' }).click();
  await expect(ben.page.getByRole('tab', { name: 'Glossary' })).toHaveAttribute('aria-selected', 'true');
  // Planned vs actual, for the facilitator.
  await fran.page.getByRole('tab', { name: 'Agenda' }).click();
  await expect(fran.page.getByRole('listitem', { name: 'Agree the stages' })).toContainText('spent of 10 min');
  for (const actor of [fran, ana, ben, projector]) await actor.context.close();
});

test('a dot vote is cast, hidden, then revealed; a consensus check ends with the term agreed and locked', async ({ browser, workshop }) => {
  const fran = await newActor(browser, wide, LIST);
  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } }, LIST);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await projector.page.goto(workshop.links.projector);
  await ana.page.getByRole('button', { name: 'Add the first step' }).click();
  await ana.page.keyboard.type('Qualify');
  await ana.page.getByRole('button', { name: 'Add step' }).click();
  await ana.page.keyboard.type('Propose');

  await fran.page.getByRole('tab', { name: 'Vote' }).click();
  const setup = fran.page.getByRole('form', { name: 'Open a vote' });
  await setup.getByLabel('Question').fill('Where do we lose most deals?');
  await setup.getByLabel('Dots per person').fill('2');
  await setup.getByRole('checkbox', { name: '1. Qualify' }).check();
  await setup.getByRole('checkbox', { name: '2. Propose' }).check();
  await setup.getByRole('button', { name: 'Open vote' }).click();

  // Followers are taken to the vote.
  for (const page of [ana.page, ben.page]) await expect(page.getByRole('heading', { name: 'Vote: Where do we lose most deals?' })).toBeVisible();
  await ana.page.getByRole('button', { name: 'Add a dot to Step 1. Qualify' }).click();
  await ana.page.getByRole('button', { name: 'Add a dot to Step 2. Propose' }).click();
  await expect(ana.page.getByText('You have 0 dots left.')).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Add a dot to Step 1. Qualify' })).toBeDisabled();
  // Everyone present who can vote, the viewer included; the facilitator only if they vote.
  await expect(fran.page.getByRole('status').filter({ hasText: 'voted' })).toHaveText('1 of 2 people have voted.');
  await expect(ben.page.getByRole('status').filter({ hasText: 'voted' })).toHaveText('1 of 2 people have voted.');
  await ben.page.getByRole('button', { name: 'Add a dot to Step 1. Qualify' }).click();
  await ben.page.getByRole('button', { name: 'Add a dot to Step 2. Propose' }).click();
  await ben.page.getByRole('button', { name: 'Remove a dot from Step 2. Propose' }).click();
  await expect(ana.page.getByTestId('vote-count')).toHaveCount(0); // hidden
  await expect(projector.page.getByText('Results are hidden until the facilitator reveals them.')).toBeVisible();
  await ben.page.getByRole('button', { name: 'Add a dot to Step 2. Propose' }).click();
  await expect(fran.page.getByText('Everyone has voted.')).toBeVisible();

  await fran.page.getByRole('button', { name: 'Reveal results' }).click();
  const results = ana.page.getByRole('list', { name: 'Vote items' });
  await expect(results.getByRole('listitem', { name: 'Step 1. Qualify' }).getByTestId('vote-count')).toHaveText('2');
  await expect(results.getByRole('listitem', { name: 'Step 2. Propose' }).getByTestId('vote-count')).toHaveText('2');
  await fran.page.getByRole('button', { name: 'Close vote' }).click();

  // Consensus on a term.
  await fran.page.getByRole('tab', { name: 'Glossary' }).click();
  await fran.page.getByLabel('New term name').fill('Opportunity');
  await fran.page.getByRole('button', { name: 'Add term' }).click();
  await fran.page.getByRole('button', { name: 'Check consensus on Opportunity' }).click();
  for (const page of [ana.page, ben.page]) await expect(page.getByRole('heading', { name: 'Consensus check: Term Opportunity' })).toBeVisible();
  await ana.page.getByRole('radio', { name: 'Fully agree' }).check();
  await ben.page.getByLabel('Reason (optional)').fill('Renewals are missing');
  await ben.page.getByRole('radio', { name: 'Agree with reservations' }).check();
  await expect(fran.page.getByTestId('consensus-full')).toHaveText('1');
  await expect(fran.page.getByTestId('consensus-reservations')).toHaveText('1');
  await expect(ana.page.getByRole('list', { name: 'Consensus results' })).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Show results to everyone' }).click();
  await expect(ana.page.getByTestId('consensus-reservations')).toHaveText('1');
  await fran.page.getByRole('button', { name: 'Mark agreed and lock' }).click();
  await expect(fran.page.getByRole('tabpanel', { name: 'Vote' }).getByRole('status').filter({ hasText: 'Term Opportunity is agreed and locked.' })).toBeVisible();

  // Agreed and locked for participants until the facilitator reopens it.
  await ana.page.getByRole('tab', { name: 'Glossary' }).click();
  await expect(ana.page.getByRole('listitem', { name: 'Opportunity' })).toContainText('Agreed · locked');
  await ana.page.getByRole('button', { name: 'Opportunity', exact: true }).click();
  await expect(ana.page.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('readonly', '');
  await expect(ana.page.getByRole('combobox', { name: 'Status', exact: true })).toBeDisabled();
  await fran.page.getByRole('tab', { name: 'Glossary' }).click();
  await fran.page.getByRole('button', { name: 'Reopen Opportunity' }).click();
  await expect(ana.page.getByRole('textbox', { name: 'Name', exact: true })).not.toHaveAttribute('readonly', '');

  // Agreeing before anyone has answered is asked first.
  await fran.page.getByRole('button', { name: 'Check consensus on Opportunity' }).click();
  await fran.page.getByRole('button', { name: 'Mark agreed and lock' }).click();
  await expect(fran.page.getByRole('alert').filter({ hasText: 'Nobody has answered yet.' })).toBeVisible();
  await fran.page.getByRole('button', { name: 'Mark agreed anyway' }).click();
  await expect(fran.page.getByRole('tabpanel', { name: 'Vote' }).getByRole('status').filter({ hasText: 'Term Opportunity is agreed and locked.' })).toBeVisible();
  await ana.page.getByRole('tab', { name: 'Glossary' }).click();
  await expect(ana.page.getByRole('listitem', { name: 'Opportunity' })).toContainText('Agreed · locked');
  for (const actor of [fran, ana, ben, projector]) await actor.context.close();
});

test('every new vote moves followers, also the second in a row; a late joiner lands on the open vote', async ({ browser, workshop }) => {
  const fran = await newActor(browser, wide, LIST);
  const ana = await newActor(browser, wide, LIST);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await ana.page.getByRole('button', { name: 'Add the first step' }).click();
  await ana.page.keyboard.type('Qualify');

  const openVote = async (question: string) => {
    await fran.page.getByRole('tab', { name: 'Vote' }).click();
    const setup = fran.page.getByRole('form', { name: 'Open a vote' });
    await setup.getByLabel('Question').fill(question);
    await setup.getByRole('checkbox', { name: '1. Qualify' }).check();
    await setup.getByRole('button', { name: 'Open vote' }).click();
  };
  await openVote('First question?');
  await expect(ana.page.getByRole('heading', { name: 'Vote: First question?' })).toBeVisible();
  // Ana looks elsewhere; the next vote (same kind of activity) still takes her there.
  await ana.page.getByRole('tab', { name: 'Glossary' }).click();
  await expect(ana.page.getByRole('heading', { name: 'Vote: First question?' })).toBeHidden();
  await fran.page.getByRole('button', { name: 'Close vote' }).click();
  await openVote('Second question?');
  await expect(ana.page.getByRole('heading', { name: 'Vote: Second question?' })).toBeVisible();

  const cleo = await newActor(browser, wide, LIST);
  await joinAs(cleo.page, workshop.links.participant, 'Cleo');
  await expect(cleo.page.getByRole('heading', { name: 'Vote: Second question?' })).toBeVisible();
  await expect(cleo.page.getByRole('status').filter({ hasText: 'voted' })).toHaveText('0 of 2 people have voted.');
  for (const actor of [fran, ana, cleo]) await actor.context.close();
});

test('the projector shows a QR code that decodes to a working participant link; the facilitator can hide it', async ({ browser, workshop }) => {
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } }, LIST);
  await projector.page.goto(workshop.links.projector);
  const qr = projector.page.getByTestId('join-qr');
  await expect(qr.locator('svg')).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(workshop.links.participant);
  await expect(projector.page.getByTestId('join-link')).toHaveText(workshop.links.participant);

  const phone = await newActor(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await joinAs(phone.page, decoded!.data, 'Pia');
  await expect(projector.page.getByTestId('people-count')).toHaveText('1');
  // No toolbars or editing controls on the projector.
  await expect(projector.page.getByRole('button')).toHaveCount(0);
  await expect(projector.page.getByRole('textbox')).toHaveCount(0);

  const fran = await newActor(browser, wide, LIST);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await fran.page.getByRole('checkbox', { name: 'join QR on projector' }).uncheck();
  await expect(projector.page.getByTestId('join-qr')).toHaveCount(0);
  await fran.page.getByRole('checkbox', { name: 'join QR on projector' }).check();
  await expect(projector.page.getByTestId('join-qr')).toBeVisible();
  for (const actor of [phone, projector, fran]) await actor.context.close();
});
