'use client';

import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';

/**
 * The short join code for this showing of the join panel (`panelVersion` changes whenever the
 * facilitator hides and shows it), or null while there is none. The server derives it, so
 * every projector window shows the same one.
 */
export function useJoinCode(workshopId: string, projectorSecret: string, panelVersion: string | null): string | null {
  const [answer, setAnswer] = useState<{ version: string; code: string | null } | null>(null);
  useEffect(() => {
    // Also when the panel is hidden: the server then deletes the stored code at once (it would
    // refuse it anyway, as it checks the panel when a code is typed).
    let cancelled = false;
    api
      .joinCode(workshopId, { key: projectorSecret })
      .then((result) => {
        if (!cancelled && panelVersion !== null) setAnswer({ version: panelVersion, code: result.ok ? result.body.code : null });
      })
      // Offline: the QR code and the link still work; the code comes with the next showing.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [workshopId, projectorSecret, panelVersion]);
  // An answer for an earlier showing is never shown: that code is dead.
  return answer && answer.version === panelVersion ? answer.code : null;
}
