import Papa from 'papaparse';
import { LIMITS } from '../protocol';
import { termInputProblems } from '../doc/glossary';
import { TERM_STATUSES, type TermRecord, type TermStatus } from '../doc/schema';
import { CSV_WRITE_OPTIONS, unescapeFormulaCell } from '../export/csv-cells';
import { csvFile, statusLabel } from '../export/csv-file';
import { findCollisions, type NameOwner } from './normalize';

/**
 * Glossary CSV. Header (first row, any order, case-insensitive):
 *   name, definition, aliases, status
 * `aliases` lists aliases separated by ";", each optionally "team: word" (e.g.
 * "Team East: Deal; Pipeline entry"). `status` is proposed, discussing, agreed or parked
 * (empty means proposed). Fields may contain commas, quotes and newlines (RFC 4180 quoting).
 * A cell starting with `=`, `+`, `-`, `@`, tab or CR is written with a leading `'` (formula
 * injection, see lib/export/csv-cells.ts) and read back without it.
 */
export const GLOSSARY_CSV_COLUMNS = ['name', 'definition', 'aliases', 'status'] as const;

export type CsvAlias = { text: string; team: string };
export type CsvTermRow = {
  /** 1-based line number of the row in the file (header is row 1). */
  row: number;
  name: string;
  definition: string;
  aliases: CsvAlias[];
  status: TermStatus;
  errors: string[];
};

export type CsvParseResult = { ok: true; rows: CsvTermRow[] } | { ok: false; error: string };

export function parseAliases(field: string): CsvAlias[] {
  return field
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return colon > 0
        ? { team: part.slice(0, colon).trim(), text: part.slice(colon + 1).trim() }
        : { team: '', text: part };
    })
    .filter((alias) => alias.text !== '');
}

export function formatAliases(aliases: readonly CsvAlias[]): string {
  return aliases.map((a) => (a.team ? `${a.team}: ${a.text}` : a.text)).join('; ');
}

/**
 * Every reason a row would not be imported as written: what `addTerm` refuses (no name, too
 * many aliases), and what it would cut (a name, alias or team over its limit), since an
 * import that silently shortens words is not what the file says. A row with errors is shown
 * in the preview and never written.
 */
function rowProblems(row: Pick<CsvTermRow, 'name' | 'aliases'>): string[] {
  const errors = termInputProblems(row).map((p) => (p.field === 'name' ? 'The name is missing.' : p.message));
  if (row.name.length > LIMITS.termNameMaxLength) errors.push(`The name is longer than ${LIMITS.termNameMaxLength} characters.`);
  for (const alias of row.aliases) {
    if (alias.text.length > LIMITS.aliasMaxLength) errors.push(`The alias "${alias.text.slice(0, 20)}…" is longer than ${LIMITS.aliasMaxLength} characters.`);
    if (alias.team.length > LIMITS.teamMaxLength) errors.push(`The team "${alias.team.slice(0, 20)}…" is longer than ${LIMITS.teamMaxLength} characters.`);
  }
  return errors;
}

export type CsvReadResult = { ok: true; header: string[]; body: string[][] } | { ok: false; error: string };

/**
 * Reads a CSV file we or a spreadsheet wrote: an optional byte-order mark, RFC 4180 quoting,
 * blank lines skipped, cells we wrote with a formula-escaping quote (csv-cells.ts) back as they
 * were typed. Refuses the file as a whole when it is too big, empty or has unbalanced quotes.
 */
export function readCsv(text: string): CsvReadResult {
  if (text.length > LIMITS.csvMaxBytes) return { ok: false, error: `The file is larger than ${LIMITS.csvMaxBytes / 1024} KiB.` };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter');
  if (fatal && parsed.data.length > 1) return { ok: false, error: `The file is not valid CSV (row ${fatal.row !== undefined ? fatal.row + 1 : '?'}: ${fatal.message}).` };
  if (parsed.errors.some((e) => e.type === 'Quotes')) return { ok: false, error: 'The file is not valid CSV (unbalanced quotes).' };
  const [header, ...body] = parsed.data.map((row) => row.map(unescapeFormulaCell));
  if (!header) return { ok: false, error: 'The file is empty.' };
  return { ok: true, header, body };
}

/**
 * Parses a glossary CSV. A file that is not a glossary CSV (no `name` column, unbalanced
 * quotes, too big) is refused as a whole; otherwise each row carries its own errors.
 */
export function parseGlossaryCsv(text: string): CsvParseResult {
  const read = readCsv(text);
  if (!read.ok) return read;
  const { header, body } = read;
  const columns = header.map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(GLOSSARY_CSV_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<(typeof GLOSSARY_CSV_COLUMNS)[number], number>;
  if (index.name < 0) {
    return { ok: false, error: `The first row must be a header with a "name" column (expected: ${GLOSSARY_CSV_COLUMNS.join(', ')}).` };
  }
  if (body.length > LIMITS.csvMaxRows) return { ok: false, error: `The file has more than ${LIMITS.csvMaxRows} rows.` };
  const cell = (row: string[], column: keyof typeof index) => (index[column] >= 0 ? (row[index[column]] ?? '') : '');
  const seen = new Map<string, number>();
  const rows = body.map((raw, i): CsvTermRow => {
    const name = cell(raw, 'name').trim();
    const statusText = cell(raw, 'status').trim().toLowerCase();
    const status = (TERM_STATUSES as readonly string[]).includes(statusText) ? (statusText as TermStatus) : 'proposed';
    const row = { row: i + 2, name, definition: cell(raw, 'definition').trim(), aliases: parseAliases(cell(raw, 'aliases')), status };
    const errors = rowProblems(row);
    if (statusText && status !== statusText) errors.push(`Unknown status "${statusText}" (use ${TERM_STATUSES.join(', ')}).`);
    return { ...row, errors };
  });
  for (const row of rows) {
    if (!row.name) continue;
    const key = row.name.toLowerCase().replace(/\s+/g, ' ');
    const first = seen.get(key);
    if (first !== undefined) row.errors.push(`Same name as row ${first}.`);
    else seen.set(key, row.row);
  }
  return { ok: true, rows };
}

/** The glossary as CSV, in the format `parseGlossaryCsv` reads. */
export type CsvTerm = Pick<TermRecord, 'name' | 'definition' | 'status'> & { aliases: readonly CsvAlias[] };

export function serializeGlossaryCsv(terms: readonly CsvTerm[]): string {
  // A byte-order mark and a final line break (csv-file.ts); statuses as read ("Agreed").
  return csvFile(Papa.unparse(
    {
      fields: [...GLOSSARY_CSV_COLUMNS],
      data: terms.map((t) => [t.name, t.definition, formatAliases(t.aliases), statusLabel(t.status)]),
    },
    CSV_WRITE_OPTIONS,
  ));
}

/** Adds an error to each row whose name collides with a term or alias already in the glossary. */
export function withGlossaryCollisions(rows: readonly CsvTermRow[], owners: readonly NameOwner[]): CsvTermRow[] {
  return rows.map((row) => {
    const clash = row.name ? findCollisions(row.name, owners)[0] : undefined;
    if (!clash) return row;
    const what = clash.via === 'name' ? `the term "${clash.termName}"` : `the alias "${clash.text}" of "${clash.termName}"`;
    return { ...row, errors: [...row.errors, `Already in the glossary as ${what}.`] };
  });
}
