'use client';

import { useState } from 'react';
import { stepAgenda } from '@/lib/doc/agenda';
import { setFocus, setShowJoin } from '@/lib/doc/sessions';
import { useFacilitation } from './facilitation-context';
import { TimerControls } from './timer-controls';

/**
 * The facilitator's line of the agenda bar: Previous/Next, the timer controls, what everyone is
 * shown and the projector's join code. Its own module, loaded only on the facilitator's page.
 */
export function FacilitatorControls({ options }: { options: ReadonlyArray<{ value: string; label: string }> }) {
  const { facilitation, doc, clock } = useFacilitation();
  const [startTimebox, setStartTimebox] = useState(true);
  const { agenda, currentId, focus } = facilitation;
  const index = agenda.findIndex((a) => a.id === currentId);
  return (
    // Its own line under the agenda item and timer; one line from 1366 px up (issue 14).
    <div role="group" aria-label="Facilitator controls" className="flex w-full flex-wrap items-center gap-2 min-[1366px]:flex-nowrap">
      <div role="group" aria-label="Agenda navigation" className="flex gap-1">
        <button type="button" disabled={index <= 0} onClick={() => stepAgenda(doc, -1, clock.now(), { startTimebox })} className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40">
          Previous
        </button>
        <button type="button" disabled={agenda.length === 0 || index === agenda.length - 1} onClick={() => stepAgenda(doc, 1, clock.now(), { startTimebox })} className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-40">
          {index < 0 ? 'Start agenda' : 'Next'}
        </button>
      </div>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={startTimebox} onChange={(e) => setStartTimebox(e.target.checked)} /> start its timebox
      </label>
      <TimerControls />
      <label htmlFor="focus-select" className="text-sm font-medium">
        Show everyone
      </label>
      <select id="focus-select" value={focus} onChange={(e) => setFocus(doc, e.target.value)} className="max-w-48 rounded border border-slate-300 bg-white px-1 py-1 text-sm">
        <option value="">Nothing in particular</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={facilitation.showJoin} onChange={(e) => setShowJoin(doc, e.target.checked)} /> join QR on projector
      </label>
    </div>
  );
}
