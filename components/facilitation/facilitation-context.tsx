'use client';

import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { api } from '@/lib/api-client';
import { itemKey, type ItemRef } from '@/lib/doc/schema';
import type { Role } from '@/lib/protocol';
import { EMPTY_FACILITATION, createFacilitationStore, type FacilitationSnapshot } from '@/lib/sync/facilitation-store';
import { ServerClock } from '@/lib/sync/server-clock';

type FacilitationValue = {
  facilitation: FacilitationSnapshot;
  /** The facilitation document (facilitators write it; the server drops anyone else's writes). */
  doc: Y.Doc;
  clock: ServerClock;
  role: Role;
  isFacilitator: boolean;
  /** Participants follow the facilitator's focus until they step out. */
  following: boolean;
  setFollowing: (following: boolean) => void;
  /** Agreed and locked: read-only for participants until the facilitator reopens it. */
  isLockedForMe: (ref: ItemRef) => boolean;
  isLocked: (ref: ItemRef) => boolean;
};

const FacilitationContext = createContext<FacilitationValue | null>(null);

async function fetchServerTime(): Promise<number> {
  const result = await api.serverTime();
  // A refusal is a failed sample (the clock keeps its offset), never a time of NaN.
  if (!result.ok) throw new Error(`server time unavailable (${result.status})`);
  return result.body.now;
}

/** Agenda, timer, focus, votes and locks, live, with the server clock to show times by. */
export function FacilitationProvider({ doc, role, children }: { doc: Y.Doc; role: Role; children: ReactNode }) {
  const store = useMemo(() => createFacilitationStore(doc), [doc]);
  const facilitation = useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY_FACILITATION);
  const clock = useMemo(() => new ServerClock(fetchServerTime), []);
  const [following, setFollowing] = useState(true);
  useEffect(() => {
    // The first measurement (five round trips, one after another) waits until the board has
    // been drawn and the browser is idle: it is not on the way to the first screen, and until
    // it lands the local clock stands in (on most machines within a second of the server's).
    const first = () => void clock.sync();
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(first, { timeout: 2000 }) : null;
    const timeout = idle === null ? window.setTimeout(first, 200) : null;
    // Clocks drift and laptops sleep: measure again now and then.
    const interval = setInterval(() => void clock.sync(3), 60_000);
    return () => {
      if (idle !== null) window.cancelIdleCallback(idle);
      if (timeout !== null) window.clearTimeout(timeout);
      clearInterval(interval);
    };
  }, [clock]);
  const value = useMemo<FacilitationValue>(() => {
    const isLocked = (ref: ItemRef) => facilitation.locks.has(itemKey(ref));
    return {
      facilitation,
      doc,
      clock,
      role,
      isFacilitator: role === 'facilitator',
      following: role === 'projector' || following,
      setFollowing,
      isLocked,
      isLockedForMe: (ref) => role !== 'facilitator' && isLocked(ref),
    };
  }, [facilitation, doc, clock, role, following]);
  return <FacilitationContext.Provider value={value}>{children}</FacilitationContext.Provider>;
}

export function useFacilitation(): FacilitationValue {
  const value = useContext(FacilitationContext);
  if (!value) throw new Error('useFacilitation outside FacilitationProvider');
  return value;
}

export function useOptionalFacilitation(): FacilitationValue | null {
  return useContext(FacilitationContext);
}

/** Whether an item is agreed and locked for this user (participants only; never outside a workshop view). */
export function useLockedForMe(ref: ItemRef): boolean {
  return useContext(FacilitationContext)?.isLockedForMe(ref) ?? false;
}
