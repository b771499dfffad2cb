import { useEffect, useState } from 'react';
import { secretFromFragment } from '@/lib/links';
import type { Role } from '@/lib/protocol';
import { isSecretShape, isWorkshopId } from '@/lib/protocol';

export type LinkCheck =
  | { status: 'checking' }
  | { status: 'invalid' }
  | { status: 'not-found' }
  | { status: 'error'; retry: () => void }
  | { status: 'valid'; secret: string };

/**
 * Reads the secret from the URL fragment and asks the server whether it opens this role.
 * (A browser cannot see why a websocket upgrade was refused, so the page asks first.)
 */
export function useLinkCheck(workshopId: string, role: Role): LinkCheck {
  const [state, setState] = useState<LinkCheck>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [hash, setHash] = useState<string | null>(null);

  useEffect(() => {
    const read = () => setHash(window.location.hash);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  useEffect(() => {
    if (hash === null) return;
    const secret = secretFromFragment(hash);
    if (!isWorkshopId(workshopId)) return setState({ status: 'not-found' });
    if (!isSecretShape(secret)) return setState({ status: 'invalid' });
    const controller = new AbortController();
    setState({ status: 'checking' });
    fetch(`/api/workshops/${workshopId}/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, key: secret }),
      signal: controller.signal,
    })
      .then((res) => {
        if (res.ok) setState({ status: 'valid', secret });
        else if (res.status === 404) setState({ status: 'not-found' });
        else if (res.status === 401 || res.status === 403) setState({ status: 'invalid' });
        else setState({ status: 'error', retry: () => setAttempt((n) => n + 1) });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: 'error', retry: () => setAttempt((n) => n + 1) });
      });
    return () => controller.abort();
  }, [hash, workshopId, role, attempt]);

  return state;
}
