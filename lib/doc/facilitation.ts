import * as Y from 'yjs';
import { subscribeRoots } from './subscribe';
import { FacilitationRoot } from './schema';

/**
 * The facilitation document as a whole: its session-state map, its seed and one subscription.
 * The accessors are split by concern: `agenda.ts` (agenda and current item), `timer.ts`,
 * `sessions.ts` (focus, join panel, vote and consensus sessions, decisions) and `locks.ts`.
 * Only facilitator connections can change this document (the server drops everyone else's
 * updates); the accessors do not check roles themselves.
 */

/** The `facilitation` root map: one key per piece of session state (see schema.ts). */
export function facilitationState(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(FacilitationRoot.facilitation);
}

/** The facilitation document's initial content (seeded by the server at creation). */
export function seedFacilitation(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    facilitationState(doc).set('showJoin', true);
    facilitationState(doc).set('focus', 'process');
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Calls `onChange` after any change to the session state, the agenda or the locks. */
export function subscribeFacilitation(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [FacilitationRoot.facilitation, FacilitationRoot.agenda, FacilitationRoot.locks] }, onChange);
}
