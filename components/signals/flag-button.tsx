'use client';

import { setFlag } from '@/lib/doc/signals';
import { itemKey, type ItemRef } from '@/lib/doc/schema';
import { useSignals } from './signals-context';
import { PRIMARY_TARGET } from '@/components/ui/targets';

/**
 * "I don't understand": one click to raise, one to take back. Everyone sees how many, never who.
 */
export function FlagButton({ item, label }: { item: ItemRef; label: string }) {
  const { board, signals, mine, token, team } = useSignals();
  const key = itemKey(item);
  const flagged = mine.has(key);
  const count = signals.counts.get(key) ?? 0;
  return (
    <button
      type="button"
      aria-pressed={flagged}
      onClick={() => setFlag(board, item, token, team, !flagged)}
      aria-label={`I don't understand ${label}${count ? ` (${count} ${count === 1 ? 'person does' : 'people do'} not understand)` : ''}`}
      className={`${PRIMARY_TARGET} inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${flagged ? 'border-purple-700 bg-purple-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-purple-50'}`}
    >
      <span aria-hidden="true">?</span> Don’t understand
      {count > 0 && <span className={`rounded-full px-1.5 ${flagged ? 'bg-white text-purple-900' : 'bg-purple-100 text-purple-900'}`} data-testid="flag-count">{count}</span>}
    </button>
  );
}
