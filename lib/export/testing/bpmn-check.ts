import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import { validateXML } from 'xmllint-wasm';

/**
 * Checks a BPMN file with the tools the modelers use: bpmn-moddle (bpmn.io, Camunda Modeler)
 * reads it with no warnings, it validates against the OMG BPMN 2.0 XSDs that ship inside
 * bpmn-moddle, and bpmnlint's recommended rules report nothing (errors or warnings).
 */
const require = createRequire(import.meta.url);
const XSD_DIR = path.join(path.dirname(require.resolve('bpmn-moddle/package.json')), 'resources', 'bpmn', 'xsd');
const xsd = (fileName: string) => ({ fileName, contents: fs.readFileSync(path.join(XSD_DIR, fileName), 'utf8') });

export async function readBpmn(xml: string) {
  return new BpmnModdle().fromXML(xml);
}

export async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'process.bpmn', contents: xml }],
    schema: [xsd('BPMN20.xsd')],
    preload: ['Semantic.xsd', 'BPMNDI.xsd', 'DC.xsd', 'DI.xsd'].map(xsd),
  });
  return result.errors.map((e) => e.message);
}

export async function lintReports(xml: string): Promise<string[]> {
  const { rootElement } = await readBpmn(xml);
  const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
  const reports = await linter.lint(rootElement);
  return Object.entries(reports).flatMap(([rule, list]) => list.map((r) => `${rule} (${r.category}) ${r.id ?? ''}: ${r.message}`));
}
