'use client';

import { useMemo } from 'react';
import type { Role } from '@/lib/protocol';
import { REMEMBERED_KEY, forgetWorkshop, listRemembered } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { notifyStorageChanged, useStorageItem } from '@/components/ui/use-storage-item';

const ROLE_ORDER: Role[] = ['facilitator', 'participant', 'projector'];

/** Workshops this browser created or joined (stored locally only). */
export function RememberedWorkshops() {
  const raw = useStorageItem(REMEMBERED_KEY);
  const workshops = useMemo(() => (raw === undefined ? [] : listRemembered(browserStorage())), [raw]);
  if (workshops.length === 0) return null;
  return (
    <section aria-labelledby="mine-heading" className="space-y-3">
      <h2 id="mine-heading" className="text-xl font-semibold">
        Your workshops on this browser
      </h2>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {workshops.map((w) => {
          const role = ROLE_ORDER.find((r) => w.links[r]);
          return (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                {role ? (
                  <a href={w.links[role]} className="font-medium text-blue-800 underline">
                    {w.title || 'Untitled workshop'}
                  </a>
                ) : (
                  <span className="font-medium">{w.title || 'Untitled workshop'}</span>
                )}
                <p className="text-sm text-slate-600">
                  {role ? `as ${role}` : ''} · last visit {new Date(w.lastVisit).toLocaleString()}
                </p>
              </div>
              <button
                type="button"
                onClick={() => {
                  forgetWorkshop(browserStorage(), w.id);
                  notifyStorageChanged();
                }}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
                aria-label={`Forget ${w.title || 'untitled workshop'} on this browser`}
              >
                Forget
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
