'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Role } from '@/lib/protocol';
import { createDamageStore, removeAllDamaged } from '@/lib/sync/damage-store';

const NONE = { board: [], facilitation: [], count: 0 } as const;

/**
 * Says how many stored items are hidden because they are damaged (written by an older or a
 * faulty client before the server checked every update), and lets the facilitator remove them.
 * Renders nothing on a healthy board.
 */
export function DamageNotice({ board, facilitation, role }: { board: Y.Doc; facilitation: Y.Doc; role: Role }) {
  const store = useMemo(() => createDamageStore(board, facilitation), [board, facilitation]);
  const damage = useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
  const [removed, setRemoved] = useState(0);
  if (damage.count === 0) {
    return removed > 0 ? (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
        Removed {removed} damaged {removed === 1 ? 'item' : 'items'}.
      </p>
    ) : null;
  }
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span>
        {damage.count} damaged {damage.count === 1 ? 'item is' : 'items are'} hidden: stored by an older or faulty client, they do not fit the board.
      </span>
      {role === 'facilitator' ? (
        <button
          type="button"
          onClick={() => {
            setRemoved(damage.count);
            removeAllDamaged(board, facilitation, damage);
          }}
          className="min-h-11 rounded-md border border-amber-700 bg-white px-3 font-semibold text-amber-950 hover:bg-amber-100 focus-visible:ring-2 focus-visible:ring-amber-700"
        >
          Remove damaged items
        </button>
      ) : (
        <span>The facilitator can remove them.</span>
      )}
    </div>
  );
}
