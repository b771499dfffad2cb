import type * as Y from 'yjs';
import type { ItemRef } from '@/lib/doc/schema';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useProcess } from '@/components/process/use-process';
import { useMetrics } from '@/components/metrics/use-metrics';

const KIND_LABEL = { step: 'Step', sticky: 'Note', term: 'Term', metric: 'Metric' } as const;

export type ItemLabel = {
  kind: string;
  name: string;
  exists: boolean;
  /** The item in words: "Step 2. Qualify", "Term Opportunity", and a note's own words in quotes. */
  text: string;
};

/** A note is a sentence: "Note “Leads arrive late”" reads as one, "Note Leads arrive late" does not. */
function labelText(kind: string, name: string, ref: ItemRef, exists: boolean): string {
  return ref.kind === 'sticky' && exists ? `${kind} “${name}”` : `${kind} ${name}`;
}

/** Names board items for lists that link to them (heat map, parking lot). */
export function useItemLabels(board: Y.Doc): (ref: ItemRef) => ItemLabel {
  const { steps, stickiesByStep } = useProcess(board);
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const nameOf = (ref: ItemRef): { name: string; exists: boolean } => {
    if (ref.kind === 'step') {
      const index = steps.findIndex((s) => s.id === ref.id);
      const step = steps[index];
      return { name: step ? `${index + 1}. ${step.title || 'Untitled step'}` : 'a deleted step', exists: !!step };
    }
    if (ref.kind === 'sticky') {
      const sticky = [...stickiesByStep.values()].flat().find((n) => n.id === ref.id);
      return { name: sticky ? sticky.text || 'Empty note' : 'a deleted note', exists: !!sticky };
    }
    if (ref.kind === 'term') {
      const term = glossary.byId.get(ref.id);
      return { name: term ? term.name || 'Untitled term' : 'a deleted term', exists: !!term };
    }
    const metric = metrics.find((m) => m.id === ref.id);
    return { name: metric ? metric.name || 'Untitled metric' : 'a deleted metric', exists: !!metric };
  };
  return (ref) => {
    const kind = KIND_LABEL[ref.kind];
    const { name, exists } = nameOf(ref);
    return { kind, name, exists, text: labelText(kind, name, ref, exists) };
  };
}
