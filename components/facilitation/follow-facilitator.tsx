'use client';

import { useEffect, useRef } from 'react';
import { parseFocus } from '@/lib/doc/sessions';
import { useNavigation } from '@/components/workshop/board-navigation';
import { revealPanel } from '@/components/workshop/reveal-panel';
import { useFacilitation } from './facilitation-context';

/**
 * Takes a follower to whatever the facilitator focuses: a panel or a single step, term or
 * metric. It acts on every new activity (a focus, also the same one again, a vote, a consensus
 * check), when the person starts following again, and on arrival (a late joiner lands on the
 * current activity) — not on every render, so a follower can look around between activities.
 */
export function FollowFacilitator() {
  const { facilitation, following, isFacilitator } = useFacilitation();
  const { goTo, setPanel } = useNavigation();
  const { focus, activity } = facilitation;
  const applied = useRef<{ activity: string; following: boolean } | null>(null);
  useEffect(() => {
    const previous = applied.current;
    applied.current = { activity, following };
    if (isFacilitator || !following || !focus || !activity) return;
    if (previous !== null && previous.activity === activity && previous.following) return;
    const target = parseFocus(focus);
    if (target.kind === 'item' || target.kind === 'variants') goTo(target.item);
    else if (target.kind === 'panel') {
      if (target.panel === 'process') document.getElementById('process-heading')?.scrollIntoView({ block: 'start' });
      // The heat map is the facilitator's panel; only the projector shows it to the room.
      else if (target.panel !== 'heatmap') {
        setPanel(target.panel);
        // Into view (on a tablet the panel is below the board), but never from under someone's
        // typing: the keyboard stays where it is.
        if (!isEditing(document.activeElement)) revealPanel(target.panel, null);
      }
    }
    // goTo/setPanel change identity with navigation state; reacting to them would re-apply the
    // focus whenever the person looks elsewhere, which is exactly what must not happen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activity, following, isFacilitator]);
  return null;
}

function isEditing(element: Element | null): boolean {
  return !!element && (element.matches('input, textarea, select') || (element as HTMLElement).isContentEditable);
}
