'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';

export type Toast = { id: number; text: string };

/** Short messages that go by themselves after `ttlMs` (the newest three are shown). */
export function useToasts(ttlMs = 6000): { toasts: readonly Toast[]; push: (text: string) => void; dismiss: (id: number) => void } {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (text: string) => {
      const id = next.current++;
      setToasts((all) => [...all, { id, text }].slice(-3));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, ttlMs);
      timers.current.add(timer);
    },
    [dismiss, ttlMs],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return { toasts, push, dismiss };
}

/**
 * Where toasts show while a modal dialog is open. A modal `<dialog>` sits in the top layer above
 * everything else and makes the rest of the page inert, so a toast outside it would be neither
 * seen nor announced: the dialog lends itself as the region's host while it is open.
 */
let modalHost: HTMLElement | null = null;
const hostListeners = new Set<() => void>();
export function lendToastHost(host: HTMLElement): () => void {
  modalHost = host;
  hostListeners.forEach((l) => l());
  return () => {
    if (modalHost === host) modalHost = null;
    hostListeners.forEach((l) => l());
  };
}
function useToastHost(): HTMLElement | null {
  return useSyncExternalStore(
    (listener) => (hostListeners.add(listener), () => hostListeners.delete(listener)),
    () => modalHost,
    () => null,
  );
}

/**
 * The one toast region of a page: always in the DOM (a live region must exist before its text
 * changes for screen readers to announce it), `role="status"`, polite. Bottom centre, above the
 * content, out of the way of the controls at the top.
 */
export function ToastRegion({ toasts, onDismiss, label = 'Announcements', projector = false }: { toasts: readonly Toast[]; onDismiss: (id: number) => void; label?: string; projector?: boolean }) {
  const host = useToastHost();
  const region = projector ? (
    // The projector's announcement strip: in the page's flow, in a strip kept for it below the
    // content, so an announcement never covers what the room is reading; the newest one only,
    // large and without a control (nobody clicks on a projector; it goes by itself).
    <div role="status" aria-live="polite" aria-label={label} className="flex min-h-[7vh] min-w-0 flex-1 items-center justify-center">
      {toasts.slice(-1).map((toast) => (
        <p key={toast.id} className="max-w-full truncate rounded-[1.5vh] bg-amber-300 px-[3vh] py-[1vh] text-[3.4vh] font-bold text-slate-950" data-testid="toast">
          {toast.text}
        </p>
      ))}
    </div>
  ) : (
    <div role="status" aria-live="polite" aria-label={label} className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
      {toasts.map((toast) => (
        <p key={toast.id} className="pointer-events-auto flex max-w-md items-center gap-3 rounded-lg bg-slate-900 py-2 pr-2 pl-4 text-white shadow-lg" data-testid="toast">
          <span className="min-w-0 flex-1">{toast.text}</span>
          <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss" className="min-h-6 min-w-6 rounded px-2 text-lg leading-none hover:bg-slate-700">
            ×
          </button>
        </p>
      ))}
    </div>
  );
  return host ? createPortal(region, host) : region;
}
