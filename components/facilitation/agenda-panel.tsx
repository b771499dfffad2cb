'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { formatDuration } from '@/lib/clock';
import { AGENDA_LIMITS, addAgendaItem, deleteAgendaItem, moveAgendaItem, setCurrentItem, spentMs, updateAgendaItem, type AgendaItem } from '@/lib/doc/agenda';
import { useFacilitation } from './facilitation-context';
import { focusLabel, useFocusOptions } from './focus-options';
import { useServerNow } from './use-server-now';

/** An item's time spent, the part of the agenda that changes every second (while the item runs). */
function AgendaItemSpent({ item }: { item: AgendaItem }) {
  const { clock } = useFacilitation();
  const now = useServerNow(clock, 1000, item.startedAt > 0);
  const spent = spentMs(item, now);
  return spent > 0 ? `${formatDuration(spent)} spent of ${item.minutes} min` : `${item.minutes} min planned`;
}

/** The agenda: planned and actual time per item; the facilitator adds, edits, reorders and deletes. */
export function AgendaPanel({ board }: { board: Y.Doc }) {
  const { facilitation, doc, clock, isFacilitator } = useFacilitation();
  const options = useFocusOptions(board);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(15);
  const [focus, setFocusValue] = useState('process');
  const [error, setError] = useState<string | null>(null);
  const { agenda, currentId } = facilitation;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setError('Give the agenda item a title.');
    try {
      addAgendaItem(doc, { title, minutes, focus });
      setTitle('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The item could not be added.');
    }
  }
  const planned = agenda.reduce((sum, a) => sum + a.minutes, 0);
  return (
    <section aria-labelledby="agenda-heading" className="space-y-3">
      <h2 id="agenda-heading" className="text-xl font-semibold">
        Agenda <span className="text-base font-normal text-slate-600">({planned} min planned)</span>
      </h2>
      {agenda.length === 0 && <p className="text-slate-700">{isFacilitator ? 'Plan the workshop: add items with a timebox and what to show.' : 'The facilitator has not set an agenda yet.'}</p>}
      <ol className="space-y-2" aria-label="Agenda items">
        {agenda.map((item, i) => {
          const isCurrent = item.id === currentId;
          return (
            <li key={item.id} aria-current={isCurrent ? 'step' : undefined} aria-label={item.title || 'Untitled item'} className={`rounded-lg border p-2 ${isCurrent ? 'border-blue-600 bg-blue-50' : 'border-slate-200 bg-white'}`}>
              {isFacilitator ? (
                <div className="flex flex-wrap items-center gap-1">
                  <label className="sr-only" htmlFor={`agenda-title-${item.id}`}>Title</label>
                  <input id={`agenda-title-${item.id}`} value={item.title} maxLength={AGENDA_LIMITS.titleMaxLength} onChange={(e) => updateAgendaItem(doc, item.id, { title: e.target.value })} className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1" />
                  <label className="sr-only" htmlFor={`agenda-min-${item.id}`}>Minutes</label>
                  <input id={`agenda-min-${item.id}`} type="number" min={0} max={AGENDA_LIMITS.maxMinutes} value={item.minutes} onChange={(e) => updateAgendaItem(doc, item.id, { minutes: Number(e.target.value) || 0 })} className="w-16 rounded border border-slate-300 px-1 py-1" />
                  <span className="text-sm">min</span>
                </div>
              ) : (
                <p className="font-medium">
                  {i + 1}. {item.title || 'Untitled item'} <span className="font-normal text-slate-700">· {item.minutes} min</span>
                </p>
              )}
              <p className="text-sm text-slate-700">
                {isCurrent ? 'Now · ' : ''}
                <AgendaItemSpent item={item} /> · {focusLabel(options, item.focus)}
              </p>
              {isFacilitator && (
                <div className="mt-1 flex flex-wrap gap-1 text-sm">
                  <label className="sr-only" htmlFor={`agenda-focus-${item.id}`}>Focus</label>
                  <select id={`agenda-focus-${item.id}`} value={item.focus} onChange={(e) => updateAgendaItem(doc, item.id, { focus: e.target.value })} className="max-w-48 rounded border border-slate-300 bg-white px-1">
                    <option value="">No focus</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>{o.label}</option>
                    ))}
                  </select>
                  <button type="button" disabled={i === 0} onClick={() => moveAgendaItem(doc, item.id, i - 1)} className="rounded border border-slate-300 px-1.5 disabled:opacity-40" aria-label={`Move ${item.title} up`}>↑</button>
                  <button type="button" disabled={i === agenda.length - 1} onClick={() => moveAgendaItem(doc, item.id, i + 1)} className="rounded border border-slate-300 px-1.5 disabled:opacity-40" aria-label={`Move ${item.title} down`}>↓</button>
                  {!isCurrent && (
                    <button type="button" onClick={() => setCurrentItem(doc, item.id, clock.now())} className="rounded border border-slate-300 px-1.5">Make current</button>
                  )}
                  <button type="button" onClick={() => deleteAgendaItem(doc, item.id)} className="ml-auto text-red-800 underline" aria-label={`Delete agenda item ${item.title}`}>Delete</button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {isFacilitator && (
        <form onSubmit={submit} className="space-y-1 rounded-lg border border-dashed border-slate-400 p-2" aria-label="Add an agenda item">
          <div className="flex gap-1">
            <label className="sr-only" htmlFor="agenda-new-title">Agenda item title</label>
            <input id="agenda-new-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={AGENDA_LIMITS.titleMaxLength} placeholder="e.g. Agree the stages" className="min-w-0 flex-1 rounded border border-slate-400 px-2 py-1" />
            <label className="sr-only" htmlFor="agenda-new-minutes">Timebox in minutes</label>
            <input id="agenda-new-minutes" type="number" min={0} max={AGENDA_LIMITS.maxMinutes} value={minutes} onChange={(e) => setMinutes(Number(e.target.value) || 0)} className="w-16 rounded border border-slate-400 px-1" />
          </div>
          <div className="flex gap-1 text-sm">
            <label className="sr-only" htmlFor="agenda-new-focus">Focus of the new item</label>
            <select id="agenda-new-focus" value={focus} onChange={(e) => setFocusValue(e.target.value)} className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1">
              <option value="">No focus</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
            <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">Add to agenda</button>
          </div>
          {error && <p role="alert" className="text-sm text-red-800">{error}</p>}
        </form>
      )}
    </section>
  );
}
