'use client';

import { useEffect, useRef } from 'react';
import type { Role } from '@/lib/protocol';
import { CopyButton } from '@/components/ui/copy-button';
import type { Created } from './home-page';

const ROLE_TEXT: Record<Role, { label: string; hint: string }> = {
  facilitator: { label: 'Facilitator link', hint: 'Keep this one: it runs the agenda, timer, votes and locks.' },
  participant: { label: 'Participant link', hint: 'Share with everyone in the room and remote attendees.' },
  projector: { label: 'Projector link', hint: 'Open on the screen the room looks at. View only.' },
};

export function CreatedLinks({ created, onCreateAnother }: { created: Created; onCreateAnother: () => void }) {
  // The links replace the form (or appear above the import that made them): keyboard and
  // screen-reader users are taken to them.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [created.id]);
  return (
    <section aria-labelledby="links-heading" className="space-y-5 rounded-xl border border-green-300 bg-white p-6 shadow-sm">
      <div>
        <h2 id="links-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold">
          “{created.title}” is ready
        </h2>
        <p className="text-slate-700">
          Each link carries its own secret. This browser remembers them; anyone with a link gets that role.
        </p>
      </div>
      <ul className="space-y-4">
        {(['facilitator', 'participant', 'projector'] as const).map((role) => (
          <li key={role} className="space-y-1">
            <label htmlFor={`link-${role}`} className="block font-medium">
              {ROLE_TEXT[role].label}
            </label>
            <p className="text-sm text-slate-600">{ROLE_TEXT[role].hint}</p>
            <div className="flex gap-2">
              <input
                id={`link-${role}`}
                readOnly
                value={created.links[role]}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
              />
              <CopyButton text={created.links[role]} label={`Copy ${ROLE_TEXT[role].label.toLowerCase()}`} fallbackTargetId={`link-${role}`} />
            </div>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <a href={created.links.facilitator} className="rounded-md bg-blue-700 px-5 py-2.5 font-semibold text-white hover:bg-blue-800">
          Open as facilitator
        </a>
        <button type="button" onClick={onCreateAnother} className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100">
          Create another
        </button>
      </div>
    </section>
  );
}
