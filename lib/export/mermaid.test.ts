// @vitest-environment jsdom
// Mermaid needs a DOM even to parse (it sets up DOMPurify): jsdom stands in for the browser.
import mermaid from 'mermaid';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMetric } from '../doc/metrics';
import { addStep, setStepText } from '../doc/process';
import { NO_OWNER_LANE } from './bpmn-names';
import { fixtureWorkshop } from './fixture';
import { buildHandbook, handbookToMarkdown } from './handbook';

const DATE = new Date('2026-11-26T10:00:00Z');

/** The flowchart of the handbook's first ```mermaid block. */
function diagramOf(markdown: string): string {
  const match = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown);
  expect(match, 'the handbook has a mermaid block').not.toBeNull();
  expect(markdown.indexOf('```mermaid')).toBeLessThan(markdown.indexOf('## Participants'));
  return match![1]!;
}

type FlowDb = {
  getVertices(): Map<string, { id: string; text: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
  getEdges(): Array<{ start: string; end: string; text: string; stroke: string }>;
};

async function parsed(text: string) {
  expect(await mermaid.parse(text)).toMatchObject({ diagramType: 'flowchart-v2' });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as FlowDb;
  return { vertices: [...db.getVertices().values()], subgraphs: db.getSubGraphs(), edges: db.getEdges() };
}

describe('Mermaid flowchart at the top of the handbook', () => {
  it('parses with mermaid; one subgraph per owner role, one node per step, a labelled edge for the boundary metric', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const h = buildHandbook(board, facilitation, DATE);
    const { vertices, subgraphs, edges } = await parsed(diagramOf(handbookToMarkdown(h)));
    expect(vertices.map((v) => v.text)).toEqual(h.steps.map((s) => `${s.index + 1}. ${s.title}`));
    expect(subgraphs.map((g) => g.title).sort()).toEqual(['SDR', NO_OWNER_LANE].sort());
    expect(subgraphs.find((g) => g.title === 'SDR')!.nodes).toEqual(['s1']);
    expect(edges.map((e) => `${e.start}→${e.end}:${e.text}`)).toEqual(['s1→s2:Conversion']);
  });

  it('keeps titles with quotes, brackets, pipes and hashes as text; a metric between distant steps gets a dotted edge', async () => {
    const doc = new Y.Doc();
    const titles = ['Say "hi" <b>now</b>', 'Check [A|B] #1', 'end', 'subgraph x; click s1 call alert()'];
    const ids = titles.map((title, i) => {
      const id = addStep(doc, { title });
      setStepText(doc, id, 'ownerRole', i % 2 ? 'Back office "B"' : 'Front (desk)');
      return id;
    });
    addMetric(doc, { name: 'Lead time "A→D"', attachment: { kind: 'boundary', fromStepId: ids[0]!, toStepId: ids[3]! } });
    const h = buildHandbook(doc, new Y.Doc(), DATE);
    const { vertices, subgraphs, edges } = await parsed(diagramOf(handbookToMarkdown(h)));
    expect(vertices).toHaveLength(4);
    expect(subgraphs).toHaveLength(2);
    expect(vertices.map((v) => v.id).sort()).toEqual(['s1', 's2', 's3', 's4']);
    expect(subgraphs.map((g) => g.nodes.sort())).toEqual([['s1', 's3'], ['s2', 's4']]);
    expect(edges.map((e) => `${e.start}→${e.end} ${e.stroke}`)).toEqual(['s1→s2 normal', 's2→s3 normal', 's3→s4 normal', 's1→s4 dotted']);
    // The label holds the entity codes (Mermaid's parser keeps them encoded and turns them back
    // into the characters when it draws): no raw quote or bracket reaches the diagram syntax.
    const label = vertices.find((v) => v.id === 's1')!.text;
    expect(label).toMatch(/^1\. Say .*quot.*hi.*quot.*lt.*b.*gt.*now/);
    expect(label).not.toMatch(/["<>]/);
  });

  it('parses for a workshop without steps', async () => {
    const h = buildHandbook(new Y.Doc(), new Y.Doc(), DATE);
    const { vertices } = await parsed(diagramOf(handbookToMarkdown(h)));
    expect(vertices).toHaveLength(1);
  });
});
