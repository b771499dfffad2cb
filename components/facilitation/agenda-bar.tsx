'use client';

import dynamic from 'next/dynamic';
import type * as Y from 'yjs';
import { formatDuration } from '@/lib/clock';
import { scheduleStatus, spentMs, type AgendaItem } from '@/lib/doc/agenda';
import { TARGET } from '@/components/ui/targets';
import { useFacilitation } from './facilitation-context';
import { focusLabel, useFocusOptions } from './focus-options';
import { TimerDisplay } from './timer-display';
import { useServerNow } from './use-server-now';

// The facilitator's tools are not part of a participant's download. While they load, their
// line keeps its height (one row of controls) so the board below does not move.
const FacilitatorControls = dynamic(() => import('./facilitator-controls').then((m) => m.FacilitatorControls), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="min-h-[30px] w-full" />,
});

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
  const { facilitation, isFacilitator, following, setFollowing } = useFacilitation();
  const options = useFocusOptions(board);
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
        <FacilitatorControls options={options} />
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
            {following ? 'Stop following' : 'Back to the facilitator'}
          </button>
        </div>
      )}
    </section>
  );
}
