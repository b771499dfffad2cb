'use client';

import type * as Y from 'yjs';
import { setLock } from '@/lib/doc/locks';
import { openConsensus } from '@/lib/doc/sessions';
import { itemKey, type ItemRef } from '@/lib/doc/schema';
import { useNavigation } from '@/components/workshop/board-navigation';
import { revealPanel } from '@/components/workshop/reveal-panel';
import { useOptionalFacilitation } from './facilitation-context';
import { markReopened } from './item-status';
import { PRIMARY_TARGET } from '@/components/ui/targets';

/**
 * On each step, term and metric: the facilitator's "Check consensus", or "Reopen" once it is
 * agreed and locked; everyone else sees a lock badge on a locked item.
 */
export function ConsensusButton({ board, item, label }: { board: Y.Doc; item: ItemRef; label: string }) {
  const facilitation = useOptionalFacilitation();
  const navigation = useNavigation();
  if (!facilitation) return null;
  const { doc, isFacilitator, isLocked } = facilitation;
  const locked = isLocked(item);
  if (!isFacilitator) {
    return locked ? <span className="inline-flex items-center rounded bg-green-700 px-1.5 py-0.5 text-xs font-semibold text-white">Agreed · locked</span> : null;
  }
  if (locked) {
    return (
      <button type="button" onClick={() => { setLock(doc, itemKey(item), false); markReopened(board, item); }} className={`${PRIMARY_TARGET} rounded border border-green-700 px-1.5 py-0.5 text-xs font-semibold text-green-900`} aria-label={`Reopen ${label}`}>
        Agreed · Reopen
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={() => {
        openConsensus(doc, itemKey(item));
        navigation.setPanel('vote');
        revealPanel('vote');
      }}
      className={`${PRIMARY_TARGET} rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs hover:bg-slate-100`}
      aria-label={`Check consensus on ${label}`}
    >
      Check consensus
    </button>
  );
}
