/**
 * Short join codes: what the projector shows next to its QR code and people type at `/join`.
 * Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^8 ≈ 8.5·10^11
 * codes (~39.6 bits). Shown as two groups of four ("K7QM-3XTR"); typed in any case, with or
 * without the dash or spaces. The code leads to the participant link through the server
 * (`POST /api/join`), which rate-limits wrong guesses per address: see docs/security.md.
 * Pure functions, shared by the browser and the server.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

const CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Whether `value` is a code in canonical form (upper case, no separators). */
export function isJoinCode(value: unknown): value is string {
  return typeof value === 'string' && CODE_PATTERN.test(value);
}

/**
 * What someone typed, in canonical form; null when it cannot be a code (wrong length or a
 * character outside the alphabet). Spaces, dashes and dots between groups are ignored.
 */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s\-.]/g, '').toUpperCase();
  return isJoinCode(code) ? code : null;
}

/** "K7QM3XTR" → "K7QM-3XTR", as shown on the projector. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code from bytes (at least JOIN_CODE_LENGTH of them), by rejection-free modulo over 2^16: bias < 0.05 %. */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH * 2) throw new Error(`need ${JOIN_CODE_LENGTH * 2} bytes`);
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    const n = (bytes[2 * i]! << 8) | bytes[2 * i + 1]!;
    code += JOIN_CODE_ALPHABET[n % JOIN_CODE_ALPHABET.length];
  }
  return code;
}
