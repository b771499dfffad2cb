import type { Page } from '@playwright/test';
import { expect, joinAs, newActor, test } from './fixtures';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

async function addTerm(page: Page, name: string, definition?: string) {
  await page.getByLabel('New term name').fill(name);
  await page.getByRole('button', { name: 'Add term' }).click();
  if (definition) {
    await page.getByRole('textbox', { name: `Definition of ${name}` }).click();
    await page.keyboard.type(definition);
  }
}

const glossary = (page: Page) => page.getByRole('complementary', { name: 'Glossary' });

test('an alias added by one participant is highlighted in another’s step description, with its definition on hover and focus', async ({ browser, workshop }) => {
  const ana = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  const ben = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'Team East');
  await joinAs(ben.page, workshop.links.participant, 'Ben', 'Team West');

  await ben.page.getByRole('button', { name: 'Add the first step' }).click();
  await ben.page.keyboard.type('Qualify');
  await ben.page.getByRole('button', { name: 'Open details of Qualify' }).click();
  await ben.page.getByRole('textbox', { name: 'Description of Qualify' }).click();
  await ben.page.keyboard.type('Move the deal forward once the budget is known.');

  await addTerm(ana.page, 'Opportunity', 'A qualified chance to sell.');
  await glossary(ana.page).getByLabel('Alias', { exact: true }).fill('Deal');
  await glossary(ana.page).getByRole('button', { name: 'Add alias' }).click();
  await expect(glossary(ana.page).getByRole('list', { name: 'Aliases of Opportunity' })).toContainText('Team East calls this Deal');

  const highlight = ben.page.getByRole('textbox', { name: 'Description of Qualify' }).locator('.term-highlight');
  await expect(highlight).toHaveText('deal');
  // The shared text is unchanged: the highlight is a decoration only.
  await expect(ben.page.getByRole('textbox', { name: 'Description of Qualify' })).toHaveText('Move the deal forward once the budget is known.');
  await highlight.hover();
  const tooltip = ben.page.getByRole('tooltip');
  // Whose word it is: the alias was added by Team East.
  await expect(tooltip).toContainText('“deal” is Team East’s word for');
  await expect(tooltip).toContainText('Opportunity');
  await expect(tooltip).toContainText('Proposed');
  await expect(tooltip).toContainText('A qualified chance to sell.');
  // Keyboard: with the caret inside the highlighted word, the definition shows too.
  await ben.page.mouse.move(0, 0);
  await ben.page.getByRole('textbox', { name: 'Description of Qualify' }).press('Home');
  for (let i = 0; i < 10; i++) await ben.page.keyboard.press('ArrowRight');
  await expect(tooltip).toContainText('A qualified chance to sell.');
  await tooltip.getByRole('button', { name: 'Open in glossary' }).click();
  await expect(glossary(ben.page).getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Opportunity');
  await ana.context.close();
  await ben.context.close();
});

test('duplicate and near-duplicate names are flagged before saving, with a link to the existing term', async ({ browser, workshop }) => {
  const ana = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana', 'East');
  await addTerm(ana.page, 'Opportunity');
  await glossary(ana.page).getByLabel('Alias', { exact: true }).fill('Deal');
  await glossary(ana.page).getByRole('button', { name: 'Add alias' }).click();
  await glossary(ana.page).getByRole('button', { name: 'Opportunity', exact: true }).click(); // collapse

  await ana.page.getByLabel('New term name').fill(' opportunities ');
  const warning = glossary(ana.page).getByRole('alert').filter({ hasText: 'Already in the glossary' });
  await expect(warning).toContainText('Opportunity');
  await ana.page.getByLabel('New term name').fill('Deals');
  await expect(warning).toContainText('Deal (alias of East for Opportunity)');
  await ana.page.getByRole('button', { name: 'Add term' }).click();
  // Nothing written yet: the first click only asks to confirm.
  await expect(glossary(ana.page).getByRole('list', { name: 'Terms, A to Z' }).getByRole('listitem').filter({ hasText: /^Deals/ })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: 'Add anyway' })).toBeVisible();
  await warning.getByRole('button', { name: /Opportunity/ }).click();
  await expect(glossary(ana.page).getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Opportunity');
  await ana.context.close();
});

test('CSV import shows a preview with per-row errors, writes only valid rows, and everyone sees them', async ({ browser, workshop }) => {
  const ana = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  const ben = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  const projector = await newActor(browser, {}, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await projector.page.goto(workshop.links.projector);
  await addTerm(ana.page, 'Lead');

  const csv = [
    'name,definition,aliases,status',
    '"Opportunity","A chance to sell, with ""budget""","Team East: Deal; Team West: Opp",agreed',
    ',No name here,,',
    'leads,Duplicate of an existing term,,',
    'Forecast,"Expected revenue,\nby month",Team West: Outlook,discussing',
  ].join('\n');
  const chooser = ana.page.waitForEvent('filechooser');
  await ana.page.getByText('Import CSV…').click();
  await (await chooser).setFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = ana.page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('2 of 4 rows can be imported.');
  await expect(preview.getByRole('row', { name: /^3/ })).toContainText('The name is missing.');
  await expect(preview.getByRole('row', { name: /^4/ })).toContainText('Already in the glossary as the term "Lead".');
  // Nothing is written before confirming.
  await expect(glossary(ben.page).getByRole('list', { name: 'Terms, A to Z' }).getByRole('listitem')).toHaveCount(1);
  await preview.getByRole('button', { name: 'Import 2 terms (skip 2)' }).click();
  await expect(ana.page.getByText('Imported 2 terms from terms.csv.')).toBeVisible();

  const benTerms = glossary(ben.page).getByRole('list', { name: 'Terms, A to Z' });
  await expect(benTerms.getByRole('listitem')).toHaveCount(3);
  await expect(benTerms).toContainText('Forecast');
  await expect(benTerms).toContainText('Deal (Team East), Opp (Team West)');
  // The projector shows the glossary when the facilitator puts it on screen.
  const fran = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  await joinAs(fran.page, workshop.links.facilitator, 'Fran');
  await fran.page.getByLabel('Show everyone').selectOption({ label: 'The glossary' });
  await expect(projector.page.getByRole('region', { name: 'Glossary' })).toContainText('A chance to sell, with "budget"');
  await fran.context.close();

  // The team vocabulary view: canonical terms against each team's words.
  await glossary(ben.page).getByRole('button', { name: 'Team vocabulary' }).click();
  const table = glossary(ben.page).getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Canonical term', 'Team East', 'Team West']);
  await expect(table.getByRole('row', { name: /Opportunity/ })).toHaveText(/Opportunity\s*Deal\s*Opp/);
  await expect(table.getByRole('row', { name: /Forecast/ })).toHaveText(/Forecast\s*—\s*Outlook/);

  // A malformed file writes nothing and says why.
  const chooser2 = ana.page.waitForEvent('filechooser');
  await ana.page.getByText('Import CSV…').click();
  await (await chooser2).setFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('term;meaning\nx;y') });
  await expect(ana.page.getByRole('alert').filter({ hasText: 'bad.csv' })).toContainText('Nothing was imported.');

  // Export gives the same format back.
  const download = ana.page.waitForEvent('download');
  await ana.page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  const exported = Buffer.concat(chunks).toString('utf8');
  // A UTF-8 byte-order mark first, so that Excel on Windows reads "→ – ’" right; our import skips it.
  expect(exported.startsWith('\uFEFF')).toBe(true);
  expect(exported.slice(1).split('\r\n')[0]).toBe('name,definition,aliases,status');
  expect(exported.endsWith('\r\n')).toBe(true);
  expect(exported).toContain('"Expected revenue,\nby month"');
  for (const actor of [ana, ben, projector]) await actor.context.close();
});

test('merging two terms keeps both definitions and aliases, for everyone, and one undo restores them', async ({ browser, workshop }) => {
  const ana = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  const ben = await newActor(browser, { viewport: { width: 1600, height: 1000 } }, LIST);
  await joinAs(ana.page, workshop.links.participant, 'Ana');
  await joinAs(ben.page, workshop.links.participant, 'Ben');
  await addTerm(ana.page, 'Customer', 'Pays us.');
  await addTerm(ana.page, 'Client', 'Has a contract.');
  await glossary(ana.page).getByRole('button', { name: 'Customer', exact: true }).click();
  await glossary(ana.page).getByLabel('Merge another term into this one').selectOption({ label: 'Client' });
  await glossary(ana.page).getByRole('button', { name: 'Merge', exact: true }).click();

  const benTerms = glossary(ben.page).getByRole('list', { name: 'Terms, A to Z' });
  await expect(benTerms.getByRole('listitem')).toHaveCount(1);
  await expect(benTerms).toContainText('Also: Client');
  await expect(benTerms).toContainText('Pays us. Has a contract.');

  await ana.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(benTerms.getByRole('listitem')).toHaveCount(2);
  await expect(benTerms.getByRole('listitem', { name: 'Client' })).toContainText('Has a contract.');
  await expect(benTerms.getByRole('listitem', { name: 'Customer' })).not.toContainText('Has a contract.');
  await ana.context.close();
  await ben.context.close();
});
