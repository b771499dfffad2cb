// bpmn-moddle is the model library of bpmn.io and Camunda Modeler: building the file with it
// (rather than by string templates) gets the namespaces, element order and escaping right,
// and the import reads files with the same library.
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { StepId } from '../doc/schema';
import { effectiveAttachment } from '../doc/metrics';
import { metricFormula, type Handbook, type HandbookMetric } from './handbook';
import { BPMN_DOC_LABELS, BPMN_METRIC_PREFIX, NO_OWNER_LANE } from './bpmn-names';
import { blocksToPlainText } from './plain-text';

export { NO_OWNER_LANE };

/**
 * The process as BPMN 2.0 XML: one pool (the workshop), one lane per owner role (in the order
 * the roles first appear), a start event, one task per step in order, sequence flows, an end
 * event, and the diagram (BPMNDI) — laid out here, column = step order, row = lane, because
 * Signavio refuses a file without one, bpmn.io shows nothing, and `bpmn-auto-layout` cannot
 * draw lanes. Boundary metrics go into `documentation` (bpmnlint flags labels on plain flows).
 */


const LAYOUT = { poolX: 160, poolY: 80, poolLabel: 30, laneHeight: 160, column: 180, margin: 20, task: { width: 100, height: 80 }, event: { width: 36, height: 36 } } as const;

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

  const laneNames: string[] = [];
  const laneOf = (s: Step) => {
    const name = s.ownerRole.trim() || NO_OWNER_LANE;
    if (!laneNames.includes(name)) laneNames.push(name);
    return laneNames.indexOf(name);
  };
  const stepLanes = h.steps.map(laneOf);
  if (laneNames.length === 0) laneNames.push(NO_OWNER_LANE);
  const metrics = metricsByStep(h);

  // Flow nodes in order: start, one task per step, end — each with its column and lane.
  type Node = { el: El; column: number; lane: number; size: { width: number; height: number } };
  const nodes: Node[] = [];
  nodes.push({ el: create('bpmn:StartEvent', { id: 'StartEvent_1', name: 'Start' }), column: 0, lane: stepLanes[0] ?? 0, size: LAYOUT.event });
  h.steps.forEach((s, i) => {
    const text = stepDocumentation(s, metrics.get(s.id) ?? []);
    const task = create('bpmn:Task', { id: `Task_${i + 1}`, name: s.title.trim() || 'Untitled step', documentation: text ? [create('bpmn:Documentation', { text })] : [] });
    nodes.push({ el: task, column: i + 1, lane: stepLanes[i] ?? 0, size: LAYOUT.task });
  });
  nodes.push({ el: create('bpmn:EndEvent', { id: 'EndEvent_1', name: 'End' }), column: h.steps.length + 1, lane: stepLanes.at(-1) ?? 0, size: LAYOUT.event });

  const flows: Array<{ el: El; from: Node; to: Node }> = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const flow = create('bpmn:SequenceFlow', { id: `Flow_${i + 1}`, sourceRef: from.el, targetRef: to.el });
    from.el.outgoing = [flow];
    to.el.incoming = [...((to.el.incoming as El[] | undefined) ?? []), flow];
    flows.push({ el: flow, from, to });
  }

  const lanes = laneNames.map((name, i) => create('bpmn:Lane', { id: `Lane_${i + 1}`, name, flowNodeRef: nodes.filter((n) => n.lane === i).map((n) => n.el) }));
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
  const { poolX, poolY, poolLabel, laneHeight, column, margin } = LAYOUT;
  const columns = h.steps.length + 2;
  const poolWidth = poolLabel + margin * 2 + columns * column;
  const centerX = (col: number) => poolX + poolLabel + margin + col * column + column / 2;
  const centerY = (lane: number) => poolY + lane * laneHeight + laneHeight / 2;
  const bounds = (x: number, y: number, width: number, height: number) => create('dc:Bounds', { x, y, width, height });
  const point = (x: number, y: number) => create('dc:Point', { x, y });
  const planeElement: El[] = [
    create('bpmndi:BPMNShape', { id: 'Participant_1_di', bpmnElement: participant, isHorizontal: true, bounds: bounds(poolX, poolY, poolWidth, laneNames.length * laneHeight) }),
    ...lanes.map((lane, i) =>
      create('bpmndi:BPMNShape', { id: `Lane_${i + 1}_di`, bpmnElement: lane, isHorizontal: true, bounds: bounds(poolX + poolLabel, poolY + i * laneHeight, poolWidth - poolLabel, laneHeight) }),
    ),
    ...nodes.map((n) =>
      create('bpmndi:BPMNShape', { id: `${n.el.id}_di`, bpmnElement: n.el, bounds: bounds(centerX(n.column) - n.size.width / 2, centerY(n.lane) - n.size.height / 2, n.size.width, n.size.height) }),
    ),
    ...flows.map(({ el, from, to }) => {
      const [sx, sy] = [centerX(from.column) + from.size.width / 2, centerY(from.lane)];
      const [tx, ty] = [centerX(to.column) - to.size.width / 2, centerY(to.lane)];
      const mx = (sx + tx) / 2;
      const waypoint = sy === ty ? [point(sx, sy), point(tx, ty)] : [point(sx, sy), point(mx, sy), point(mx, ty), point(tx, ty)];
      return create('bpmndi:BPMNEdge', { id: `${el.id}_di`, bpmnElement: el, waypoint });
    }),
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
