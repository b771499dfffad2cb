'use client';

import type { PresenceEntry } from '@/lib/presence';
import { groupByTeam } from '@/lib/presence';

/** Who is here, grouped by team. */
export function PresenceList({ people }: { people: readonly PresenceEntry[] }) {
  const groups = groupByTeam(people);
  return (
    <section aria-labelledby="presence-heading" className="space-y-3">
      <h2 id="presence-heading" className="text-lg font-semibold">
        Here now <span className="font-normal text-slate-600">({people.length})</span>
      </h2>
      {groups.length === 0 && <p className="text-slate-600">Nobody else yet. Share the participant link to invite people.</p>}
      {groups.map((group) => (
        <div key={group.team || '(none)'}>
          <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{group.team || 'No team'}</h3>
          <ul className="mt-1 space-y-1" aria-label={`People in ${group.team || 'no team'}`}>
            {group.people.map((person) => (
              <li key={person.id} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-flex h-7 w-7 items-center justify-center rounded-full text-xs font-bold text-white"
                  style={{ backgroundColor: person.color }}
                >
                  {person.name.slice(0, 1).toUpperCase()}
                </span>
                <span>
                  {person.name}
                  {person.isSelf && <span className="text-slate-600"> (you)</span>}
                  {person.role === 'facilitator' && <span className="ml-1 rounded bg-slate-200 px-1.5 text-xs">facilitator</span>}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
