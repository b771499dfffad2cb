/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return may be run as a formula when the file is opened in a
 * spreadsheet. Such a cell is written with a leading single quote (and quoted), which
 * spreadsheets show as text. Papa's own `escapeFormulae: true` misses cells with a line break
 * (its pattern is `^[=+\-@\t\r].*$` without the `s` flag), hence our pattern.
 *
 * To round-trip, a cell that already starts with quotes before such a character gets one more
 * quote too, and the reader (`unescapeFormulaCell`) takes exactly one off: `=1` → `'=1` → `=1`,
 * `'=1` → `''=1` → `'=1`. Any other cell is written and read as is.
 */
export const FORMULA_CELL = /^'*[=+\-@\t\r]/;

/** Options for `Papa.unparse` of every CSV we write. */
export const CSV_WRITE_OPTIONS = { newline: '\r\n', escapeFormulae: FORMULA_CELL } as const;

/** A cell as written before `escapeFormulae` added its quote. */
export function unescapeFormulaCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_CELL.test(cell.slice(1)) ? cell.slice(1) : cell;
}
