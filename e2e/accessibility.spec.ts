import type { Page } from '@playwright/test';
import { expect, expectNoSeriousViolations, joinAs, newActor, test, titleInput } from './fixtures';

test('home, join, workshop and projector pages have no serious or critical axe violations', async ({ browser, workshop }) => {
  const person = await newActor(browser);
  await person.page.goto('/');
  await expect(person.page.getByRole('heading', { name: 'Create a workshop' })).toBeVisible();
  await expectNoSeriousViolations(person.page, 'home');

  await person.page.goto(workshop.links.participant);
  await expect(person.page.getByLabel('Your name')).toBeVisible();
  await expectNoSeriousViolations(person.page, 'join');

  await joinAs(person.page, workshop.links.participant, 'Ana', 'East');
  await expectNoSeriousViolations(person.page, 'workshop');

  const projector = await newActor(browser);
  await projector.page.goto(workshop.links.projector);
  await expect(projector.page.getByTestId('people-count')).toHaveText('1');
  await expectNoSeriousViolations(projector.page, 'projector');
  await person.context.close();
  await projector.context.close();
});

test('joining and editing work on a 390 px wide phone', async ({ browser, workshop }) => {
  const phone = await newActor(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const laptop = await newActor(browser);
  await phone.page.goto(workshop.links.participant);
  await expectNoHorizontalScroll(phone.page);
  await phone.page.getByLabel('Your name').fill('Pia');
  await phone.page.getByRole('button', { name: 'Join' }).tap();
  await expect(phone.page.getByRole('status', { name: 'Connection' })).toContainText('Live');
  await expectNoHorizontalScroll(phone.page);
  await expect(titleInput(phone.page)).toBeInViewport();
  await titleInput(phone.page).fill('From my phone');
  await joinAs(laptop.page, workshop.links.participant, 'Lars');
  await expect(titleInput(laptop.page)).toHaveValue('From my phone');
  await expect(phone.page.getByRole('complementary', { name: 'People' })).toContainText('Lars');
  await phone.context.close();
  await laptop.context.close();
});

async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);
}
