'use client';

import { useState, type FormEvent } from 'react';
import { BoardLimitError } from '@/lib/doc/fields';
import { addParkingItem, deleteParkingItem, setParkingResolved, setParkingText } from '@/lib/doc/signals';
import { itemKey, parseItemKey } from '@/lib/doc/schema';
import { LIMITS } from '@/lib/protocol';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useProcess } from '@/components/process/use-process';
import { useSignals } from './signals-context';
import { useItemLabels } from './use-item-label';

/** The parking lot: questions to come back to, each linked to where it came from. */
export function ParkingLotPanel({ author }: { author: string }) {
  const { board, signals, metrics } = useSignals();
  const { parkingSource, park, goTo } = useNavigation();
  const { steps } = useProcess(board);
  const { glossary } = useGlossary();
  const labelOf = useItemLabels(board);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      addParkingItem(board, { text, source: parkingSource, createdBy: author });
      setText('');
      setError(null);
      park(null, { reveal: false });
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The item could not be added.');
    }
  }
  return (
    <section aria-labelledby="parking-heading" className="space-y-3">
      <h2 id="parking-heading" className="text-xl font-semibold">
        Parking lot
      </h2>
      <form onSubmit={submit} className="space-y-1" aria-label="Add to the parking lot">
        <label htmlFor="parking-text" className="sr-only">
          What to park
        </label>
        <input id="parking-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.parkingTextMaxLength} placeholder="A question to come back to" className="w-full rounded border border-slate-400 px-2 py-1.5" />
        <div className="flex gap-2 text-sm">
          <label htmlFor="parking-source" className="sr-only">
            Linked to
          </label>
          <select
            id="parking-source"
            value={parkingSource ? itemKey(parkingSource) : ''}
            onChange={(e) => park(parseItemKey(e.target.value), { reveal: false })}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1"
          >
            <option value="">Not linked</option>
            {steps.map((s, i) => (
              <option key={s.id} value={itemKey({ kind: 'step', id: s.id })}>
                Step {i + 1}. {s.title || 'Untitled step'}
              </option>
            ))}
            {glossary.terms.map((t) => (
              <option key={t.id} value={itemKey({ kind: 'term', id: t.id })}>
                Term: {t.name || 'Untitled term'}
              </option>
            ))}
            {metrics.map((m) => (
              <option key={m.id} value={itemKey({ kind: 'metric', id: m.id })}>
                Metric: {m.name || 'Untitled metric'}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">
            Park it
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
        )}
      </form>
      {signals.parking.length === 0 ? (
        <p className="text-slate-700">Nothing parked. Park questions that would derail the current discussion.</p>
      ) : (
        <ul className="space-y-2" aria-label="Parked items">
          {signals.parking.map((item) => {
            const source = item.source ? labelOf(item.source) : null;
            return (
              <li key={item.id} className={`space-y-1 rounded-lg border p-2 ${item.resolved ? 'border-slate-200 bg-slate-100' : 'border-slate-300 bg-white'}`}>
                <SharedTextField label="Parked item" hideLabel value={item.text} onChange={(next) => setParkingText(board, item.id, next)} maxLength={LIMITS.parkingTextMaxLength} className={item.resolved ? 'border-transparent line-through' : 'border-transparent'} />
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {source && item.source && (
                    <button type="button" disabled={!source.exists} onClick={() => item.source && goTo(item.source)} className="text-blue-900 underline disabled:text-slate-500">
                      From {source.kind.toLowerCase()} {source.name}
                    </button>
                  )}
                  <span className="text-slate-600">{item.createdBy}</span>
                  <button type="button" onClick={() => setParkingResolved(board, item.id, !item.resolved)} className="ml-auto rounded border border-slate-300 bg-white px-2">
                    {item.resolved ? 'Reopen' : 'Resolve'}
                  </button>
                  <button type="button" onClick={() => deleteParkingItem(board, item.id)} className="text-red-800 underline" aria-label={`Delete parked item ${item.text.slice(0, 40)}`}>
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
