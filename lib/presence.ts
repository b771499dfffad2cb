import { compareCodePoints, compareNamesStrict, compareTeams } from './compare';
import type { Role } from './protocol';
import { LIMITS } from './protocol';
import { clampText } from './doc/text-diff';

/**
 * Presence: what each client shares about itself through the awareness protocol. The server
 * overwrites `role` with the role of the connection, so a participant cannot pose as the
 * facilitator in the presence list.
 */
export type ParticipantId = string & { readonly __brand: 'ParticipantId' };

export type Identity = {
  /** Stable per browser, so that a reload or reconnect is the same person. */
  id: ParticipantId;
  name: string;
  /** Department, region or territory; empty when the person did not say. */
  team: string;
};

export type PresenceState = {
  user: Identity & { color: string };
  role?: Role;
  /** The step (or other board item) this person is editing, for "who is editing what". */
  editing?: string | null;
  /** Where this person's pointer is on the wall (wall coordinates), or null off the wall. */
  pointer?: { x: number; y: number } | null;
};

export type PresenceEntry = {
  clientId: number;
  id: ParticipantId;
  name: string;
  team: string;
  color: string;
  role: Role | null;
  editing: string | null;
  isSelf: boolean;
};

export type TeamGroup = { team: string; people: PresenceEntry[] };

/** A palette with enough contrast for white text and for a coloured ring on white. */
const PALETTE = [
  '#b91c1c', '#c2410c', '#a16207', '#15803d', '#0f766e', '#0369a1',
  '#1d4ed8', '#6d28d9', '#a21caf', '#be185d', '#4d7c0f', '#7c2d12',
] as const;

/** A colour derived from the participant id, so everyone sees the same colour for a person. */
export function colorFor(id: string): string {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? PALETTE[0];
}

export function cleanName(name: string): string {
  return clampText(name.replace(/\s+/g, ' ').trim(), LIMITS.displayNameMaxLength);
}

export function cleanTeam(team: string): string {
  return clampText(team.replace(/\s+/g, ' ').trim(), LIMITS.teamMaxLength);
}

export function presenceStateFor(identity: Identity): PresenceState {
  return { user: { ...identity, color: colorFor(identity.id) } };
}

function isPresenceState(value: unknown): value is PresenceState {
  if (typeof value !== 'object' || value === null) return false;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return false;
  const u = user as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string';
}

/**
 * The people present, from awareness states, one entry per participant id (a person with two
 * tabs shows once), sorted by name.
 */
export function listPresence(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
): PresenceEntry[] {
  const byId = new Map<string, PresenceEntry>();
  for (const [clientId, state] of states) {
    if (!isPresenceState(state)) continue;
    const { user } = state;
    const entry: PresenceEntry = {
      clientId,
      id: user.id,
      name: cleanName(user.name) || 'Anonymous',
      team: typeof user.team === 'string' ? cleanTeam(user.team) : '',
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : colorFor(user.id),
      role: state.role ?? null,
      editing: typeof state.editing === 'string' ? state.editing : null,
      isSelf: clientId === selfClientId,
    };
    const existing = byId.get(user.id);
    if (!existing || entry.isSelf) {
      byId.set(user.id, { ...entry, isSelf: entry.isSelf || !!existing?.isSelf, editing: entry.editing ?? existing?.editing ?? null });
    }
  }
  return [...byId.values()].sort((a, b) => compareNamesStrict(a.name, b.name) || compareCodePoints(a.id, b.id));
}

/** Groups people by team, teams A–Z with "No team" last. */
export function groupByTeam(people: readonly PresenceEntry[]): TeamGroup[] {
  const groups = new Map<string, PresenceEntry[]>();
  for (const person of people) {
    const list = groups.get(person.team) ?? [];
    list.push(person);
    groups.set(person.team, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareTeams(a, b))
    .map(([team, list]) => ({ team, people: list }));
}

/** Another person's pointer on the wall, in wall coordinates (so it is right at any zoom). */
export type WallPointer = { clientId: number; name: string; color: string; x: number; y: number };

/** How often a pointer is shared at most: about 16 times a second, under the server's presence budget. */
export const POINTER_INTERVAL_MS = 60;

/**
 * Others' pointers from awareness states: people (never the projector, which shares none)
 * whose pointer is on the wall, with a finite position. Malformed states are skipped.
 */
export function listPointers(states: ReadonlyMap<number, unknown>, selfClientId: number): WallPointer[] {
  const pointers: WallPointer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId || !isPresenceState(state) || state.role === 'projector') continue;
    const pointer = state.pointer;
    if (typeof pointer !== 'object' || pointer === null) continue;
    const { x, y } = pointer as { x: unknown; y: unknown };
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const { user } = state;
    pointers.push({
      clientId,
      name: cleanName(user.name) || 'Anonymous',
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : colorFor(user.id),
      x,
      y,
    });
  }
  return pointers;
}
