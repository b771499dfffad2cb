import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMetric, setMetricText } from '../doc/metrics';
import { parseGlossaryCsv, serializeGlossaryCsv, type CsvTerm } from '../glossary/csv';
import { unescapeFormulaCell } from './csv-cells';
import { buildHandbook, metricsToCsv } from './handbook';

const DANGEROUS = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '=1\n=2'];

/** The raw cells of a CSV text, as a spreadsheet reads them (quotes removed, nothing else). */
const cells = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('CSV formula injection (OWASP)', () => {
  it('glossary.csv writes every cell starting with =, +, -, @, tab or CR with a leading quote, inside quotes', () => {
    const terms: CsvTerm[] = DANGEROUS.map((text, i) => ({ name: `${text} name${i}`, definition: text, status: 'proposed', aliases: [{ text, team: '' }] }));
    const csv = serializeGlossaryCsv(terms);
    const rows = cells(csv).slice(1);
    expect(rows).toHaveLength(DANGEROUS.length);
    for (const [name, definition, aliases] of rows) {
      for (const cell of [name!, definition!, aliases!]) expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
    }
    // Quoted in the file too: the quote is inside the CSV quotes, never a bare prefix.
    for (const text of ['=HYPERLINK', '+1+1', '-2+3', '@SUM']) expect(csv).toContain(`"'${text}`);
    // Not a single raw cell starts a line or follows a comma with a formula character.
    expect(csv).not.toMatch(/(^|,|\r\n)[=+\-@]/);
  });

  it('the glossary import reads its own export back as typed (one added quote is taken off, and only that)', () => {
    const names = ['=1+1', '+49 30 1234', '-minus', '@handle', "'=already quoted", "''=twice", "it's fine", "'plain quote"];
    const terms: CsvTerm[] = names.map((name, i) => ({ name, definition: `=definition ${i}`, status: 'agreed', aliases: [{ text: `@alias${i}`, team: i % 2 ? '=Team' : '' }] }));
    const parsed = parseGlossaryCsv(serializeGlossaryCsv(terms));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.rows.map((r) => r.name)).toEqual(names);
    expect(parsed.rows.map((r) => r.definition)).toEqual(names.map((_, i) => `=definition ${i}`));
    expect(parsed.rows.map((r) => r.aliases)).toEqual(names.map((_, i) => (i % 2 ? [{ team: '=Team', text: `@alias${i}` }] : [{ team: '', text: `@alias${i}` }])));
    expect(parsed.rows.every((r) => r.errors.length === 0)).toBe(true);
  });

  it('a quote typed by a person before other text is kept on import', () => {
    expect(unescapeFormulaCell("'=1")).toBe('=1');
    expect(unescapeFormulaCell("''=1")).toBe("'=1");
    expect(unescapeFormulaCell("'hello")).toBe("'hello");
    expect(unescapeFormulaCell("'")).toBe("'");
    expect(unescapeFormulaCell('=1')).toBe('=1');
  });

  it('metrics.csv escapes the same way', () => {
    const board = new Y.Doc();
    const id = addMetric(board, { name: '=cmd|calc' });
    setMetricText(board, id, 'numerator', '+1');
    setMetricText(board, id, 'target', '-5%');
    setMetricText(board, id, 'owner', '@ops');
    setMetricText(board, id, 'unit', '\t%');
    const csv = metricsToCsv(buildHandbook(board, new Y.Doc(), new Date('2024-01-01')).metrics);
    const [header, row] = cells(csv);
    const at = (column: string) => row![header!.indexOf(column)]!;
    expect(at('name')).toBe("'=cmd|calc");
    expect(at('numerator')).toBe("'+1");
    expect(at('target')).toBe("'-5%");
    expect(at('owner')).toBe("'@ops");
    expect(at('unit')).toBe("'\t%");
    expect(csv).not.toMatch(/(^|,|\r\n)[=+\-@]/);
  });
});
