'use client';

import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { attachMetric, deleteMetric, effectiveAttachment, metricMaxLength, setMetricStatus, setMetricText } from '@/lib/doc/metrics';
import { metricDefinitionField, type MetricRecord, type MetricTextField, type StepRecord } from '@/lib/doc/schema';
import type { PresenceState } from '@/lib/presence';
import { HighlightedText } from '@/components/glossary/highlighted-text';
import { StatusSelect } from '@/components/glossary/status-select';
import { RichTextEditor } from '@/components/ui/rich-text';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { useNavigation } from '@/components/workshop/board-navigation';
import { decodeAttachment, describeAttachment, encodeAttachment } from './attachment';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';
import { VariantPanel } from '@/components/variants/variant-panel';

const FIELDS: ReadonlyArray<{ field: Exclude<MetricTextField, 'name' | 'numerator' | 'denominator'>; label: string }> = [
  { field: 'unit', label: 'Unit' },
  { field: 'target', label: 'Target' },
  { field: 'cadence', label: 'Cadence' },
  { field: 'dataSource', label: 'Data source' },
  { field: 'owner', label: 'Owner' },
];

type Props = { board: Y.Doc; metric: MetricRecord; steps: readonly StepRecord[]; awareness: Awareness; user: PresenceState['user'] };

/** Everything about one metric, editable live by everyone. */
export function MetricEditor({ board, metric, steps, awareness, user }: Props) {
  const { undo } = useBoardUndoContext();
  const { openMetric } = useNavigation();
  const label = metric.name || 'Untitled metric';
  const locked = useLockedForMe({ kind: 'metric', id: metric.id });
  const field = (f: MetricTextField, fieldLabel: string) => (
    <SharedTextField key={f} label={fieldLabel} value={metric[f]} onChange={(next) => setMetricText(board, metric.id, f, next)} maxLength={metricMaxLength(f)} readOnly={locked} />
  );
  const current = effectiveAttachment(metric, (id) => steps.some((s) => s.id === id));
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3">
      {field('name', 'Name')}
      <div>
        <p className="text-sm font-medium text-slate-700">Definition</p>
        <RichTextEditor board={board} field={metricDefinitionField(metric.id)} awareness={awareness} user={user} label={`Definition of ${label}`} readOnly={locked} />
      </div>
      <fieldset className="space-y-1 rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-sm font-medium text-slate-700">Formula</legend>
        {field('numerator', 'Numerator (in words)')}
        {field('denominator', 'Denominator (in words)')}
        {(metric.numerator || metric.denominator) && (
          <p className="text-sm" aria-label="Formula with glossary terms">
            <HighlightedText text={metric.numerator || '…'} /> <span aria-hidden="true">÷</span>
            <span className="sr-only">divided by</span> <HighlightedText text={metric.denominator || '…'} />
          </p>
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-2">{FIELDS.map(({ field: f, label: l }) => field(f, l))}</div>
      <VariantPanel board={board} item={{ kind: 'metric', id: metric.id }} label={label} user={user} agreed={metric.status === 'agreed'} />
      <div className="grid grid-cols-2 gap-2">
        <StatusSelect id={`metric-status-${metric.id}`} value={metric.status} disabled={locked} onChange={(status) => setMetricStatus(board, metric.id, status)} />
        <div>
          <label htmlFor={`metric-attach-${metric.id}`} className="block text-sm font-medium text-slate-700">
            Measures
          </label>
          <select id={`metric-attach-${metric.id}`} disabled={locked} value={encodeAttachment(current)} onChange={(e) => attachMetric(board, metric.id, decodeAttachment(e.target.value))} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Not attached</option>
            {steps.map((s, i) => (
              <option key={s.id} value={encodeAttachment({ kind: 'step', stepId: s.id })}>
                Step {i + 1}: {s.title || 'Untitled step'}
              </option>
            ))}
            {steps.slice(1).map((s, i) => (
              <option key={`b-${s.id}`} value={encodeAttachment({ kind: 'boundary', fromStepId: steps[i]!.id, toStepId: s.id })}>
                {describeAttachment({ kind: 'boundary', fromStepId: steps[i]!.id, toStepId: s.id }, steps)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button
        type="button"
        disabled={locked}
        onClick={() => {
          undo.stopCapturing();
          deleteMetric(board, metric.id);
          openMetric(null);
        }}
        className="text-sm text-red-800 underline"
        aria-label={`Delete metric ${label}`}
      >
        Delete metric
      </button>
    </div>
  );
}
