'use client';

import type * as Y from 'yjs';
import type { PresenceEntry } from '@/lib/presence';
import { ConsensusPanel } from './consensus-panel';
import { VotePanel } from './vote-panel';

type Props = { board: Y.Doc; participantId: string; people: readonly PresenceEntry[] };

/**
 * The Vote tab: the open consensus check above the open vote. One module, so both arrive
 * together when the tab's code loads: loaded apart, the check's placeholder sat above the
 * vote's buttons and vanished when its code arrived, moving them under a finger mid-click (the
 * click landed beside the button and the dot was lost).
 */
export function ActivityPanels({ board, participantId, people }: Props) {
  return (
    <div className="space-y-6">
      <ConsensusPanel board={board} participantId={participantId} />
      <VotePanel board={board} participantId={participantId} people={people} />
    </div>
  );
}
