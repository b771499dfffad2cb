'use client';

import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { parseItemKey } from '@/lib/doc/schema';
import { describeFacilitationChange } from '@/lib/sync/facilitation-events';
import type { FacilitationSnapshot } from '@/lib/sync/facilitation-store';
import { useItemLabels } from '@/components/signals/use-item-label';
import { ToastRegion, useToasts } from '@/components/ui/toast';
import { useFacilitation } from './facilitation-context';

/**
 * A toast on every screen when the facilitator opens, reveals or closes a vote or consensus
 * check, or locks or reopens an item: derived from the facilitation document, which every
 * client observes, so nothing extra is sent. What was already so on arrival is not announced.
 */
export function FacilitationToasts({ board, projector = false }: { board: Y.Doc; projector?: boolean }) {
  const { facilitation } = useFacilitation();
  const labelOf = useItemLabels(board);
  const label = useRef(labelOf);
  const previous = useRef<FacilitationSnapshot | null>(null);
  const { toasts, push, dismiss } = useToasts();
  useEffect(() => {
    label.current = labelOf;
  });
  useEffect(() => {
    const prev = previous.current;
    previous.current = facilitation;
    if (!prev) return;
    const name = (key: string) => {
      const ref = parseItemKey(key);
      if (!ref) return 'An item';
      return label.current(ref).text;
    };
    for (const sentence of describeFacilitationChange(prev, facilitation, name)) push(sentence);
  }, [facilitation, push]);
  return <ToastRegion toasts={toasts} onDismiss={dismiss} projector={projector} />;
}
