import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, joinAs, newActor, test } from './fixtures';
import { pdfPageTexts } from './pdf-text';

/** These journeys edit steps through the list view of the process (the wall's accessible alternative; e2e/wall.spec.ts covers the wall). */
const LIST = { listView: true };

const wide = { viewport: { width: 1700, height: 1000 } };

/**
 * A process as a modeler saves it (Camunda Modeler / bpmn.io style): lanes, a user task, the
 * tasks declared out of order in the file — the sequence flows give the order.
 */
const ORDER_TO_CASH = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_o2c" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="Order to cash" processRef="Process_1" />
  </bpmn:collaboration>
  <bpmn:process id="Process_1" isExecutable="false">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_sales" name="Sales"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef><bpmn:flowNodeRef>Take</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_finance" name="Finance"><bpmn:flowNodeRef>Credit</bpmn:flowNodeRef><bpmn:flowNodeRef>Invoice</bpmn:flowNodeRef><bpmn:flowNodeRef>End</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_warehouse" name="Warehouse"><bpmn:flowNodeRef>Ship</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:task id="Ship" name="Ship goods" />
    <bpmn:task id="Invoice" name="Send invoice" />
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Take" name="Take order"><bpmn:documentation>Enter the order in the CRM the same day.</bpmn:documentation></bpmn:userTask>
    <bpmn:task id="Credit" name="Check credit" />
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Take" />
    <bpmn:sequenceFlow id="f4" sourceRef="Ship" targetRef="Invoice" />
    <bpmn:sequenceFlow id="f2" sourceRef="Take" targetRef="Credit" />
    <bpmn:sequenceFlow id="f3" sourceRef="Credit" targetRef="Ship" />
    <bpmn:sequenceFlow id="f5" sourceRef="Invoice" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>
`;
const STEPS = [
  ['Take order', 'Sales'],
  ['Check credit', 'Finance'],
  ['Ship goods', 'Warehouse'],
  ['Send invoice', 'Finance'],
] as const;

function workshopCount(): number {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'common-ground.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function chooseBpmn(page: Page, file: { name: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a BPMN file…').click();
  await (await chooser).setFiles({ ...file, mimeType: 'application/xml' });
}

/** Collected text of every @page rule and its margin rules in the page's stylesheets. */
function pageRulesText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule.constructor.name === 'CSSPageRule' || rule.constructor.name === 'CSSMarginRule') out.push(rule.cssText);
        const nested = (rule as CSSRule & { cssRules?: CSSRuleList }).cssRules;
        if (nested) walk(nested);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) walk(sheet.cssRules);
    return out.join('\n');
  });
}

test('a .bpmn file on the home page becomes a workshop with its steps in order and owners; the printable handbook draws it and records the decisions', async ({ browser }) => {
  const fran = await newActor(browser, wide, LIST);
  await fran.page.goto('/');
  // Held at the network until the page has shown that it is working.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await fran.page.route('**/api/workshops/import-bpmn', async (route) => {
    await held;
    await route.continue();
  });
  await chooseBpmn(fran.page, { name: 'o2c.bpmn', buffer: Buffer.from(ORDER_TO_CASH) });
  await expect(fran.page.getByText('Importing…')).toBeVisible();
  await expect(fran.page.getByRole('status').filter({ hasText: 'creating the workshop' })).toBeVisible();
  release();

  // The links, as after creating a workshop; the title is the process's name in the file.
  await expect(fran.page.getByRole('heading', { name: '“Order to cash” is ready' })).toBeFocused();
  const participantLink = await fran.page.getByRole('textbox', { name: 'Participant link' }).inputValue();
  await fran.page.getByRole('link', { name: 'Open as facilitator' }).click();
  await fran.page.getByLabel('Your name').fill('Fran');
  await fran.page.getByRole('button', { name: 'Join' }).click();
  await expect(fran.page.getByRole('heading', { name: /Process map \(4 steps\)/ })).toBeVisible();
  await expect(fran.page.getByRole('textbox', { name: 'Workshop title' })).toHaveValue('Order to cash');

  const ana = await newActor(browser, wide, LIST);
  const ben = await newActor(browser, wide, LIST);
  await joinAs(ana.page, participantLink, 'Ana', 'Sales');
  await joinAs(ben.page, participantLink, 'Ben', 'Finance');
  for (const { page } of [fran, ana]) {
    for (const [i, [title, owner]] of STEPS.entries()) {
      await expect(page.getByRole('textbox', { name: `Step ${i + 1} title` })).toHaveValue(title);
      await expect(page.getByRole('article', { name: `Step ${i + 1}: ${title}` })).toContainText(`Owner: ${owner}`);
    }
  }

  // Step 2 is agreed by all; step 3 gets a block and stays open.
  await fran.page.getByRole('button', { name: 'Check consensus on Check credit' }).click();
  for (const { page } of [ana, ben]) {
    await expect(page.getByRole('heading', { name: 'Consensus check: Step 2. Check credit' })).toBeVisible();
    await page.getByRole('radio', { name: 'Fully agree' }).check();
  }
  await expect(fran.page.getByTestId('consensus-full')).toHaveText('2');
  await fran.page.getByRole('button', { name: 'Mark agreed and lock' }).click();
  await expect(fran.page.getByRole('tabpanel', { name: 'Vote' }).getByRole('status').filter({ hasText: 'Step 2. Check credit is agreed and locked.' })).toBeVisible();

  await fran.page.getByRole('button', { name: 'Check consensus on Ship goods' }).click();
  for (const { page } of [ana, ben]) await expect(page.getByRole('heading', { name: 'Consensus check: Step 3. Ship goods' })).toBeVisible();
  await ana.page.getByRole('radio', { name: 'Fully agree' }).check();
  await ben.page.getByRole('radio', { name: 'Block', exact: true }).check();
  await expect(fran.page.getByTestId('consensus-block')).toHaveText('1');
  await expect(fran.page.getByTestId('consensus-full')).toHaveText('1');
  await fran.page.getByRole('button', { name: 'Show results to everyone' }).click();
  await fran.page.getByRole('button', { name: 'Close without agreeing' }).click();

  // The printable handbook, from the Export menu.
  await fran.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [printable] = await Promise.all([fran.context.waitForEvent('page'), fran.page.getByRole('link', { name: 'Printable handbook (PDF via print)' }).click()]);
  const handbook = printable.getByRole('article', { name: 'Process handbook' });
  await expect(handbook.getByRole('heading', { name: 'Order to cash', level: 1 })).toBeVisible();

  // The diagram: one box per step, in order, and a lane per owner role.
  const diagram = handbook.getByRole('figure', { name: /^Process diagram/ });
  await expect(diagram).toBeVisible();
  await expect(diagram.locator('[data-diagram-step]')).toHaveCount(STEPS.length);
  await expect(diagram.locator('[data-diagram-step] > title')).toHaveText(STEPS.map(([title], i) => `${i + 1}. ${title}`));
  await expect(diagram).toHaveAccessibleName(/4 steps .* 3 lanes by owner role/);
  for (const lane of ['Sales', 'Finance', 'Warehouse']) await expect(diagram).toContainText(lane);

  // Decisions with the consensus results (counts, never who); the block is an open dispute.
  const decisions = handbook.getByRole('region', { name: 'Decisions', exact: true });
  await expect(decisions).toContainText('Step 2. Check credit agreed (locked) — consensus: Fully agree: 2');
  await expect(decisions).toContainText('Consensus check on Step 3. Ship goods (2 answers)');
  await expect(decisions).toContainText('Fully agree: 1, Block: 1');
  const disputes = handbook.getByRole('region', { name: 'Open disputes', exact: true });
  await expect(disputes).toContainText('Step 3. Ship goods — last consensus check: Fully agree: 1, Block: 1');
  for (const section of [decisions, disputes]) {
    await expect(section).not.toContainText('Ben');
    await expect(section).not.toContainText('Ana');
  }
  // Statuses read as the CSVs write them.
  await expect(handbook.getByRole('region', { name: 'Process', exact: true })).toContainText(/Status\s*Agreed/);
  await expect(handbook.getByRole('region', { name: 'Participants', exact: true })).toContainText('Finance: Ben');

  // Printed: page numbers in the page margin, and nothing forces a page break.
  const pageRules = await pageRulesText(printable);
  expect(pageRules).toContain('counter(page)');
  expect(pageRules).toContain('counter(pages)');
  await printable.emulateMedia({ media: 'print' });
  await expect(printable.getByRole('button', { name: 'Print / save as PDF' })).toBeHidden();
  await expect(diagram.locator('[data-diagram-step]')).toHaveCount(STEPS.length);
  const forced = await printable.evaluate(() =>
    Array.from(document.querySelectorAll('.handbook *')).filter((el) => ['page', 'always', 'left', 'right'].includes(getComputedStyle(el).breakBefore) || ['page', 'always', 'left', 'right'].includes(getComputedStyle(el).breakAfter)).length,
  );
  expect(forced).toBe(0);
  // As a PDF (what "Save as PDF" makes): this short handbook fills two or three A4 pages, not
  // a page per section. Chromium writes one "/Type /Page" dictionary per page.
  const pdf = await printable.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  // Each page carries its number in the bottom margin ("1 / 2" from the CSS page rule above),
  // read from the PDF's own text, and the body text is there to read too.
  const texts = pdfPageTexts(pdf);
  expect(texts).toHaveLength(pages);
  expect(texts[0]).toContain('Order to cash');
  for (const [i, text] of texts.entries()) expect(text, `text on page ${i + 1}`).toContain(`${i + 1} / ${pages}`);
  for (const actor of [fran, ana, ben]) await actor.context.close();
});

test('a file that is not a process is refused with the server’s reason, by keyboard too, and creates nothing', async ({ browser }) => {
  const before = workshopCount();
  const olga = await newActor(browser, {}, LIST);
  await olga.page.goto('/');
  await chooseBpmn(olga.page, { name: 'logo.bpmn', buffer: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') });
  const alert = olga.page.getByRole('alert').filter({ hasText: 'logo.bpmn' });
  await expect(alert).toContainText('This is not a BPMN 2.0 file');
  await expect(alert).toContainText('Nothing was created.');

  // From the keyboard: focus the picker, Enter opens it; a BPMN file without tasks is refused too.
  const picker = olga.page.getByLabel('Choose a BPMN file…');
  await picker.focus();
  await expect(picker).toBeFocused();
  const chooser = olga.page.waitForEvent('filechooser');
  await olga.page.keyboard.press('Enter');
  const empty = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><startEvent id="s"/></process></definitions>';
  await (await chooser).setFiles({ name: 'empty.bpmn', mimeType: 'application/xml', buffer: Buffer.from(empty) });
  await expect(olga.page.getByRole('alert').filter({ hasText: 'empty.bpmn' })).toContainText('has no tasks to turn into steps');

  await expect(olga.page.getByRole('textbox', { name: 'Participant link' })).toHaveCount(0);
  await expect(olga.page.getByRole('heading', { name: 'Create a workshop' })).toBeVisible();
  await expect(olga.page.getByRole('heading', { name: 'Your workshops on this browser' })).toHaveCount(0);
  expect(workshopCount()).toBe(before);
  await olga.context.close();
});
