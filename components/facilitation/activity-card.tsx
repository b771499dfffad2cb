'use client';

import { useEffect, useId, useRef } from 'react';
import type * as Y from 'yjs';
import type { PresenceEntry } from '@/lib/presence';
import { CARD_TARGET } from '@/components/ui/targets';
import { lendToastHost } from '@/components/ui/toast';
import { ConsensusPanel } from './consensus-panel';
import { useFacilitation } from './facilitation-context';
import { VotePanel } from './vote-panel';

type Props = { board: Y.Doc; participantId: string; people: readonly PresenceEntry[]; onClose: () => void };

/**
 * The open vote or consensus check on a phone, as a full-screen modal card with large targets
 * (use-activity-card.ts decides when). A native modal `<dialog>`: the board behind it is inert,
 * Escape closes it, and focus returns where it was.
 */
export function ActivityCard({ board, participantId, people, onClose }: Props) {
  const { facilitation } = useFacilitation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // "The results are revealed" must reach the person looking at the card.
    const giveBack = lendToastHost(dialog);
    return () => {
      giveBack();
      dialog.close();
    };
  }, []);
  const voting = facilitation.vote !== null && facilitation.vote.status !== 'closed';
  const checking = facilitation.consensus !== null && facilitation.consensus.status !== 'closed';
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="activity-card"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="fixed inset-0 m-0 h-dvh max-h-none w-screen max-w-none bg-slate-50 p-0 text-slate-900 backdrop:bg-slate-900/60"
    >
      <div className="flex h-full flex-col">
        <div className="flex shrink-0 items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
          <p id={titleId} className="min-w-0 flex-1 text-base font-semibold">
            {checking && voting ? 'Consensus check and vote' : checking ? 'Consensus check' : 'Vote'}
          </p>
          <button type="button" onClick={onClose} className={`${CARD_TARGET} rounded-md border border-slate-400 bg-white px-3 font-medium`}>
            Back to the board
          </button>
        </div>
        <div className="min-h-0 flex-1 space-y-8 overflow-y-auto px-4 py-4">
          {checking && <ConsensusPanel board={board} participantId={participantId} card />}
          {voting && <VotePanel board={board} participantId={participantId} people={people} card />}
        </div>
      </div>
    </dialog>
  );
}
