import type { Role } from './protocol';
import type { KeyValueStorage } from './identity';

/**
 * The workshops this browser created or joined, with the links it holds, so the creator can
 * come back to the facilitator link. Stored locally only; the server never sees this list.
 */
export type RememberedWorkshop = {
  id: string;
  title: string;
  /** The links this browser was given, by role (the creator gets all three). */
  links: Partial<Record<Role, string>>;
  lastVisit: number;
};

export const REMEMBERED_KEY = 'cg:workshops';
const MAX_REMEMBERED = 100;

export function listRemembered(storage: KeyValueStorage): RememberedWorkshop[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(REMEMBERED_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (w): w is RememberedWorkshop =>
          typeof w === 'object' && w !== null && typeof w.id === 'string' && typeof w.links === 'object',
      )
      .sort((a, b) => b.lastVisit - a.lastVisit);
  } catch {
    return [];
  }
}

export function rememberWorkshop(
  storage: KeyValueStorage,
  entry: { id: string; title?: string; links: Partial<Record<Role, string>> },
  now = Date.now(),
): RememberedWorkshop[] {
  const all = listRemembered(storage);
  const previous = all.find((w) => w.id === entry.id);
  const merged: RememberedWorkshop = {
    id: entry.id,
    title: entry.title ?? previous?.title ?? '',
    links: { ...previous?.links, ...entry.links },
    lastVisit: now,
  };
  const next = [merged, ...all.filter((w) => w.id !== entry.id)].slice(0, MAX_REMEMBERED);
  storage.setItem(REMEMBERED_KEY, JSON.stringify(next));
  return next;
}

export function forgetWorkshop(storage: KeyValueStorage, id: string): RememberedWorkshop[] {
  const next = listRemembered(storage).filter((w) => w.id !== id);
  storage.setItem(REMEMBERED_KEY, JSON.stringify(next));
  return next;
}
