import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What instances tell each other on a room's Redis channel. Binary, one message per event, each
 * naming its sender so that an instance ignores its own. Anything that does not decode is
 * dropped by the receiver alone (one bad message never stops the fan-out of a process, as a
 * bad stream id did in y/hub issue 61).
 */
export type RoomMessage =
  | { kind: 'update'; instance: string; seq: number; update: Uint8Array }
  | { kind: 'presence'; instance: string; update: Uint8Array }
  | { kind: 'presence-query'; instance: string };

const KINDS = ['update', 'presence', 'presence-query'] as const;

export function encodeRoomMessage(message: RoomMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.instance);
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, message.seq);
    encoding.writeVarUint8Array(encoder, message.update);
  } else if (message.kind === 'presence') {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Null for anything malformed. */
export function decodeRoomMessage(data: Uint8Array): RoomMessage | null {
  try {
    const decoder = decoding.createDecoder(data);
    const kind = KINDS[decoding.readVarUint(decoder)];
    const instance = decoding.readVarString(decoder);
    switch (kind) {
      case 'update': {
        const seq = decoding.readVarUint(decoder);
        return { kind, instance, seq, update: decoding.readVarUint8Array(decoder) };
      }
      case 'presence':
        return { kind, instance, update: decoding.readVarUint8Array(decoder) };
      case 'presence-query':
        return { kind, instance };
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/** Link rotation and other workshop-wide events, on one channel for the whole cluster. */
export type ControlMessage = { kind: 'close-links'; instance: string; workshopId: string; hashes: string[] };

export function decodeControlMessage(text: string): ControlMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const m = value as Record<string, unknown>;
    if (m.kind !== 'close-links' || typeof m.instance !== 'string' || typeof m.workshopId !== 'string') return null;
    if (!Array.isArray(m.hashes) || !m.hashes.every((h) => typeof h === 'string')) return null;
    return { kind: 'close-links', instance: m.instance, workshopId: m.workshopId, hashes: m.hashes as string[] };
  } catch {
    return null;
  }
}

export const roomChannel = (name: string) => `cg:room:${name}`;
export const CONTROL_CHANNEL = 'cg:control';
export const heartbeatKey = (instance: string) => `cg:alive:${instance}`;
export const budgetKey = (workshopId: string, window: number) => `cg:budget:${workshopId}:${window}`;
