// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMetric, setMetricText } from '@/lib/doc/metrics';
import { addStep, setStepText } from '@/lib/doc/process';
import { fixtureWorkshop } from '@/lib/export/fixture';
import { buildHandbook } from '@/lib/export/handbook';
import { HandbookDocument } from './handbook-document';

const DATE = new Date('2026-11-26T10:00:00Z');

function render(board: Y.Doc, facilitation = new Y.Doc()): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = renderToStaticMarkup(<HandbookDocument handbook={buildHandbook(board, facilitation, DATE)} />);
  return root;
}
const section = (root: HTMLElement, heading: string) => {
  const h2 = [...root.querySelectorAll('h2')].find((h) => h.textContent === heading);
  if (!h2) throw new Error(`no section ${heading}`);
  return h2.closest('section')!;
};
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');

describe('the printable handbook', () => {
  const { board, facilitation } = fixtureWorkshop();
  const root = render(board, facilitation);

  it('draws the process diagram: one box per step in order, a lane per owner role', () => {
    const figure = root.querySelector('figure')!;
    expect(text(figure.querySelector('figcaption')!)).toBe('Process diagram: 2 steps from left to right, in 2 lanes by owner role.');
    expect([...figure.querySelectorAll('[data-diagram-step] > title')].map((t) => t.textContent)).toEqual(['1. Qualify', '2. Propose']);
    // SVG text is drawn line by line: a lane name is its lines joined.
    const labels = [...figure.querySelectorAll('text')].map((t) => [...t.querySelectorAll('tspan')].map((line) => line.textContent).join(' '));
    expect(labels).toContain('SDR');
    expect(labels).toContain('No owner named');
    for (const svg of figure.querySelectorAll('svg')) expect(svg.getAttribute('role')).toBe('img');
  });

  it('shows statuses as the CSVs write them and a formula without a dangling sign', () => {
    const statuses = [...root.querySelectorAll('dt')].filter((dt) => dt.textContent === 'Status').map((dt) => dt.nextElementSibling?.textContent);
    // Steps Qualify and Propose, terms Lead and Opportunity (A–Z), metric Conversion.
    expect(statuses).toEqual(['Agreed', 'Draft', 'Proposed', 'Agreed', 'Proposed']);
    expect(text(section(root, 'Metrics'))).toContain('Opportunities reaching Propose ÷ Opportunities in Qualify');

    const doc = new Y.Doc();
    const step = addStep(doc, { title: 'Ship' });
    setStepText(doc, step, 'ownerRole', 'Warehouse');
    const metric = addMetric(doc, { name: 'Shipments' });
    setMetricText(doc, metric, 'numerator', 'Orders shipped');
    const metrics = text(section(render(doc), 'Metrics'));
    expect(metrics).toContain('Orders shipped (no denominator yet)');
    expect(metrics).not.toContain('÷');
    expect(metrics).not.toContain('…');
  });

  it('has the decisions with vote and consensus results, never who answered what', () => {
    const decisions = text(section(root, 'Decisions'));
    expect(decisions).toContain('Use BANT, not MEDDIC');
    expect(decisions).toContain('Term Opportunity agreed (locked) — consensus: Fully agree: 3, Agree with reservations: 1 (by team: East — Fully agree: 2; West — Fully agree: 1, Agree with reservations: 1)');
    expect(decisions).toContain('Dot vote “What to fix first” (2 voters)');
    expect(decisions).toContain('Step 2. Propose: 2 dots');
    expect(decisions).toContain('Term Lead: 1 dot');
    const check = [...section(root, 'Decisions').querySelectorAll('h3')].find((h) => text(h).startsWith('Consensus check'))!;
    expect(text(check)).toBe('Consensus check on Step 2. Propose (3 answers)');
    expect(text(check.nextElementSibling!)).toBe("Fully agree: 1, I don't understand yet: 1, Block: 1");
    for (const name of ['Ana', 'Ben', 'Fran']) expect(decisions).not.toContain(name);
  });

  it('keeps each team’s definition before the agreement and the decision that closed it', () => {
    const glossary = section(root, 'Glossary');
    const heading = [...glossary.querySelectorAll('p')].find((p) => text(p) === 'Before the agreement:');
    expect(heading).toBeDefined();
    const history = heading!.parentElement!;
    expect([...history.querySelectorAll('li')].map(text)).toEqual(['East (Ana): A deal with budget confirmed.', 'West (Ben): A deal with a demo booked.']);
    expect(text(history.querySelector('ul + p')!)).toBe('Agreed on 2026-11-30 09:15 UTC — consensus: Fully agree: 3, Agree with reservations: 1.');
    // Under its own term: the history follows the Opportunity heading, not Lead's.
    const before = [...glossary.querySelectorAll('h3')].filter((h) => history.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_PRECEDING);
    expect(text(before.at(-1)!)).toMatch(/^Opportunity/);
  });

  it('lists as open disputes the blocked or unclear items and the open parking-lot items only', () => {
    const items = [...section(root, 'Open disputes').querySelectorAll('li')].map(text);
    expect(items).toEqual([
      "Step 2. Propose — last consensus check: Fully agree: 1, I don't understand yet: 1, Block: 1",
      'Parking lot: Who approves discounts? — open, raised on Step 2. Propose',
      'Parking lot: CRM migration — open',
    ]);
  });

  it('has the team vocabulary with every team present and the aliases without a team', () => {
    const table = section(root, 'Glossary').querySelector('table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Canonical term', 'East', 'West', 'Any team']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Lead', '—', '—', 'Prospect'],
      ['Opportunity', 'Deal', 'Opp', '—'],
    ]);
  });

  it('keeps only small blocks whole in print and forces no page break', () => {
    const html = root.innerHTML;
    expect(html).not.toMatch(/break-(before|after)|page-break/);
    // Step cards may be long: their heading and facts are kept together, not the whole card.
    const process = section(root, 'Process');
    for (const keep of process.querySelectorAll('.handbook-keep')) expect(keep.querySelectorAll('.handbook-keep')).toHaveLength(0);
    expect(process.querySelectorAll('h3').length).toBe(2);
    for (const h3 of process.querySelectorAll('h3')) expect(h3.parentElement!.classList.contains('handbook-keep')).toBe(true);
  });

  it('says there are no steps, rather than drawing an empty diagram', () => {
    const empty = render(new Y.Doc());
    expect(empty.querySelector('figure')).toBeNull();
    expect(text(section(empty, 'Process'))).toContain('No steps.');
    expect(text(section(empty, 'Decisions'))).toContain('No decisions recorded.');
  });
});
