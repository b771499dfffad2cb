'use client';

import type { ItemRef } from '@/lib/doc/schema';
import { useNavigation } from '@/components/workshop/board-navigation';
import { PRIMARY_TARGET } from '@/components/ui/targets';

/** Sends a discussion to the parking lot, linked to the item it came from. */
export function ParkButton({ item, label }: { item: ItemRef; label: string }) {
  const { park } = useNavigation();
  return (
    <button type="button" onClick={() => park(item)} aria-label={`Park a question about ${label}`} className={`${PRIMARY_TARGET} rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs hover:bg-slate-100`}>
      Park
    </button>
  );
}
