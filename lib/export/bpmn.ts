// bpmn-moddle is the model library of bpmn.io and Camunda Modeler: building the file with it
// (rather than by string templates) gets the namespaces, element order and escaping right,
// and the import reads files with the same library.
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { StepId } from '../doc/schema';
import { effectiveAttachment } from '../doc/metrics';
import { metricFormula, type Handbook, type HandbookMetric } from './handbook';
import { BPMN_DOC_LABELS, BPMN_METRIC_PREFIX, NO_OWNER_LANE } from './bpmn-names';
import { blocksToPlainText } from './plain-text';
import { layoutProcess, type LayoutNode } from './process-layout';

export { NO_OWNER_LANE };

/**
 * The process as BPMN 2.0 XML: one pool (the workshop), one lane per owner role (in the order
 * the roles first appear), a start event, one task per step in order, sequence flows, an end
 * event, and the diagram (BPMNDI) — laid out by ourselves (process-layout.ts, which the printable
 * handbook draws too), column = step order, row = lane, because Signavio refuses a file without
 * one, bpmn.io shows nothing, and `bpmn-auto-layout` cannot draw lanes. Boundary metrics go into
 * `documentation` (bpmnlint flags labels on plain flows).
 */

function metricLine(m: HandbookMetric): string {
  const details = [metricFormula(m), m.target && `target ${m.target}`, m.cadence && `cadence ${m.cadence}`, m.owner && `owner ${m.owner}`].filter(Boolean).join('; ');
  return `${BPMN_METRIC_PREFIX}${m.name} (${m.measures})${details ? `: ${details}` : ''}`;
}

type Step = Handbook['steps'][number];

/** The text of a task's `documentation`: the description, then one labelled line per field, then its metrics. */
export function stepDocumentation(step: Step, metrics: readonly HandbookMetric[]): string {
  const lines = (Object.keys(BPMN_DOC_LABELS) as Array<keyof typeof BPMN_DOC_LABELS>).filter((k) => step[k].trim()).map((k) => `${BPMN_DOC_LABELS[k]}: ${step[k].trim()}`);
  lines.push(...metrics.map(metricLine));
  return [blocksToPlainText(step.descriptionBlocks), lines.join('\n')].filter(Boolean).join('\n\n');
}

/** Which steps a metric belongs to in the diagram: a boundary metric to the step it leaves. */
function metricsByStep(h: Handbook): Map<string, HandbookMetric[]> {
  const ids = new Set<string>(h.steps.map((s) => s.id));
  const out = new Map<string, HandbookMetric[]>();
  for (const m of h.metrics) {
    const a = effectiveAttachment(m, (id: StepId) => ids.has(id));
    const at = a.kind === 'step' ? a.stepId : a.kind === 'boundary' ? a.fromStepId : null;
    if (at) out.set(at, [...(out.get(at) ?? []), m]);
  }
  return out;
}

type El = ModdleElement;

export async function handbookToBpmn(h: Handbook): Promise<string> {
  const moddle = new BpmnModdle();
  const create = (type: string, attrs: Record<string, unknown>): El => moddle.create(type, attrs);
  const layout = layoutProcess(h.steps);
  const metrics = metricsByStep(h);

  // Flow nodes in order: start, one task per step, end — each placed by the layout.
  const element = (n: LayoutNode): El => {
    if (n.kind !== 'task' || n.stepIndex === null) return create(n.kind === 'start' ? 'bpmn:StartEvent' : 'bpmn:EndEvent', { id: n.id, name: n.label });
    const step = h.steps[n.stepIndex]!;
    const text = stepDocumentation(step, metrics.get(step.id) ?? []);
    return create('bpmn:Task', { id: n.id, name: n.label, documentation: text ? [create('bpmn:Documentation', { text })] : [] });
  };
  const nodes = layout.nodes.map((n) => ({ el: element(n), at: n }));

  const flows = layout.edges.map((edge) => {
    const from = nodes[edge.from]!.el;
    const to = nodes[edge.to]!.el;
    const flow = create('bpmn:SequenceFlow', { id: edge.id, sourceRef: from, targetRef: to });
    from.outgoing = [...((from.outgoing as El[] | undefined) ?? []), flow];
    to.incoming = [...((to.incoming as El[] | undefined) ?? []), flow];
    return { el: flow, edge };
  });

  const lanes = layout.lanes.map((lane) => create('bpmn:Lane', { id: `Lane_${lane.index + 1}`, name: lane.name, flowNodeRef: nodes.filter((n) => n.at.lane === lane.index).map((n) => n.el) }));
  const title = h.title.trim() || 'Untitled workshop';
  const process = create('bpmn:Process', {
    id: 'Process_1',
    name: title,
    isExecutable: false,
    laneSets: [create('bpmn:LaneSet', { id: 'LaneSet_1', lanes })],
    flowElements: [...nodes.map((n) => n.el), ...flows.map((f) => f.el)],
  });
  const participant = create('bpmn:Participant', { id: 'Participant_1', name: title, processRef: process });
  const collaboration = create('bpmn:Collaboration', { id: 'Collaboration_1', participants: [participant] });

  // The diagram.
  const bounds = (b: { x: number; y: number; width: number; height: number }) => create('dc:Bounds', { x: b.x, y: b.y, width: b.width, height: b.height });
  const planeElement: El[] = [
    create('bpmndi:BPMNShape', { id: 'Participant_1_di', bpmnElement: participant, isHorizontal: true, bounds: bounds(layout.pool) }),
    ...layout.lanes.map((lane, i) => create('bpmndi:BPMNShape', { id: `Lane_${lane.index + 1}_di`, bpmnElement: lanes[i], isHorizontal: true, bounds: bounds(lane) })),
    ...nodes.map((n) => create('bpmndi:BPMNShape', { id: `${n.el.id}_di`, bpmnElement: n.el, bounds: bounds(n.at) })),
    ...flows.map(({ el, edge }) => create('bpmndi:BPMNEdge', { id: `${el.id}_di`, bpmnElement: el, waypoint: edge.waypoints.map((p) => create('dc:Point', { x: p.x, y: p.y })) })),
  ];
  const diagram = create('bpmndi:BPMNDiagram', { id: 'Diagram_1', plane: create('bpmndi:BPMNPlane', { id: 'Plane_1', bpmnElement: collaboration, planeElement }) });

  const definitions = create('bpmn:Definitions', {
    id: 'Definitions_1',
    targetNamespace: 'urn:common-ground:process',
    exporter: 'Common Ground',
    exporterVersion: '1',
    rootElements: [collaboration, process],
    diagrams: [diagram],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return `${xml}\n`;
}
