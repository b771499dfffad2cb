'use client';

import { useState, type FormEvent } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { addMetric } from '@/lib/doc/metrics';
import { BoardLimitError } from '@/lib/doc/fields';
import type { PresenceState } from '@/lib/presence';
import { LIMITS } from '@/lib/protocol';
import { TERM_STATUS_CLASS, TERM_STATUS_LABEL } from '@/components/glossary/term-status';
import { useProcess } from '@/components/process/use-process';
import { FlagButton } from '@/components/signals/flag-button';
import { ConsensusButton } from '@/components/facilitation/consensus-button';
import { ParkButton } from '@/components/signals/park-button';
import { useSignals } from '@/components/signals/signals-context';
import { useNavigation } from '@/components/workshop/board-navigation';
import { describeAttachment } from './attachment';
import { MetricEditor } from './metric-editor';

type Props = { board: Y.Doc; awareness: Awareness; user: PresenceState['user'] };

/** The common set of metrics, tied to the process. */
export function MetricsPanel({ board, awareness, user }: Props) {
  const { metrics } = useSignals();
  const { steps } = useProcess(board);
  const { openMetricId, openMetric } = useNavigation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the metric a name.');
    try {
      openMetric(addMetric(board, { name }));
      setName('');
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The metric could not be added.');
    }
  }
  return (
    <section aria-labelledby="metrics-heading" className="space-y-3">
      <h2 id="metrics-heading" className="text-xl font-semibold">
        Metrics <span className="text-base font-normal text-slate-600">({metrics.length})</span>
      </h2>
      <form onSubmit={submit} className="flex gap-2" aria-label="Add a metric">
        <label htmlFor="new-metric-name" className="sr-only">
          New metric name
        </label>
        <input id="new-metric-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={LIMITS.metricNameMaxLength} placeholder="New metric, e.g. Win rate" className="min-w-0 flex-1 rounded-md border border-slate-400 px-2 py-1.5" />
        <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800">
          Add metric
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      {metrics.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-400 bg-white p-4 text-slate-700">No metrics yet. Add how the room will measure the process — and attach each to the step it measures.</p>
      ) : (
        <ul className="space-y-2" aria-label="Metrics, A to Z">
          {metrics.map((metric) => {
            const open = openMetricId === metric.id;
            const label = metric.name || 'Untitled metric';
            return (
              <li key={metric.id} className={`rounded-lg border bg-white p-3 ${open ? 'border-blue-600' : 'render-when-visible-row border-slate-200'}`} aria-label={label}>
                <div className="flex flex-wrap items-center gap-2">
                  <button type="button" onClick={() => openMetric(open ? null : metric.id)} aria-expanded={open} className="font-semibold text-blue-900 hover:underline">
                    {label}
                  </button>
                  <span className={`rounded px-1.5 text-xs font-medium ${TERM_STATUS_CLASS[metric.status]}`}>{TERM_STATUS_LABEL[metric.status]}</span>
                  <span className="text-sm text-slate-700">{describeAttachment(metric.attachment, steps)}</span>
                </div>
                <div className="mt-1 flex gap-1">
                  <FlagButton item={{ kind: 'metric', id: metric.id }} label={label} />
                  <ParkButton item={{ kind: 'metric', id: metric.id }} label={label} />
                  <ConsensusButton board={board} item={{ kind: 'metric', id: metric.id }} label={label} />
                </div>
                {open && <MetricEditor board={board} metric={metric} steps={steps} awareness={awareness} user={user} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
