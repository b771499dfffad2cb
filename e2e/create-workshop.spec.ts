import { expect, joinAs, newActor, test, titleInput } from './fixtures';

test('a facilitator creates a workshop, copies its links and finds it again on the home page', async ({ browser }) => {
  const facilitator = await newActor(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = facilitator;
  await page.goto('/');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'title' })).toHaveText('Give the workshop a title.');

  await page.getByRole('textbox', { name: 'Title' }).fill('Maintenance work orders');
  // The error goes as soon as there is a title.
  await expect(page.getByRole('alert').filter({ hasText: 'title' })).toHaveCount(0);
  await expect(page.getByText('177 characters left')).toBeVisible();
  // Templates are cards read whole; the blank one is chosen until another is.
  await expect(page.getByRole('radio', { name: /^Blank/ })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Template' }).getByRole('radio')).toHaveCount(4);
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await expect(page.getByRole('heading', { name: '“Maintenance work orders” is ready' })).toBeVisible();

  const links = {
    facilitator: await page.getByRole('textbox', { name: 'Facilitator link' }).inputValue(),
    participant: await page.getByRole('textbox', { name: 'Participant link' }).inputValue(),
    projector: await page.getByRole('textbox', { name: 'Projector link' }).inputValue(),
  };
  expect(links.facilitator).toMatch(/\/w\/[\w-]{12}\/facilitate#k=[\w-]{24}$/);
  expect(links.participant).toMatch(/\/w\/[\w-]{12}#k=[\w-]{24}$/);
  expect(links.projector).toMatch(/\/w\/[\w-]{12}\/projector#k=[\w-]{24}$/);

  await page.getByRole('button', { name: 'Copy participant link' }).click();
  await expect(page.getByRole('button', { name: 'Copy participant link' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(links.participant);

  // The facilitator link is remembered in this browser.
  await page.goto('/');
  const mine = page.getByRole('region', { name: 'Your workshops on this browser' });
  await expect(mine.getByRole('link', { name: 'Maintenance work orders' })).toHaveAttribute('href', links.facilitator);
  await expect(mine).toContainText('as facilitator');

  await mine.getByRole('link', { name: 'Maintenance work orders' }).click();
  await joinAs(page, links.facilitator, 'Fran', 'Operations');
  await expect(page.getByText('Facilitator', { exact: true }).first()).toBeVisible();
  await expect(titleInput(page)).toHaveValue('Maintenance work orders');

  // Name and team are remembered: a reload goes straight to the workshop, and can be changed.
  await page.reload();
  await expect(titleInput(page)).toHaveValue('Maintenance work orders');
  await page.getByRole('button', { name: 'Change name or team' }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('Fran');
  await page.getByLabel('Your name').fill('Francesca');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('complementary', { name: 'People' })).toContainText('Francesca (you)');

  // Forgetting removes it from the list.
  await page.goto('/');
  await page.getByRole('button', { name: /Forget Maintenance work orders/ }).click();
  await expect(page.getByRole('region', { name: 'Your workshops on this browser' })).toHaveCount(0);
  await facilitator.context.close();
});
