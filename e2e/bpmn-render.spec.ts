import path from 'node:path';
import { expect, newActor, test } from './fixtures';

/**
 * process.bpmn opens in bpmn-js 18 — the renderer of bpmn.io and Camunda Modeler — in a real
 * browser with no import warnings, and it draws one shape per lane, step and flow. bpmn-js is a
 * test-only dependency (`npm install -D bpmn-js@18.31.1`); its browser bundle is loaded into a
 * blank page, the way bpmn.io's own viewer embeds it.
 */
const VIEWER = path.join(process.cwd(), 'node_modules', 'bpmn-js', 'dist', 'bpmn-viewer.production.min.js');

test('process.bpmn renders in bpmn-js with zero warnings: one shape per lane, step and sequence flow', async ({ browser, request }) => {
  const res = await request.post('/api/workshops', { data: { title: 'Sales & “quotes” <EMEA>', template: 'b2b-sales' } });
  expect(res.status()).toBe(201);
  const { id, links } = (await res.json()) as { id: string; links: { participant: string } };
  const exported = await request.get(`/api/workshops/${id}/export/process.bpmn`, { headers: { authorization: `Bearer ${new URL(links.participant).hash.slice(3)}` } });
  expect(exported.status()).toBe(200);
  const xml = await exported.text();
  const count = (tag: string) => (xml.match(new RegExp(`<bpmn:${tag}[ >]`, 'g')) ?? []).length;
  const expected = { lanes: count('lane'), tasks: count('task'), flows: count('sequenceFlow') };
  expect(expected.tasks).toBeGreaterThan(1);
  expect(expected.lanes).toBeGreaterThan(1);

  const viewer = await newActor(browser, { viewport: { width: 1800, height: 1000 } });
  await viewer.page.setContent('<!doctype html><html><body><div id="canvas" style="width: 1760px; height: 960px"></div></body></html>');
  await viewer.page.addScriptTag({ path: VIEWER });
  const imported = await viewer.page.evaluate(async (file) => {
    type Viewer = { importXML(xml: string): Promise<{ warnings: Array<{ message: string }> }>; get(name: 'elementRegistry'): { getAll(): Array<{ type: string }> } };
    const BpmnJS = (window as unknown as { BpmnJS: new (options: { container: string }) => Viewer }).BpmnJS;
    const bpmn = new BpmnJS({ container: '#canvas' });
    const { warnings } = await bpmn.importXML(file);
    const types = bpmn.get('elementRegistry').getAll().map((e) => e.type);
    return { warnings: warnings.map((w) => w.message), types };
  }, xml);
  expect(imported.warnings).toEqual([]);
  const drawn = (type: string) => imported.types.filter((t) => t === type).length;
  expect(drawn('bpmn:Participant')).toBe(1);
  expect(drawn('bpmn:Lane')).toBe(expected.lanes);
  expect(drawn('bpmn:Task')).toBe(expected.tasks);
  expect(drawn('bpmn:SequenceFlow')).toBe(expected.flows);
  expect(drawn('bpmn:StartEvent')).toBe(1);
  expect(drawn('bpmn:EndEvent')).toBe(1);
  // Drawn, not only registered: every task is a visible shape with its name on it.
  const tasks = viewer.page.locator('#canvas .djs-element.djs-shape[data-element-id^="Task_"]');
  await expect(tasks).toHaveCount(expected.tasks);
  await expect(tasks.first()).toBeVisible();
  await expect(viewer.page.locator('#canvas')).toContainText('Qualify');
  await viewer.context.close();
});
