import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { seedFacilitation } from '../../lib/doc/facilitation';
import { seedBoard } from '../../lib/doc/workshop';
import { deriveParticipantSecret } from '../../lib/join-secret';
import { MessageType, ROLES, roomName, type Role } from '../../lib/protocol';
import { hashSecret, newSecret, newWorkshopId } from '../auth';
import type { Store } from '../store/types';
import type { CreatedWorkshop } from './harness';

/** Helpers for the attack tests of the sync server (issue 20). */

/** Creates a workshop straight in the store (no HTTP, so no creation limits), as the API would. */
export async function seedWorkshop(store: Store, title = 'Seeded workshop'): Promise<CreatedWorkshop> {
  const id = newWorkshopId();
  const projector = newSecret();
  const secrets: Record<Role, string> = { projector, participant: deriveParticipantSecret(projector), facilitator: newSecret() };
  await store.createWorkshop(
    { id, createdAt: Date.now(), template: 'blank', secretHashes: Object.fromEntries(ROLES.map((r) => [r, hashSecret(secrets[r])])) as Record<Role, string> },
    [
      { docName: roomName(id, 'board'), update: seedBoard(title) },
      { docName: roomName(id, 'facilitation'), update: seedFacilitation() },
    ],
  );
  return { id, secrets, links: { projector: '', participant: '', facilitator: '' } };
}

export function syncStep1Frame(stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array, syncType: number = syncProtocol.messageYjsUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The payload of a sync message of the given sync type, or null for any other frame. */
export function syncPayload(frame: Uint8Array, syncType: number): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Sync) return null;
  if (decoding.readVarUint(decoder) !== syncType) return null;
  return decoding.readVarUint8Array(decoder);
}

/** An update of one change made after `prepare`: it depends on `prepare`'s structs. */
export function updateAfter(prepare: (doc: Y.Doc) => void, change: (doc: Y.Doc) => void, clientID = 424242): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  prepare(doc);
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Updates that Yjs would keep pending on a server that never saw the first change. */
export const PENDING_UPDATES: Record<string, Uint8Array> = {
  'an item after a clock that never existed': updateAfter(
    (d) => d.getMap('flags').set('step:a#x', 'East'),
    (d) => d.getMap('flags').set('step:b#x', 'West'),
  ),
  'an insertion next to unknown text': updateAfter(
    (d) => d.getText('title').insert(0, 'unknown'),
    (d) => d.getText('title').insert(3, 'X'),
  ),
};

/** A deletion of content the server does not have (a pending delete set). */
export function pendingDeletion(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 515151;
  doc.getText('title').insert(0, 'ghost');
  const sv = Y.encodeStateVector(doc);
  doc.getText('title').delete(0, 5);
  return Y.encodeStateAsUpdate(doc, sv);
}
