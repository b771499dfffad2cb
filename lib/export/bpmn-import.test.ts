import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { listSteps } from '../doc/process';
import { fragmentToPlainText } from '../doc/rich-text';
import { stepDescriptionField } from '../doc/schema';
import { getTitle } from '../doc/workshop';
import { handbookToBpmn } from './bpmn';
import { bpmnToSeeds, parseBpmn } from './bpmn-import';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';

const DATE = new Date('2026-11-26T10:00:00Z');

function boardOf(seeds: { board: Uint8Array }) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seeds.board);
  return doc;
}

describe('BPMN import', () => {
  it('export → import reproduces the steps, their order, owners, criteria and descriptions', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const parsed = await parseBpmn(await handbookToBpmn(buildHandbook(board, facilitation, DATE)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const imported = boardOf(bpmnToSeeds(parsed));
    expect(getTitle(imported)).toBe(getTitle(board));
    const fields = (doc: Y.Doc) => listSteps(doc).map(({ title, ownerRole, entryCriteria, exitCriteria, inputs, outputs }) => ({ title, ownerRole, entryCriteria, exitCriteria, inputs, outputs }));
    expect(fields(imported)).toEqual(fields(board));
    const [qualify] = listSteps(imported);
    const description = fragmentToPlainText(imported.getXmlFragment(stepDescriptionField(qualify!.id)));
    expect(description).toContain('Call the lead within 24 hours.');
    // Metric lines are ours to write, not part of the description.
    expect(description).not.toContain('Metric:');
  });

  it('reads a modeler file: nested lanes, gateways, task kinds, sequence order rather than file order', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:signavio="http://www.signavio.com" id="d1" targetNamespace="http://www.signavio.com/bpmn20">
  <collaboration id="c1"><participant id="p1" name="Claims handling" processRef="proc"/></collaboration>
  <process id="proc" isExecutable="false">
    <extensionElements><signavio:signavioMetaData metaKey="x" metaValue="y"/></extensionElements>
    <laneSet id="ls">
      <lane id="l1" name="Front office"><flowNodeRef>start</flowNodeRef><flowNodeRef>register</flowNodeRef></lane>
      <lane id="l2" name="Back office">
        <childLaneSet id="ls2">
          <lane id="l3" name="Assessor"><flowNodeRef>assess</flowNodeRef><flowNodeRef>gw</flowNodeRef></lane>
          <lane id="l4" name="Finance"><flowNodeRef>pay</flowNodeRef><flowNodeRef>end</flowNodeRef></lane>
        </childLaneSet>
      </lane>
    </laneSet>
    <serviceTask id="pay" name="Pay out"/>
    <userTask id="assess" name="Assess claim"><documentation>Check cover and amount.</documentation></userTask>
    <startEvent id="start" name="Claim received"/>
    <task id="register" name="Register&#10;claim"/>
    <exclusiveGateway id="gw" name="Covered?"/>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="register"/>
    <sequenceFlow id="f2" sourceRef="register" targetRef="assess"/>
    <sequenceFlow id="f3" sourceRef="assess" targetRef="gw"/>
    <sequenceFlow id="f4" sourceRef="gw" targetRef="pay"/>
    <sequenceFlow id="f5" sourceRef="gw" targetRef="end"/>
    <sequenceFlow id="f6" sourceRef="pay" targetRef="end"/>
  </process>
</definitions>`;
    const parsed = await parseBpmn(xml);
    expect(parsed).toMatchObject({
      ok: true,
      title: 'Claims handling',
      steps: [
        { title: 'Register claim', ownerRole: 'Front office', description: '' },
        { title: 'Assess claim', ownerRole: 'Assessor', description: 'Check cover and amount.' },
        { title: 'Pay out', ownerRole: 'Finance', description: '' },
      ],
    });
  });

  it.each([
    ['not XML', 'hello, world', /not a BPMN 2\.0 file/],
    ['foreign XML', '<?xml version="1.0"?><html><body>definitions</body></html>', /not a BPMN 2\.0 file/],
    ['foreign definitions', '<definitions xmlns="urn:other"><process/></definitions>', /not a readable BPMN 2\.0 file/],
    ['BPMN without tasks', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><startEvent id="s"/></process></definitions>', /no tasks/],
    ['cut-off BPMN', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><task id="t" name="A"', /not a readable BPMN 2\.0 file/],
    [
      'an entity bomb',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><startEvent id="s"/></process></definitions>',
      /no tasks|not a readable/,
    ],
  ])('refuses %s, naming the problem', async (_name, xml, error) => {
    const parsed = await parseBpmn(xml);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('refuses more tasks than a workshop can hold', async () => {
    const tasks = Array.from({ length: 201 }, (_, i) => `<task id="t${i}" name="T${i}"/>`).join('');
    const parsed = await parseBpmn(`<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p">${tasks}</process></definitions>`);
    expect(parsed).toEqual({ ok: false, error: 'The BPMN file has 201 tasks; a workshop can have at most 200 steps.' });
  });
});
