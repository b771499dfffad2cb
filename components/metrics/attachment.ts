import type { MetricAttachment, StepRecord } from '@/lib/doc/schema';

/** How an attachment reads: "Step 2: Propose", "Qualify → Propose", "Not attached". */
export function describeAttachment(attachment: MetricAttachment, steps: readonly StepRecord[]): string {
  const name = (id: string) => {
    const i = steps.findIndex((s) => s.id === id);
    return i < 0 ? null : steps[i]!.title || `Step ${i + 1}`;
  };
  if (attachment.kind === 'step') return name(attachment.stepId) ? `Step: ${name(attachment.stepId)}` : 'Not attached (its step was deleted)';
  if (attachment.kind === 'boundary') {
    const from = name(attachment.fromStepId);
    const to = name(attachment.toStepId);
    return from && to ? `${from} → ${to}` : 'Not attached (a step was deleted)';
  }
  return 'Not attached';
}

export function encodeAttachment(a: MetricAttachment): string {
  return a.kind === 'none' ? '' : a.kind === 'step' ? `step:${a.stepId}` : `boundary:${a.fromStepId}:${a.toStepId}`;
}

export function decodeAttachment(value: string): MetricAttachment {
  const [kind, a, b] = value.split(':');
  if (kind === 'step' && a) return { kind: 'step', stepId: a as never };
  if (kind === 'boundary' && a && b) return { kind: 'boundary', fromStepId: a as never, toStepId: b as never };
  return { kind: 'none' };
}
