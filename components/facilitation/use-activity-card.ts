'use client';

import { useState } from 'react';
import { useMediaQuery } from '@/components/ui/use-media-query';
import { useFacilitation } from './facilitation-context';

/** Phones: narrower than this, a vote or consensus check opens as a full-screen card. */
export const PHONE_QUERY = '(width < 600px)';

/**
 * Whether this person's phone shows the open vote or consensus check as a full-screen card (as
 * Mentimeter does). It opens for every new session — also one already open when the person
 * arrives — and goes when the session closes; "Back to the board" puts it away for that
 * session only, and `reopen` brings it back. Never for the facilitator, who runs the session.
 */
export function useActivityCard(): { open: boolean; close: () => void; reopen: () => void; available: boolean } {
  const { facilitation, isFacilitator } = useFacilitation();
  const phone = useMediaQuery(PHONE_QUERY);
  const { vote, consensus } = facilitation;
  const key = [vote && vote.status !== 'closed' ? `vote:${vote.id}` : '', consensus && consensus.status !== 'closed' ? `consensus:${consensus.id}` : '']
    .filter(Boolean)
    .join(' ');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const available = phone && !isFacilitator && key !== '';
  return {
    available,
    open: available && dismissed !== key,
    close: () => setDismissed(key),
    reopen: () => setDismissed(null),
  };
}
