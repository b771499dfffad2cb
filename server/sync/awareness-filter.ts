import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Role } from '../../lib/protocol';

export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

/** Limits on what one awareness message from a client may carry. */
export const AWARENESS_LIMITS = {
  /**
   * Entries in one message. The stock y-websocket client echoes every state it learns from the
   * server back to it, so a message may list everyone in the room; only the sender's own
   * entries are kept (see the connection), and at most `maxOwnEntries` of those.
   */
  maxEntries: 5000,
  /**
   * Presence ids one connection may own, over its whole life: an honest client has one state
   * of its own per document; a few more leave room for a client that restarts its session.
   */
  maxOwnEntries: 4,
  /** Bytes of JSON per state: a name, a team, a colour and a cursor fit many times over. */
  maxStateBytes: 4096,
} as const;

export class AwarenessRejected extends Error {}

/** Decodes an awareness update; throws on malformed input or when a limit is crossed. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > AWARENESS_LIMITS.maxEntries) throw new AwarenessRejected(`too many presence entries (${count})`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > AWARENESS_LIMITS.maxStateBytes) throw new AwarenessRejected('presence state too large');
    const state: unknown = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new AwarenessRejected('presence state must be an object or null');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The role others see for a person is the role of that person's connection, stamped by the
 * server; whatever the client claimed is overwritten.
 */
export function stampRole(entry: AwarenessEntry, role: Role): AwarenessEntry {
  return entry.state === null ? entry : { ...entry, state: { ...entry.state, role } };
}
