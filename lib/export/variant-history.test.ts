import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import mammoth from 'mammoth';
import { addTerm, setTermStatus } from '../doc/glossary';
import { addMetric } from '../doc/metrics';
import { recordDecision } from '../doc/sessions';
import { itemKey } from '../doc/schema';
import { addVariant, agreeFromClauses, setVariantPart } from '../doc/variants';
import { handbookToDocx } from './docx';
import { buildHandbook, handbookToMarkdown } from './handbook';

const DATE = new Date('2026-12-01T12:00:00Z');

function workshop() {
  const board = new Y.Doc();
  const facilitation = new Y.Doc();
  const termId = addTerm(board, { name: 'Qualified lead' });
  const term = { kind: 'term' as const, id: termId };
  addVariant(board, term, 'Sales East', { id: 'a1', name: 'Ana' }, 'Budget and authority confirmed.');
  addVariant(board, term, 'Sales West', { id: 'c3', name: 'Cy' }, 'A demo is booked.');
  addVariant(board, term, 'Sales East', { id: 'b2', name: 'Ben' });
  return { board, facilitation, term, termId };
}

describe('the handbook keeps every competing definition and how the room converged', () => {
  it('while not agreed: the variants, marked as competing', () => {
    const { board, facilitation } = workshop();
    const md = handbookToMarkdown(buildHandbook(board, facilitation, DATE));
    expect(md).toContain('**Competing definitions (not agreed yet):**');
    expect(md).toContain('- **Sales East** (Ana, Ben): Budget and authority confirmed.');
    expect(md).toContain('- **Sales West** (Cy): A demo is booked.');
  });

  it('once agreed: "before the agreement", whose wording it was built from, when and with what consensus', () => {
    const { board, facilitation, term, termId } = workshop();
    agreeFromClauses(board, term, [{ team: 'Sales West', index: 0 }, { team: 'Sales East', index: 0 }]);
    setTermStatus(board, termId, 'agreed');
    recordDecision(facilitation, itemKey(term), Date.parse('2026-12-01T10:30:00Z'), { full: 3, reservations: 1 });
    const md = handbookToMarkdown(buildHandbook(board, facilitation, DATE));
    const section = md.slice(md.indexOf('### Qualified lead'), md.indexOf('## Metrics'));
    expect(section).toContain('A demo is booked. Budget and authority confirmed.');
    expect(section).toContain('**Before the agreement:**');
    expect(section).toContain('- **Sales West** (Cy): A demo is booked.');
    expect(section).toContain('Agreed wording built from the definitions of Sales West and Sales East. Agreed on 2026-12-01 10:30 UTC — consensus: Fully agree: 3, Agree with reservations: 1.');
  });

  it('the Word handbook has the agreed history: "before the agreement", each team, the outcome, the decision by team', async () => {
    const { board, facilitation, term, termId } = workshop();
    agreeFromClauses(board, term, [{ team: 'Sales West', index: 0 }, { team: 'Sales East', index: 0 }]);
    setTermStatus(board, termId, 'agreed');
    recordDecision(facilitation, itemKey(term), Date.parse('2026-12-01T10:30:00Z'), { full: 3, reservations: 1 }, undefined, { 'Sales East': { full: 2 }, 'Sales West': { full: 1, reservations: 1 } });
    const word = (await mammoth.extractRawText({ buffer: Buffer.from(await handbookToDocx(buildHandbook(board, facilitation, DATE))) })).value;
    expect(word).toContain('Before the agreement:');
    expect(word).toContain('Sales West (Cy): A demo is booked.');
    expect(word).toContain('Agreed wording built from the definitions of Sales West and Sales East. Agreed on 2026-12-01 10:30 UTC — consensus: Fully agree: 3, Agree with reservations: 1.');
    expect(word).toContain('Term Qualified lead agreed — consensus: Fully agree: 3, Agree with reservations: 1 (by team: Sales East — Fully agree: 2; Sales West — Fully agree: 1, Agree with reservations: 1)');
    const decisions = word.lastIndexOf('Decisions');
    expect(decisions).toBeGreaterThan(word.indexOf('Before the agreement:'));
    for (const name of ['Ana', 'Ben', 'Cy']) expect(word.slice(decisions)).not.toContain(name);
  });

  it('metric variants show their formula; the Word handbook has the history too', async () => {
    const { board, facilitation } = workshop();
    const metric = { kind: 'metric' as const, id: addMetric(board, { name: 'Win rate' }) };
    addVariant(board, metric, 'Finance', { id: 'e5', name: 'Eve' }, 'Won deals over all closed deals.');
    setVariantPart(board, metric, 'Finance', 'numerator', 'Deals won', { id: 'e5', name: 'Eve' });
    setVariantPart(board, metric, 'Finance', 'denominator', 'Deals closed', { id: 'e5', name: 'Eve' });
    setVariantPart(board, metric, 'Finance', 'unit', '%', { id: 'e5', name: 'Eve' });
    const h = buildHandbook(board, facilitation, DATE);
    expect(handbookToMarkdown(h)).toContain('- **Finance** (Eve): Won deals over all closed deals. — Deals won ÷ Deals closed, unit %');
    const word = await mammoth.extractRawText({ buffer: Buffer.from(await handbookToDocx(h)) });
    expect(word.value).toContain('Sales East (Ana, Ben): Budget and authority confirmed.');
    expect(word.value).toContain('Win rate — Competing definitions (not agreed yet):');
  });

  it('a term without variants has no history section', () => {
    const board = new Y.Doc();
    addTerm(board, { name: 'Churn' });
    const h = buildHandbook(board, new Y.Doc(), DATE);
    expect(h.terms[0]!.history).toBeNull();
    expect(handbookToMarkdown(h)).not.toContain('Competing definitions');
  });
});
