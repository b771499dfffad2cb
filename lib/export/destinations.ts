import type { ExportFile } from '../api-client';

/**
 * One line per export file saying where it goes, for the Export menu and the README. Kept apart
 * from the renderers so the menu can show it without loading them.
 */
export const EXPORT_DESTINATIONS: Readonly<Record<ExportFile, string>> = {
  'handbook.md': 'The process handbook in Markdown, opening with the process diagram (Mermaid) that GitHub and GitLab draw.',
  'handbook.docx': 'The handbook as a Word document, for the client to read and edit.',
  'glossary.csv': 'The glossary as CSV; this app imports it back.',
  'metrics.csv': 'The metrics as CSV, for a spreadsheet.',
  'process.bpmn': 'BPMN 2.0 with swimlanes and layout: opens in Camunda Modeler, bpmn.io, Signavio and other BPMN tools.',
  'metrics.dbt.yml': 'dbt MetricFlow metric definitions, a starter file for the data team’s dbt project.',
  'glossary.ttl': 'The glossary as W3C SKOS (Turtle), for a thesaurus or knowledge-graph tool.',
  'glossary.purview.csv': 'The glossary in Microsoft Purview’s (classic) glossary import columns.',
  'glossary.atlas.csv': 'The glossary in Apache Atlas’s glossary import columns.',
  'backup.json': 'Everything, to restore as a new workshop (Import backup).',
};
