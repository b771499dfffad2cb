import { expect, joinAs, newActor, test, titleInput } from './fixtures';

test('participants see each other and each other’s title edits; the projector follows read-only', async ({ browser, workshop }) => {
  const ana = await newActor(browser);
  const ben = await newActor(browser);
  const fran = await newActor(browser);
  const projector = await newActor(browser);

  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Team East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Team West');
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await projector.page.goto(workshop.links.projector);

  // Presence, grouped by team, in every participant's view.
  const anaPeople = ana.page.getByRole('complementary', { name: 'People' });
  await expect(anaPeople.getByRole('list', { name: 'People in Team West' })).toContainText('Ben');
  await expect(anaPeople.getByRole('list', { name: 'People in Team East' })).toContainText('Ana (you)');
  await expect(anaPeople.getByRole('list', { name: 'People in no team' })).toContainText('Fran');
  await expect(anaPeople.getByRole('list', { name: 'People in no team' })).toContainText('facilitator');
  await expect(ben.page.getByRole('complementary', { name: 'People' })).toContainText('Ana');
  await expect(projector.page.getByTestId('people-count')).toHaveText('3');

  // Live title edits, both ways.
  await titleInput(ana.page).fill('Sales process — EMEA');
  await expect(titleInput(ben.page)).toHaveValue('Sales process — EMEA');
  await expect(projector.page.getByRole('heading', { level: 1 })).toHaveText('Sales process — EMEA');
  await titleInput(ben.page).press('End');
  await titleInput(ben.page).pressSequentially(' 2027');
  await expect(titleInput(ana.page)).toHaveValue('Sales process — EMEA 2027');
  await expect(titleInput(fran.page)).toHaveValue('Sales process — EMEA 2027');
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');

  // The projector has no way to edit.
  await expect(projector.page.getByRole('textbox')).toHaveCount(0);
  await expect(projector.page.getByRole('button')).toHaveCount(0);
  await expect(projector.page.getByRole('heading', { level: 1 })).toHaveText('Sales process — EMEA 2027');

  // Leaving updates presence for the others.
  await ben.context.close();
  await expect(anaPeople).not.toContainText('Ben');
  await expect(projector.page.getByTestId('people-count')).toHaveText('2');

  for (const actor of [ana, fran, projector]) await actor.context.close();
});

test('an edit made while the network is down is shown unsaved, then saved and seen after reconnecting', async ({
  browser,
  workshop,
}) => {
  const ana = await newActor(browser);
  const ben = await newActor(browser);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');

  await ana.context.setOffline(true);
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText(/Offline|Reconnecting/);
  await titleInput(ana.page).fill('Edited offline');
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('Unsaved changes');
  await expect(titleInput(ben.page)).toHaveValue('Sales process');

  await ana.context.setOffline(false);
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('Live', { timeout: 20_000 });
  await expect(ana.page.getByRole('status', { name: 'Connection' })).toContainText('All changes saved');
  await expect(titleInput(ben.page)).toHaveValue('Edited offline');
  await ana.context.close();
  await ben.context.close();
});
