import type { KeyValueStorage } from '@/lib/identity';

/** localStorage where it works (private modes can throw); an in-memory stand-in otherwise. */
const memory = new Map<string, string>();
const fallback: KeyValueStorage = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

export function browserStorage(): KeyValueStorage {
  try {
    const probe = '__cg_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return fallback;
  }
}
