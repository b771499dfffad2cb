'use client';

import type { MetricRecord, StepRecord } from '@/lib/doc/schema';
import { describeAttachment } from '@/components/metrics/attachment';
import { useNavigation } from '@/components/workshop/board-navigation';

/** The metrics a step's card shows: on the step itself, or on a boundary it is part of. */
export function StepMetrics({ metrics, steps, stepLabel }: { metrics: readonly MetricRecord[]; steps: readonly StepRecord[]; stepLabel: string }) {
  const { goTo } = useNavigation();
  if (metrics.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label={`Metrics on ${stepLabel}`}>
      {metrics.map((metric) => (
        <li key={metric.id}>
          <button type="button" onClick={() => goTo({ kind: 'metric', id: metric.id })} className="w-full rounded border border-teal-600 bg-teal-50 px-2 py-1 text-left text-sm hover:bg-teal-100">
            <span className="font-semibold">{metric.name || 'Untitled metric'}</span>
            {metric.target && <span className="text-slate-700"> · target {metric.target}</span>}
            {metric.attachment.kind === 'boundary' && <span className="block text-xs text-slate-700">{describeAttachment(metric.attachment, steps)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
