import type { Role } from './protocol';
import { isSecretShape, isWorkshopId } from './protocol';

/**
 * Capability links. The secret travels in the URL fragment (`#k=…`), which browsers never
 * send to a server or in a Referer header; the path only names the workshop and the role.
 */
const ROLE_SUFFIX: Record<Role, string> = {
  participant: '',
  facilitator: '/facilitate',
  projector: '/projector',
};

export function workshopPath(workshopId: string, role: Role): string {
  return `/w/${workshopId}${ROLE_SUFFIX[role]}`;
}

export function buildLink(origin: string, workshopId: string, role: Role, secret: string): string {
  return `${origin.replace(/\/$/, '')}${workshopPath(workshopId, role)}#k=${secret}`;
}

/** The secret from a fragment such as `#k=abc`; null when missing. Shape is checked by the caller. */
export function secretFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const secret = params.get('k');
  return secret && secret.length > 0 ? secret : null;
}

export type ParsedLink = { origin: string; workshopId: string; role: Role; secret: string };

/** Reads a full link (as a script would be given it); null when it is not one of ours. */
export function parseLink(link: string): ParsedLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const match = /^\/w\/([^/]+)(\/facilitate|\/projector)?\/?$/.exec(url.pathname);
  if (!match) return null;
  const workshopId = match[1];
  const role: Role =
    match[2] === '/facilitate' ? 'facilitator' : match[2] === '/projector' ? 'projector' : 'participant';
  const secret = secretFromFragment(url.hash);
  if (!isWorkshopId(workshopId) || !isSecretShape(secret)) return null;
  return { origin: url.origin, workshopId, role, secret };
}

/** The websocket server URL for a page origin: `https://x` → `wss://x/sync`. */
export function syncUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws').replace(/\/$/, '')}/sync`;
}
