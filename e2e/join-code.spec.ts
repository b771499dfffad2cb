import { PHONE, createWorkshopFrom, expect, joinAs, newActor, test } from './fixtures';

/**
 * Issue 14: the short join code. The test that types ten wrong codes runs last in this file: it
 * locks this address out of `/api/join` for a while (JOIN_CODE_RETRY_SECONDS), by design.
 */

test('the short code on the projector, typed at /join on a phone, joins the workshop as a participant', async ({ browser, request }) => {
  const workshop = await createWorkshopFrom(request, 'Acme sales');
  const projector = await newActor(browser, { viewport: { width: 1920, height: 1080 } });
  await projector.page.goto(workshop.links.projector);
  const code = projector.page.getByTestId('join-code');
  await expect(code).toHaveText(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  await expect(code).toBeInViewport({ ratio: 1 });
  await expect(projector.page.getByTestId('join-short-url')).toHaveText(/\/join$/);
  const shown = (await code.textContent())!;

  const phone = await newActor(browser, PHONE);
  await phone.page.goto('/join');
  await expect(phone.page).toHaveTitle(/Join a workshop/);
  // Typed the way people type: lower case, without the dash.
  await phone.page.getByLabel('Join code').fill(shown.replace('-', '').toLowerCase());
  await phone.page.getByRole('button', { name: 'Join' }).tap();
  await expect(phone.page).toHaveURL(new RegExp(`/w/${workshop.id}#k=`));
  expect(phone.page.url()).toBe(workshop.links.participant);
  await phone.page.getByLabel('Your name').fill('Pia');
  await phone.page.getByRole('button', { name: 'Join' }).tap();
  await expect(phone.page.getByRole('status', { name: 'Connection' })).toContainText('Live');
  await expect(projector.page.getByTestId('people-count')).toHaveText('1');

  // Hiding the join panel kills the code; showing it again shows a new one.
  const fran = await newActor(browser, { viewport: { width: 1440, height: 900 } });
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await fran.page.getByRole('checkbox', { name: 'join QR on projector' }).uncheck();
  await expect(projector.page.getByTestId('join-code')).toHaveCount(0);
  await fran.page.getByRole('checkbox', { name: 'join QR on projector' }).check();
  await expect(projector.page.getByTestId('join-code')).toHaveText(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  await expect(projector.page.getByTestId('join-code')).not.toHaveText(shown);
  for (const actor of [projector, phone, fran]) await actor.context.close();
});

test('ten wrong codes in a row from one address are refused with 429 and a clear message', async ({ browser }) => {
  const phone = await newActor(browser, PHONE);
  await phone.page.goto('/join');
  const input = phone.page.getByLabel('Join code');
  // The page's own message (Next.js keeps an empty route announcer with the same role).
  const message = phone.page.locator('#join-code-error');
  // Malformed input is answered in the page and never counts as a guess.
  await input.fill('hello');
  await phone.page.getByRole('button', { name: 'Join' }).tap();
  await expect(message).toContainText('8 letters and digits');
  const tryCode = async (code: string) => {
    const answer = phone.page.waitForResponse((res) => res.url().endsWith('/api/join'));
    await input.fill(code);
    await phone.page.getByRole('button', { name: 'Join' }).tap();
    return (await answer).status();
  };
  for (let i = 0; i < 9; i++) {
    expect(await tryCode(`WRNG-ZZ${'ABCDEFGHJ'[i]}Z`)).toBe(404);
    await expect(message).toHaveText(/No workshop has this code/);
  }
  // The tenth wrong code in a row is refused, and so is everything after it for a while.
  expect(await tryCode('WRNG-ZZZZ')).toBe(429);
  await expect(message).toContainText('Too many wrong codes from this address');
  expect(await tryCode('WRNG-ZZYZ')).toBe(429);
  await phone.context.close();
});
