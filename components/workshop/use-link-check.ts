import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '@/lib/api-client';
import { secretFromFragment } from '@/lib/links';
import type { Role } from '@/lib/protocol';
import { isSecretShape, isWorkshopId } from '@/lib/protocol';

export type LinkCheck =
  | { status: 'checking' }
  | { status: 'invalid' }
  | { status: 'not-found' }
  | { status: 'error'; retry: () => void }
  | { status: 'valid'; secret: string };

/** Subscribes to changes of the URL fragment (where link secrets live). */
export function subscribeHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * Reads the secret from the URL fragment and asks the server whether it opens this role.
 * (A browser cannot see why a websocket upgrade was refused, so the page asks first.)
 */
export function useLinkCheck(workshopId: string, role: Role): LinkCheck {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash, () => null);
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ request: string; check: LinkCheck } | null>(null);

  const secret = hash === null ? null : secretFromFragment(hash);
  const immediate: LinkCheck | null =
    hash === null
      ? { status: 'checking' }
      : !isWorkshopId(workshopId)
        ? { status: 'not-found' }
        : !isSecretShape(secret)
          ? { status: 'invalid' }
          : null;
  const request = `${workshopId}/${role}/${secret}/${attempt}`;
  const needsServer = immediate === null;

  useEffect(() => {
    if (!needsServer || !secret) return;
    const controller = new AbortController();
    const answerWith = (check: LinkCheck) => setAnswer({ request, check });
    const retry = () => setAttempt((n) => n + 1);
    api
      .checkAccess(workshopId, { role, key: secret }, { signal: controller.signal })
      .then((result) => {
        if (result.ok) answerWith({ status: 'valid', secret });
        else if (result.status === 404) answerWith({ status: 'not-found' });
        else if (result.status === 401 || result.status === 403) answerWith({ status: 'invalid' });
        else answerWith({ status: 'error', retry });
      })
      .catch(() => {
        if (!controller.signal.aborted) answerWith({ status: 'error', retry });
      });
    return () => controller.abort();
  }, [needsServer, request, workshopId, role, secret]);

  if (immediate) return immediate;
  return answer?.request === request ? answer.check : { status: 'checking' };
}
