import type * as Y from 'yjs';
import { PANEL_FOCUSES, variantsFocus, type PanelFocus } from '@/lib/doc/sessions';
import { itemKey } from '@/lib/doc/schema';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useProcess } from '@/components/process/use-process';
import { useMetrics } from '@/components/metrics/use-metrics';
import { useVariants } from '@/components/variants/use-variants';

export const PANEL_LABEL: Record<PanelFocus, string> = {
  process: 'The process map',
  glossary: 'The glossary',
  metrics: 'The metrics',
  parking: 'The parking lot',
  vote: 'The vote',
  heatmap: 'The confusion heat map (projector)',
};

/** Everything the room can be focused on: the panels and every step, term and metric. */
export function useFocusOptions(board: Y.Doc): Array<{ value: string; label: string }> {
  const { steps } = useProcess(board);
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const { contested } = useVariants(board);
  return [
    ...PANEL_FOCUSES.map((p) => ({ value: p, label: PANEL_LABEL[p] })),
    ...steps.map((s, i) => ({ value: itemKey({ kind: 'step', id: s.id }), label: `Step ${i + 1}: ${s.title || 'Untitled step'}` })),
    ...glossary.terms.map((t) => ({ value: itemKey({ kind: 'term', id: t.id }), label: `Term: ${t.name || 'Untitled term'}` })),
    ...metrics.map((m) => ({ value: itemKey({ kind: 'metric', id: m.id }), label: `Metric: ${m.name || 'Untitled metric'}` })),
    // Contested terms and metrics: their team definitions side by side, then the consensus result.
    ...glossary.terms.filter((t) => contested.has(itemKey({ kind: 'term', id: t.id }))).map((t) => ({ value: variantsFocus({ kind: 'term', id: t.id }), label: `Contested term: ${t.name || 'Untitled term'}` })),
    ...metrics.filter((m) => contested.has(itemKey({ kind: 'metric', id: m.id }))).map((m) => ({ value: variantsFocus({ kind: 'metric', id: m.id }), label: `Contested metric: ${m.name || 'Untitled metric'}` })),
  ];
}

export function focusLabel(options: ReadonlyArray<{ value: string; label: string }>, focus: string): string {
  return options.find((o) => o.value === focus)?.label ?? 'Nothing in particular';
}
