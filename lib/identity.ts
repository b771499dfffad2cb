import type { Identity, ParticipantId } from './presence';
import { cleanName, cleanTeam } from './presence';

/**
 * The participant's identity is remembered per browser. Storage is passed in (localStorage in
 * the browser) so that this stays free of the DOM and testable.
 */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const IDENTITY_KEY = 'cg:identity';

export function newParticipantId(random: () => string = randomId): ParticipantId {
  return random() as ParticipantId;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored identity, or null if this browser has not joined yet (or the entry is corrupt). */
export function loadIdentity(storage: KeyValueStorage): Identity | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(IDENTITY_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { id, name, team } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[0-9a-f]{8,64}$/.test(id)) return null;
  if (typeof name !== 'string' || cleanName(name) === '') return null;
  return { id: id as ParticipantId, name: cleanName(name), team: typeof team === 'string' ? cleanTeam(team) : '' };
}

/** Saves name and team, keeping the participant id stable (a new one only for a new browser). */
export function saveIdentity(
  storage: KeyValueStorage,
  input: { name: string; team: string },
): Identity {
  const existing = loadIdentity(storage);
  const identity: Identity = {
    id: existing?.id ?? newParticipantId(),
    name: cleanName(input.name),
    team: cleanTeam(input.team),
  };
  if (identity.name === '') throw new Error('A display name is required.');
  storage.setItem(IDENTITY_KEY, JSON.stringify(identity));
  return identity;
}

/**
 * The opaque token that marks this browser's "I don't understand" flags in one workshop.
 * Random and never shown with a name, so a flag says nothing about who raised it; stable per
 * browser, so leaving and rejoining does not count a flag twice.
 */
export function flagToken(storage: KeyValueStorage, workshopId: string): string {
  const key = `cg:flag:${workshopId}`;
  const existing = storage.getItem(key);
  if (existing && /^[0-9a-f]{16,64}$/.test(existing)) return existing;
  const token = newParticipantId();
  storage.setItem(key, token);
  return token;
}
