'use client';

import { useState } from 'react';
import type * as Y from 'yjs';
import { formatDuration } from '@/lib/clock';
import { scheduleStatus, spentMs, stepAgenda, type AgendaItem } from '@/lib/doc/agenda';
import { setFocus, setShowJoin } from '@/lib/doc/sessions';
import { TARGET } from '@/components/ui/targets';
import { useFacilitation } from './facilitation-context';
import { focusLabel, useFocusOptions } from './focus-options';
import { TimerControls } from './timer-controls';
import { TimerDisplay } from './timer-display';
import { useServerNow } from './use-server-now';

/**
 * Time spent on the current item and, for the facilitator, ahead or behind schedule: the only
 * part of the bar that changes every second, so the only part that re-renders then (and only
 * while the item or the timer runs).
 */
function AgendaItemTime({ current }: { current: AgendaItem }) {
  const { facilitation, clock, isFacilitator } = useFacilitation();
  const { agenda, currentId, timer } = facilitation;
  const now = useServerNow(clock, 1000, current.startedAt > 0 || timer.status === 'running');
  const schedule = scheduleStatus(agenda, currentId, timer, now);
  return (
    <p className="text-sm text-slate-700">
      {formatDuration(spentMs(current, now))} of {current.minutes} min
      {isFacilitator && schedule.kind !== 'on-schedule' && (
        <span className={`ml-2 font-semibold ${schedule.kind === 'ahead' ? 'text-green-800' : 'text-red-800'}`} data-testid="schedule-line">
          {formatDuration(schedule.ms)}{' '}
          {schedule.kind === 'over-time' ? 'over time' : schedule.kind === 'behind' ? 'behind schedule' : 'ahead of schedule'}
        </span>
      )}
    </p>
  );
}

/**
 * The running order, for everyone: the current agenda item and the timer. The facilitator
 * also gets Next/Previous, the timer controls and what everyone is shown; participants get
 * "follow the facilitator" on or off.
 */
export function AgendaBar({ board }: { board: Y.Doc }) {
  const { facilitation, doc, clock, isFacilitator, following, setFollowing } = useFacilitation();
  const options = useFocusOptions(board);
  const [startTimebox, setStartTimebox] = useState(true);
  const { agenda, currentId, focus } = facilitation;
  const index = agenda.findIndex((a) => a.id === currentId);
  const current = agenda[index];
  return (
    <section aria-label="Agenda and timer" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-slate-300 bg-white px-3 py-2">
      <div className="min-w-0 flex-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {current ? `Agenda item ${index + 1} of ${agenda.length}` : 'Agenda'}
        </p>
        <p className="font-semibold" data-testid="current-agenda-item">
          {current ? current.title || 'Untitled item' : agenda.length ? 'Not started' : 'No agenda yet'}
        </p>
        {current && <AgendaItemTime current={current} />}
      </div>
      <TimerDisplay />
      {isFacilitator ? (
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
      ) : (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            Facilitator shows: <strong>{focusLabel(options, focus)}</strong>
          </span>
          {/* What is true now, then the one thing the button does: no toggle whose label is also its state. */}
          <span className={`font-medium ${following ? 'text-blue-900' : 'text-slate-700'}`} data-testid="follow-state">
            {following ? 'You follow the facilitator.' : 'You are looking around on your own.'}
          </span>
          <button
            type="button"
            onClick={() => setFollowing(!following)}
            className={`${TARGET} rounded border px-2 py-1 font-medium ${following ? 'border-slate-400 bg-white text-slate-900 hover:bg-slate-100' : 'border-blue-700 bg-blue-700 text-white hover:bg-blue-800'}`}
          >
            {following ? 'Stop following' : 'Follow the facilitator'}
          </button>
        </div>
      )}
    </section>
  );
}
