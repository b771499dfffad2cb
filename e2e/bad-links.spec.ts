import { expect, newActor, test } from './fixtures';

test('a wrong, truncated or missing secret shows "this link is not valid"; an unknown workshop "not found"', async ({
  browser,
  workshop,
}) => {
  const visitor = await newActor(browser);
  const { page } = visitor;
  const participant = workshop.links.participant;
  const cases = [
    participant.replace(/#k=.*/, '#k=AAAAAAAAAAAAAAAAAAAAAAAA'),
    participant.slice(0, -3),
    participant.replace(/#.*/, ''),
    // a participant secret on the facilitator page
    participant.replace(`/w/${workshop.id}`, `/w/${workshop.id}/facilitate`),
    // a projector secret on the participant page
    workshop.links.projector.replace('/projector', ''),
  ];
  for (const link of cases) {
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveCount(0);
  }
  await page.goto(participant.replace(workshop.id, 'AAAAAAAAAAAA'));
  await expect(page.getByRole('heading', { name: 'Workshop not found' })).toBeVisible();
  await page.goto('/w/not-an-id#k=x');
  await expect(page.getByRole('heading', { name: 'Workshop not found' })).toBeVisible();
  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/at .*\.js:\d+|Error:/);
  await visitor.context.close();
});
