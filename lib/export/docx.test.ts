import mammoth from 'mammoth';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { handbookToDocx } from './docx';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';

const DATE = new Date('2026-11-26T10:00:00Z');

describe('handbook.docx', () => {
  it('mammoth reads it back: every step title and term, as headings; the step and metric tables', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const h = buildHandbook(board, facilitation, DATE);
    const bytes = await handbookToDocx(h);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK'); // a zip, as .docx is
    const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    for (const s of h.steps) expect(html).toContain(`<h2>${s.index + 1}. ${s.title}</h2>`);
    for (const t of h.terms) expect(html).toContain(`<h2>${t.name}</h2>`);
    for (const section of ['Participants', 'Process', 'Glossary', 'Metrics', 'Decisions', 'Open disputes']) expect(html).toContain(`<h1>${section}</h1>`);
    expect(html).toContain('<td><p>Entry criteria</p></td><td><p>Lead has a named contact</p></td>');
    expect(html).toContain('<td><p>Opportunities reaching Propose ÷ Opportunities in Qualify</p></td>');
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(text).toContain('Consensus check on Step 2. Propose (3 answers): Fully agree: 1, I don\'t understand yet: 1, Block: 1');
    expect(text).toContain('Call the lead within 24 hours.');
    expect(text).not.toContain('javascript:');
  });

  it('writes an empty workshop and text Word must escape', async () => {
    const doc = new Y.Doc();
    const bytes = await handbookToDocx(buildHandbook(doc, new Y.Doc(), DATE));
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Untitled workshop');
    expect(value).toContain('No steps.');
  });
});
