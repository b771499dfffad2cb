'use client';

import { useEffect, useRef } from 'react';
import { parseFocus } from '@/lib/doc/sessions';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useFacilitation } from './facilitation-context';

/**
 * Takes a follower to whatever the facilitator focuses: a panel or a single step, term or
 * metric. It acts when the focus changes or when the person starts following again — not on
 * arrival (the page opens where it opens) and not on every render, so a follower can look
 * around between focus changes.
 */
export function FollowFacilitator() {
  const { facilitation, following, isFacilitator } = useFacilitation();
  const { goTo, setPanel } = useNavigation();
  const focus = facilitation.focus;
  const applied = useRef<{ focus: string; following: boolean } | null>(null);
  useEffect(() => {
    const previous = applied.current;
    applied.current = { focus, following };
    if (previous === null || isFacilitator || !following || !focus) return;
    if (previous.focus === focus && previous.following) return;
    const target = parseFocus(focus);
    if (target.kind === 'item') goTo(target.item);
    else if (target.kind === 'panel') {
      if (target.panel === 'process') document.getElementById('process-heading')?.scrollIntoView({ block: 'start' });
      else setPanel(target.panel);
    }
    // goTo/setPanel change identity with navigation state; reacting to them would re-apply the
    // focus whenever the person looks elsewhere, which is exactly what must not happen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, following, isFacilitator]);
  return null;
}
