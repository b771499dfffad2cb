import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

export type Links = { participant: string; facilitator: string; projector: string };
export type Workshop = { id: string; links: Links };

/** Each actor has its own browser context: its own storage, cookies and tabs. */
export type Actor = { context: BrowserContext; page: Page };

/**
 * `listView`: this person chose the list view of the process (the wall's accessible alternative,
 * remembered per browser) — for journeys about steps' fields rather than the wall itself.
 */
export async function newActor(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}, { listView = false } = {}): Promise<Actor> {
  const context = await browser.newContext(options);
  if (listView) {
    await context.addInitScript(() => {
      // Not on the blank page a new tab starts on (it has no storage of its own).
      if (window.location.protocol.startsWith('http')) window.localStorage.setItem('common-ground:process-view', 'list');
    });
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`uncaught error in the page: ${error.message}`));
  page.on('console', (message) => {
    // y-websocket catches an exception thrown while a remote update is applied and only logs it:
    // the listeners after the one that threw never run, and that person's view silently stops
    // following the room (a metric added by someone else never appeared until a reload).
    if (message.type() === 'error' && SYNC_ERROR.test(message.text())) pageErrors.push(`error while applying an update: ${message.text().slice(0, 300)}`);
  });
  return { context, page };
}

const SYNC_ERROR = /Caught error while handling a Yjs update/;
/** What went wrong inside any actor's page during the current test; checked after each test. */
const pageErrors: string[] = [];

/** A phone as in issue 14: 390×844, touch. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** A workshop from a template (the sales template has steps, terms and metrics to work with). */
export async function createWorkshopFrom(request: APIRequestContext, title: string, template = 'b2b-sales'): Promise<Workshop> {
  const res = await request.post('/api/workshops', { data: { title, template } });
  expect(res.status()).toBe(201);
  return (await res.json()) as Workshop;
}

/** axe: no serious or critical violations on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** The facilitator opens a dot vote over some steps (labels as in the vote setup, e.g. "2. Qualify"). */
export async function openVote(page: Page, question: string, steps: readonly string[]): Promise<void> {
  await page.getByRole('tab', { name: 'Vote' }).click();
  const setup = page.getByRole('form', { name: 'Open a vote' });
  await setup.getByLabel('Question').fill(question);
  for (const step of steps) await setup.getByRole('checkbox', { name: step }).check();
  await setup.getByRole('button', { name: 'Open vote' }).click();
}

export async function joinAs(page: Page, link: string, name: string, team = ''): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  if (team) await page.getByLabel(/^Team/).fill(team);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Live');
}

/** The facilitator adds an agenda item (the Agenda tab is open). */
export async function addAgendaItem(page: Page, title: string, minutes: number, focus: string) {
  const form = page.getByRole('form', { name: 'Add an agenda item' });
  await form.getByLabel('Agenda item title').fill(title);
  await form.getByLabel('Timebox in minutes').fill(String(minutes));
  await form.getByLabel('Focus of the new item').selectOption({ label: focus });
  await form.getByRole('button', { name: 'Add to agenda' }).click();
}

export function titleInput(page: Page) {
  return page.getByRole('textbox', { name: 'Workshop title' });
}

export const test = base.extend<{ workshop: Workshop; salesWorkshop: Workshop; pagesWithoutErrors: void }>({
  pagesWithoutErrors: [
    async ({}, use) => {
      pageErrors.length = 0;
      await use();
      expect(pageErrors, 'errors inside the pages').toEqual([]);
    },
    { auto: true },
  ],
  workshop: async ({ request }, use) => {
    const res = await request.post('/api/workshops', { data: { title: 'Sales process' } });
    expect(res.status()).toBe(201);
    await use((await res.json()) as Workshop);
  },
  salesWorkshop: async ({ request }, use) => {
    const res = await request.post('/api/workshops', { data: { title: 'Acme sales', template: 'b2b-sales' } });
    expect(res.status()).toBe(201);
    await use((await res.json()) as Workshop);
  },
});

export { expect };
