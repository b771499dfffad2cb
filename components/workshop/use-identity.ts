import { useCallback, useEffect, useState } from 'react';
import type { Identity } from '@/lib/presence';
import { loadIdentity, saveIdentity } from '@/lib/identity';
import { browserStorage } from '@/components/ui/browser-storage';

export type IdentityState = {
  /** undefined while reading storage (first render), null when this browser has not joined. */
  identity: Identity | null | undefined;
  save(input: { name: string; team: string }): Identity;
};

/** The display name and team remembered in this browser. */
export function useIdentity(): IdentityState {
  const [identity, setIdentity] = useState<Identity | null | undefined>(undefined);
  useEffect(() => setIdentity(loadIdentity(browserStorage())), []);
  const save = useCallback((input: { name: string; team: string }) => {
    const saved = saveIdentity(browserStorage(), input);
    setIdentity(saved);
    return saved;
  }, []);
  return { identity, save };
}
