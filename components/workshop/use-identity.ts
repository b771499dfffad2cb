import { useCallback, useMemo } from 'react';
import type { Identity } from '@/lib/presence';
import { IDENTITY_KEY, loadIdentity, saveIdentity } from '@/lib/identity';
import { browserStorage } from '@/components/ui/browser-storage';
import { notifyStorageChanged, useStorageItem } from '@/components/ui/use-storage-item';

export type IdentityState = {
  /** undefined while hydrating, null when this browser has not joined yet. */
  identity: Identity | null | undefined;
  save(input: { name: string; team: string }): Identity;
};

/** The display name and team remembered in this browser. */
export function useIdentity(): IdentityState {
  const raw = useStorageItem(IDENTITY_KEY);
  // `raw` is the stored string: re-read only when it changes.
  const identity = useMemo(() => (raw === undefined ? undefined : loadIdentity(browserStorage())), [raw]);
  const save = useCallback((input: { name: string; team: string }) => {
    const saved = saveIdentity(browserStorage(), input);
    notifyStorageChanged();
    return saved;
  }, []);
  return { identity, save };
}
