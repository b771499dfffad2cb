import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getTitle, subscribeTitle } from '@/lib/doc/workshop';

/** The workshop title, live. */
export function useTitle(board: Y.Doc): string {
  const subscribe = useCallback((listener: () => void) => subscribeTitle(board, listener), [board]);
  return useSyncExternalStore(subscribe, () => getTitle(board), () => '');
}
