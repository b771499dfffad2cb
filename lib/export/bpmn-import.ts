import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import * as Y from 'yjs';
import { seedFacilitation } from '../doc/facilitation';
import { addStep, setStepText } from '../doc/process';
import { setFragmentPlainText } from '../doc/rich-text';
import { RICH_TEXT_MAX_LENGTH, SEED_ORIGIN, stepDescriptionField, type StepTextField } from '../doc/schema';
import { seedBoardBase } from '../doc/workshop';
import { LIMITS } from '../protocol';
import { BPMN_DOC_LABELS, BPMN_METRIC_PREFIX, NO_OWNER_LANE } from './bpmn-names';

/**
 * Starting from an existing process: a `.bpmn` file (Signavio, Camunda, bpmn.io, our own export)
 * as a new workshop. Tasks (every kind of activity) in sequence-flow order become steps, the lane
 * a task sits in becomes its owner (the pool's name when there are no lanes), `documentation`
 * becomes the description — and the labelled lines our export writes ("Entry criteria: …")
 * go back into their fields. A file that is not BPMN, or has no task, is refused as a whole.
 */
export const BPMN_MAX_BYTES = 5 * 1024 * 1024;

export type ImportedStep = { title: string; ownerRole: string; description: string } & Partial<Record<'entryCriteria' | 'exitCriteria' | 'inputs' | 'outputs', string>>;
export type ParsedBpmn = { ok: true; title: string; steps: ImportedStep[] } | { ok: false; error: string };

const is = (el: ModdleElement | undefined, type: string): boolean => !!el && (el.$instanceOf as ((t: string) => boolean) | undefined)?.(type) === true;
const clean = (text: unknown) => (typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '');

/** Splits documentation into the description and the labelled fields our export writes. */
function readDocumentation(text: string): Pick<ImportedStep, 'description' | 'entryCriteria' | 'exitCriteria' | 'inputs' | 'outputs'> {
  const fields: Partial<Record<keyof typeof BPMN_DOC_LABELS, string>> = {};
  const rest: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const field = (Object.keys(BPMN_DOC_LABELS) as Array<keyof typeof BPMN_DOC_LABELS>).find((k) => line.startsWith(`${BPMN_DOC_LABELS[k]}: `));
    if (field) fields[field] = line.slice(BPMN_DOC_LABELS[field].length + 2).trim();
    else if (!line.startsWith(BPMN_METRIC_PREFIX)) rest.push(line);
  }
  return { description: rest.join('\n').replace(/\n{3,}/g, '\n\n').trim(), ...fields };
}

/**
 * Flow nodes of a process in sequence order: breadth-first from its start events (or nodes
 * nothing flows into), then any not reached, in file order. Edges come from the sequence flows
 * themselves: a file need not list `incoming`/`outgoing` on its nodes.
 */
function inSequenceOrder(elements: ModdleElement[]): ModdleElement[] {
  const nodes = elements.filter((e) => is(e, 'bpmn:FlowNode'));
  const next = new Map<ModdleElement, ModdleElement[]>();
  const hasIncoming = new Set<ModdleElement>();
  for (const flow of elements.filter((e) => is(e, 'bpmn:SequenceFlow'))) {
    if (!flow.sourceRef || !flow.targetRef) continue;
    next.set(flow.sourceRef, [...(next.get(flow.sourceRef) ?? []), flow.targetRef]);
    hasIncoming.add(flow.targetRef);
  }
  const starts = nodes.filter((n) => is(n, 'bpmn:StartEvent') || !hasIncoming.has(n));
  const seen = new Set<ModdleElement>();
  const order: ModdleElement[] = [];
  const queue = [...starts];
  for (;;) {
    const node = queue.shift() ?? nodes.find((n) => !seen.has(n));
    if (!node) break;
    if (seen.has(node)) continue;
    seen.add(node);
    order.push(node);
    for (const target of next.get(node) ?? []) if (!seen.has(target)) queue.push(target);
  }
  return order;
}

/** The innermost lane of each flow node (lanes can nest through child lane sets). */
function lanesOf(process: ModdleElement): Map<ModdleElement, string> {
  const out = new Map<ModdleElement, string>();
  const walk = (laneSet: ModdleElement | undefined) => {
    for (const lane of (laneSet?.lanes as ModdleElement[] | undefined) ?? []) {
      for (const node of (lane.flowNodeRef as ModdleElement[] | undefined) ?? []) out.set(node, clean(lane.name));
      walk(lane.childLaneSet);
    }
  };
  for (const laneSet of (process.laneSets as ModdleElement[] | undefined) ?? []) walk(laneSet);
  return out;
}

export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  if (xml.length > BPMN_MAX_BYTES) return { ok: false, error: `The BPMN file is larger than ${BPMN_MAX_BYTES / 1024 / 1024} MiB.` };
  if (!/<([\w-]+:)?definitions[\s>]/.test(xml)) return { ok: false, error: 'This is not a BPMN 2.0 file (no <definitions> element).' };
  let definitions: ModdleElement;
  try {
    // bpmn-moddle's XML reader (saxen) does not resolve entities or DTDs: no XXE, no entity bombs.
    ({ rootElement: definitions } = await new BpmnModdle().fromXML(xml));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { ok: false, error: `This is not a readable BPMN 2.0 file (${reason}).` };
  }
  const roots = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const participants = roots.filter((r) => is(r, 'bpmn:Collaboration')).flatMap((c) => (c.participants as ModdleElement[] | undefined) ?? []);
  const processes = roots.filter((r) => is(r, 'bpmn:Process'));
  const steps: ImportedStep[] = [];
  for (const process of processes) {
    const pool = participants.find((p) => p.processRef === process);
    const lanes = lanesOf(process);
    for (const node of inSequenceOrder((process.flowElements as ModdleElement[] | undefined) ?? [])) {
      if (!is(node, 'bpmn:Activity')) continue;
      const documentation = ((node.documentation as ModdleElement[] | undefined) ?? []).map((d) => (typeof d.text === 'string' ? d.text : '')).join('\n\n');
      const lane = lanes.get(node);
      const owner = lane === NO_OWNER_LANE ? '' : (lane ?? clean(pool?.name));
      steps.push({ title: clean(node.name) || 'Untitled step', ownerRole: owner, ...readDocumentation(documentation) });
    }
  }
  if (steps.length === 0) return { ok: false, error: 'The BPMN file has no tasks to turn into steps.' };
  if (steps.length > LIMITS.maxSteps) return { ok: false, error: `The BPMN file has ${steps.length} tasks; a workshop can have at most ${LIMITS.maxSteps} steps.` };
  const title = clean(participants[0]?.name) || clean(processes[0]?.name) || clean(definitions.name) || 'Imported process';
  return { ok: true, title, steps };
}

/**
 * The documents of the new workshop. Over-long titles and fields are cut to the board's limits
 * (a modeler allows longer names than a step card shows; the description keeps the full text
 * up to the rich-text limit).
 */
export function bpmnToSeeds(parsed: Extract<ParsedBpmn, { ok: true }>): { board: Uint8Array; facilitation: Uint8Array } {
  const doc = seedBoardBase(parsed.title);
  doc.transact(() => {
    for (const step of parsed.steps) {
      const id = addStep(doc, { title: step.title }, SEED_ORIGIN);
      for (const field of ['ownerRole', 'entryCriteria', 'exitCriteria', 'inputs', 'outputs'] as StepTextField[]) {
        const value = field === 'ownerRole' ? step.ownerRole : step[field as keyof ImportedStep];
        if (value) setStepText(doc, id, field, value.slice(0, LIMITS.stepFieldMaxLength), SEED_ORIGIN);
      }
      if (step.description) setFragmentPlainText(doc.getXmlFragment(stepDescriptionField(id)), step.description.slice(0, RICH_TEXT_MAX_LENGTH));
    }
  }, SEED_ORIGIN);
  const board = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { board, facilitation: seedFacilitation() };
}
