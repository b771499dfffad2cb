'use client';

import type { MetricRecord } from '@/lib/doc/schema';
import { useNavigation } from '@/components/workshop/board-navigation';

/** A metric as a step card shows it; `boundary` names the two steps when it sits between them. */
export type StepMetricView = { readonly metric: MetricRecord; readonly boundary: string };

/** The metrics a step's card shows: on the step itself, or on a boundary it is part of. */
export function StepMetrics({ metrics, stepLabel }: { metrics: readonly StepMetricView[]; stepLabel: string }) {
  const { goTo } = useNavigation();
  if (metrics.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label={`Metrics on ${stepLabel}`}>
      {metrics.map(({ metric, boundary }) => (
        <li key={metric.id}>
          <button type="button" onClick={() => goTo({ kind: 'metric', id: metric.id })} className="w-full rounded border border-teal-600 bg-teal-50 px-2 py-1 text-left text-sm hover:bg-teal-100">
            <span className="font-semibold">{metric.name || 'Untitled metric'}</span>
            {metric.target && <span className="text-slate-700"> · target {metric.target}</span>}
            {boundary && <span className="block text-xs text-slate-700">{boundary}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
