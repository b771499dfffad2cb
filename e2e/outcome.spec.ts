import fs from 'node:fs';
import type { Download } from '@playwright/test';
import mammoth from 'mammoth';
import { BpmnModdle } from 'bpmn-moddle';
import { expect, joinAs, newActor, test } from './fixtures';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const wide = { viewport: { width: 1700, height: 1000 } };

async function text(download: Download): Promise<string> {
  return fs.readFileSync(await download.path(), 'utf8');
}

test('create from the sales template, edit, export the handbook with the edit, back up and restore into a new workshop', async ({ browser }) => {
  const fran = await newActor(browser, wide, LIST);
  await fran.page.goto('/');
  await fran.page.getByRole('textbox', { name: 'Title' }).fill('Sales alignment');
  await fran.page.getByRole('radio', { name: /^B2B sales process/ }).check();
  await fran.page.getByRole('button', { name: 'Create workshop' }).click();
  const participantLink = await fran.page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  await fran.page.getByRole('link', { name: 'Open as facilitator' }).click();
  await fran.page.getByLabel('Your name').fill('Fran');
  await fran.page.getByRole('button', { name: 'Join' }).click();
  await expect(fran.page.getByRole('heading', { name: /Process map \(7 steps\)/ })).toBeVisible();
  await expect(fran.page.getByRole('heading', { name: /Glossary \(17 terms\)/ })).toBeVisible();

  // A participant edits a step; the export contains the edit.
  const ana = await newActor(browser, wide, LIST);
  await joinAs(ana.page, participantLink, 'Ana', 'East');
  await ana.page.getByRole('textbox', { name: 'Step 2 title' }).fill('Qualify (BANT)');
  await expect(fran.page.getByRole('textbox', { name: 'Step 2 title' })).toHaveValue('Qualify (BANT)');
  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [markdown] = await Promise.all([fran.page.waitForEvent('download'), fran.page.getByRole('button', { name: 'Process handbook (Markdown)' }).click()]);
  const md = await text(markdown);
  expect(md).toContain('# Sales alignment');
  expect(md).toContain('### 2. Qualify (BANT)');
  expect(md).toContain('- **East:** Ana');
  expect(md).toContain('### Opportunity');

  // The files the next tools read: BPMN (checked with bpmn-moddle, as bpmn.io and Camunda read it) and Word.
  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(fran.page.getByRole('button', { name: 'Process diagram (BPMN)' })).toHaveAccessibleDescription(/Camunda Modeler, bpmn\.io, Signavio/);
  const [bpmnFile] = await Promise.all([fran.page.waitForEvent('download'), fran.page.getByRole('button', { name: 'Process diagram (BPMN)' }).click()]);
  const bpmn = await new BpmnModdle().fromXML(await text(bpmnFile));
  expect(bpmn.warnings).toEqual([]);
  expect(await text(bpmnFile)).toContain('name="Qualify (BANT)"');
  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [docxFile] = await Promise.all([fran.page.waitForEvent('download'), fran.page.getByRole('button', { name: 'Process handbook (Word)' }).click()]);
  const word = await mammoth.extractRawText({ path: await docxFile.path() });
  expect(word.value).toContain('Qualify (BANT)');
  expect(word.value).toContain('Opportunity');

  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [backup] = await Promise.all([fran.page.waitForEvent('download'), fran.page.getByRole('button', { name: 'Full backup (JSON)' }).click()]);
  const backupPath = await backup.path();

  // Restore in another browser: a new workshop with new links and the same content.
  const other = await newActor(browser, wide, LIST);
  await other.page.goto('/');
  const chooser = other.page.waitForEvent('filechooser');
  await other.page.getByText('Choose a backup file…').click();
  await (await chooser).setFiles(backupPath);
  const restoredLink = await other.page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  expect(restoredLink).not.toBe(participantLink);
  await joinAs(other.page, restoredLink, 'Olga');
  await expect(other.page.getByRole('textbox', { name: 'Step 2 title' })).toHaveValue('Qualify (BANT)');
  await expect(other.page.getByRole('textbox', { name: 'Workshop title' })).toHaveValue('Sales alignment');

  // A broken file creates nothing and says why.
  await other.page.goto('/');
  const chooser2 = other.page.waitForEvent('filechooser');
  await other.page.getByText('Choose a backup file…').click();
  await (await chooser2).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(other.page.getByRole('alert').filter({ hasText: 'notes.json' })).toContainText('Nothing was created.');
  for (const actor of [fran, ana, other]) await actor.context.close();
});

test('the printable handbook has no editing controls when printed', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Maintenance', template: 'maintenance-work-order' } });
  const { links } = (await res.json()) as { links: Record<string, string> };
  const secret = new URL(links.projector!).hash.slice(3);
  const reader = await newActor(browser, {}, LIST);
  await reader.page.goto(links.projector!.replace(/\/projector#k=.*/, `/handbook#k=${secret}&r=projector`));
  const handbook = reader.page.getByRole('article', { name: 'Process handbook' });
  await expect(handbook.getByRole('heading', { name: 'Maintenance', level: 1 })).toBeVisible();
  await expect(handbook).toContainText('1. Report');
  await expect(reader.page.getByRole('button', { name: 'Print / save as PDF' })).toBeVisible();
  await reader.page.emulateMedia({ media: 'print' });
  await expect(reader.page.getByRole('button', { name: 'Print / save as PDF' })).toBeHidden();
  await expect(reader.page.getByRole('textbox')).toHaveCount(0);
  await expect(handbook.getByRole('heading', { name: 'Work order', level: 3 })).toBeVisible();
  // A wrong secret on the handbook page is refused like any other link.
  await reader.page.goto(links.projector!.replace(/\/projector#k=.*/, '/handbook#k=AAAAAAAAAAAAAAAAAAAAAAAA&r=projector'));
  await expect(reader.page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  await reader.context.close();
});
