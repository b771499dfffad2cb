/**
 * What every CSV we write shares: a UTF-8 byte-order mark (without it Excel on Windows reads
 * the file as ANSI and garbles "→ – ’"), CRLF rows and a final line break.
 */
export const UTF8_BOM = '\uFEFF';

export function csvFile(rows: string): string {
  return `${UTF8_BOM}${rows.replace(/^\uFEFF/, '')}${rows.endsWith('\r\n') ? '' : '\r\n'}`;
}

/** "agreed" → "Agreed": statuses as people read them (our CSV import reads either). */
export function statusLabel(status: string): string {
  return status ? status[0]!.toUpperCase() + status.slice(1) : status;
}
