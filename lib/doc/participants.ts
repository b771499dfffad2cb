import { compareNamesStrict } from '../compare';
import type * as Y from 'yjs';
import type { Identity } from '../presence';
import { cleanName, cleanTeam } from '../presence';
import { BoardRoot } from './schema';
import { subscribeRoots } from './subscribe';

/**
 * Who took part: each participant writes their own entry (name and team) when they join, so
 * the handbook can list participants by team after everyone has left (presence is not stored).
 */
export function recordParticipant(doc: Y.Doc, identity: Identity): void {
  const map = doc.getMap<string>(BoardRoot.participants);
  const value = JSON.stringify({ name: cleanName(identity.name), team: cleanTeam(identity.team) });
  if (map.get(identity.id) !== value) doc.transact(() => map.set(identity.id, value));
}

export function listParticipants(doc: Y.Doc): Array<{ id: string; name: string; team: string }> {
  const out: Array<{ id: string; name: string; team: string }> = [];
  for (const [id, value] of doc.getMap<string>(BoardRoot.participants).entries()) {
    try {
      const parsed = JSON.parse(value) as { name?: unknown; team?: unknown };
      if (typeof parsed.name === 'string' && parsed.name) out.push({ id, name: cleanName(parsed.name), team: typeof parsed.team === 'string' ? cleanTeam(parsed.team) : '' });
    } catch {
      // ignore malformed entries
    }
  }
  return out.sort((a, b) => compareNamesStrict(a.team, b.team) || compareNamesStrict(a.name, b.name));
}

/** Calls `onChange` after a participant joins or changes their name or team; returns the unsubscribe. */
export function subscribeParticipants(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.participants] }, onChange);
}
