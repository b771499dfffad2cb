/** Random ids for board records: 14 base-36 characters (~72 bits), unique without coordination. */
export function newRecordId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14);
}
