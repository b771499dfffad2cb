import { CloseCode } from '../../lib/protocol';

/** A message we refuse: the socket that sent it is closed with `code`, nobody else is affected. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.BadMessage,
  ) {
    super(message);
  }
}

/** Close reasons may hold at most 123 bytes of UTF-8 (RFC 6455); longer ones are cut, never split mid-character. */
export const MAX_CLOSE_REASON_BYTES = 123;

export function truncateCloseReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  let end = MAX_CLOSE_REASON_BYTES;
  // Back up to the start of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
