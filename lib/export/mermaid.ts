import type { StepId } from '../doc/schema';
import { effectiveAttachment } from '../doc/metrics';
import type { Handbook } from './handbook';
import { layoutProcess } from './process-layout';

/**
 * The process as a Mermaid flowchart, which GitHub and GitLab render inside Markdown: one
 * subgraph per owner role, the steps in order joined by arrows, and each boundary metric as the
 * label of the arrow between its two steps (a dotted arrow when the steps are not neighbours).
 */

/**
 * Text inside a quoted Mermaid label: quotes, angle brackets and `#` as Mermaid's entity codes
 * (`#quot;` etc.), so a title can never close the label or open markup; line breaks as spaces.
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}

/** Node ids: `s1`, `s2`, … in step order; subgraph ids `role1`, … in order of first appearance. */
export function handbookToMermaid(h: Handbook): string {
  // The lanes of process.bpmn and the printed diagram, as subgraphs.
  const layout = layoutProcess(h.steps);
  const nodeOf = new Map<string, string>(h.steps.map((s, i) => [s.id, `s${i + 1}`]));
  const out = ['flowchart LR'];
  if (h.steps.length === 0) out.push('  empty["No steps yet"]');
  else {
    for (const lane of layout.lanes) {
      out.push(`  subgraph role${lane.index + 1}["${mermaidLabel(lane.name)}"]`);
      for (const n of layout.nodes) {
        if (n.stepIndex !== null && n.lane === lane.index) out.push(`    s${n.stepIndex + 1}["${mermaidLabel(`${n.stepIndex + 1}. ${n.label}`)}"]`);
      }
      out.push('  end');
    }
  }

  // Boundary metrics by the pair of steps they sit between.
  const exists = (id: StepId) => nodeOf.has(id);
  const labels = new Map<string, string[]>();
  for (const m of h.metrics) {
    const a = effectiveAttachment(m, exists);
    if (a.kind !== 'boundary') continue;
    const key = `${nodeOf.get(a.fromStepId)}>${nodeOf.get(a.toStepId)}`;
    labels.set(key, [...(labels.get(key) ?? []), m.name.trim() || 'Untitled metric']);
  }
  const edge = (from: string, to: string, dotted: boolean) => {
    const names = labels.get(`${from}>${to}`);
    labels.delete(`${from}>${to}`);
    const arrow = dotted ? '-.->' : '-->';
    return names ? `  ${from} ${arrow}|"${mermaidLabel(names.join(', '))}"| ${to}` : `  ${from} ${arrow} ${to}`;
  };
  for (let i = 1; i < h.steps.length; i++) out.push(edge(`s${i}`, `s${i + 1}`, false));
  for (const key of [...labels.keys()]) {
    const [from, to] = key.split('>') as [string, string];
    out.push(edge(from, to, true));
  }
  return out.join('\n');
}
