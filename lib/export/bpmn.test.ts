import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addStep, setStepText } from '../doc/process';
import { setTitle } from '../doc/workshop';
import { handbookToBpmn, NO_OWNER_LANE } from './bpmn';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';
import { lintReports, readBpmn, xsdErrors } from './testing/bpmn-check';

const DATE = new Date('2026-11-26T10:00:00Z');

async function checkedBpmn(board: Y.Doc, facilitation = new Y.Doc()) {
  const xml = await handbookToBpmn(buildHandbook(board, facilitation, DATE));
  const { rootElement, warnings } = await readBpmn(xml);
  expect(warnings.map((w) => w.message)).toEqual([]);
  expect(await xsdErrors(xml)).toEqual([]);
  expect(await lintReports(xml)).toEqual([]);
  return { xml, definitions: rootElement };
}

describe('process.bpmn', () => {
  it('is valid BPMN: bpmn-moddle reads it without warnings, the XSDs accept it, bpmnlint (recommended) reports nothing', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const { definitions } = await checkedBpmn(board, facilitation);
    const process = definitions.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
    const flowNodes = process.flowElements.filter((e: { $type: string }) => e.$type !== 'bpmn:SequenceFlow');
    expect(flowNodes.map((n: { $type: string; name: string }) => `${n.$type} ${n.name}`)).toEqual(['bpmn:StartEvent Start', 'bpmn:Task Qualify', 'bpmn:Task Propose', 'bpmn:EndEvent End']);
    // One lane per owner role; the step without an owner gets a lane of its own.
    const lanes = process.laneSets[0].lanes;
    expect(lanes.map((l: { name: string }) => l.name)).toEqual(['SDR', NO_OWNER_LANE]);
    expect(lanes[0].flowNodeRef.map((n: { name: string }) => n.name)).toEqual(['Start', 'Qualify']);
    expect(lanes[1].flowNodeRef.map((n: { name: string }) => n.name)).toEqual(['Propose', 'End']);
    // Sequence flows chain start → tasks in order → end.
    const flows = process.flowElements.filter((e: { $type: string }) => e.$type === 'bpmn:SequenceFlow');
    expect(flows.map((f: { sourceRef: { name: string }; targetRef: { name: string } }) => `${f.sourceRef.name}→${f.targetRef.name}`)).toEqual(['Start→Qualify', 'Qualify→Propose', 'Propose→End']);
    // Documentation: description, criteria, and the boundary metric on the step it leaves.
    const qualify = flowNodes[1];
    const doc = qualify.documentation[0].text as string;
    expect(doc).toContain('Call the lead within 24 hours. See the playbook (https://example.org/playbook).');
    expect(doc).toContain('Entry criteria: Lead has a named contact');
    expect(doc).toContain('Exit criteria: BANT confirmed');
    expect(doc).toContain('Metric: Conversion (1. Qualify → 2. Propose): Opportunities reaching Propose ÷ Opportunities in Qualify; target 40 %');
    expect(doc).not.toContain('javascript:');
    // The diagram: a shape for the pool, every lane and flow node, an edge per flow; tasks in
    // columns by step order, rows by lane.
    const plane = definitions.diagrams[0].plane;
    const shapes = plane.planeElement.filter((e: { $type: string }) => e.$type === 'bpmndi:BPMNShape');
    const edges = plane.planeElement.filter((e: { $type: string }) => e.$type === 'bpmndi:BPMNEdge');
    expect(shapes).toHaveLength(1 + 2 + 4);
    expect(edges).toHaveLength(3);
    const boundsOf = (name: string) => shapes.find((s: { bpmnElement: { name: string } }) => s.bpmnElement.name === name).bounds;
    expect(boundsOf('Propose').x).toBeGreaterThan(boundsOf('Qualify').x);
    expect(boundsOf('Propose').y).toBeGreaterThan(boundsOf('Qualify').y);
  });

  it('stays valid for an empty workshop, a single step, and names that need escaping', async () => {
    const empty = new Y.Doc();
    const { definitions } = await checkedBpmn(empty);
    expect(definitions.rootElements[0].participants[0].name).toBe('Untitled workshop');

    const doc = new Y.Doc();
    setTitle(doc, 'R&D <intake> "fast"');
    const a = addStep(doc, { title: '' });
    setStepText(doc, a, 'ownerRole', 'Ops & QA <lead>');
    const b = addStep(doc, { title: 'Ship & tell' });
    setStepText(doc, b, 'ownerRole', 'Ops & QA <lead>');
    const { xml, definitions: d } = await checkedBpmn(doc);
    expect(xml).not.toContain('<intake>');
    expect(d.rootElements[0].participants[0].name).toBe('R&D <intake> "fast"');
    const process = d.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
    expect(process.laneSets[0].lanes.map((l: { name: string }) => l.name)).toEqual(['Ops & QA <lead>']);
    expect(process.flowElements.filter((e: { $type: string }) => e.$type === 'bpmn:Task').map((t: { name: string }) => t.name)).toEqual(['Untitled step', 'Ship & tell']);
  });

  it('lays out a process that moves back and forth between lanes without overlaps', async () => {
    const doc = new Y.Doc();
    for (const [i, role] of ['Sales', 'Finance', 'Sales', 'Legal', 'Finance'].entries()) {
      const id = addStep(doc, { title: `Step ${i + 1}` });
      setStepText(doc, id, 'ownerRole', role);
    }
    const { definitions } = await checkedBpmn(doc);
    const process = definitions.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
    expect(process.laneSets[0].lanes.map((l: { name: string }) => l.name)).toEqual(['Sales', 'Finance', 'Legal']);
  });
});

describe('the BPMN checks themselves', () => {
  it('catch a file without a diagram, an end event, or with an element the XSD does not allow', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const xml = await handbookToBpmn(buildHandbook(board, facilitation, DATE));
    const withoutDiagram = xml.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    expect((await lintReports(withoutDiagram)).join('\n')).toMatch(/no-bpmndi/);
    const withoutEnd = xml.replace(/<bpmn:endEvent[\s\S]*?<\/bpmn:endEvent>/, '');
    expect((await lintReports(withoutEnd)).join('\n')).toMatch(/end-event-required/);
    expect(await xsdErrors(xml.replace('<bpmn:laneSet', '<bpmn:swimlane /><bpmn:laneSet'))).not.toEqual([]);
  });
});
