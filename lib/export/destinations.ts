import type { ExportFile } from '../api-client';

/**
 * One line per export file saying where it goes, for the Export menu and the README. Kept apart
 * from the renderers so the menu can show it without loading them.
 */
export const EXPORT_DESTINATIONS: Readonly<Record<ExportFile, string>> = {
  'handbook.md': 'The process handbook in Markdown, opening with the process diagram (Mermaid) that GitHub and GitLab draw.',
  'glossary.csv': 'The glossary as CSV; this app imports it back.',
  'metrics.csv': 'The metrics as CSV, for a spreadsheet.',
  'process.bpmn': 'BPMN 2.0 with swimlanes and layout: opens in Camunda Modeler, bpmn.io, Signavio and other BPMN tools.',
  'backup.json': 'Everything, to restore as a new workshop (Import backup).',
};
