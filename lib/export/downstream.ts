import type * as Y from 'yjs';
import type { ExportFile } from '../api-client';
import { buildHandbook } from './handbook';

/**
 * The exports for the tools downstream (process modelers, dbt, data catalogs, Word): each with
 * its content type and renderer. The server lists them beside its own exports; one module so
 * the server's export table stays one line per format family. The renderers' libraries
 * (bpmn-moddle, docx, n3, js-yaml) load on first use, not when the server starts.
 */
export type ExportRenderer = {
  readonly type: string;
  readonly render: (board: Y.Doc, facilitation: Y.Doc, now: Date) => string | Uint8Array | Promise<string | Uint8Array>;
};

export const DOWNSTREAM_EXPORTS: ReadonlyArray<readonly [ExportFile, ExportRenderer]> = [
  // application/bpmn+xml is not registered with IANA; tools and browsers know application/xml.
  ['process.bpmn', { type: 'application/xml; charset=utf-8', render: async (b, f, now) => (await import('./bpmn')).handbookToBpmn(buildHandbook(b, f, now)) }],
  ['handbook.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: async (b, f, now) => (await import('./docx')).handbookToDocx(buildHandbook(b, f, now)) }],
  ['metrics.dbt.yml', { type: 'application/yaml; charset=utf-8', render: async (b, f, now) => (await import('./dbt')).metricsToDbt(buildHandbook(b, f, now)) }],
  ['glossary.ttl', { type: 'text/turtle; charset=utf-8', render: async (b, f, now) => (await import('./skos')).glossaryToSkos(buildHandbook(b, f, now)) }],
  ['glossary.purview.csv', { type: 'text/csv; charset=utf-8', render: async (b, f, now) => (await import('./catalog-csv')).glossaryToPurviewCsv(buildHandbook(b, f, now)) }],
  ['glossary.atlas.csv', { type: 'text/csv; charset=utf-8', render: async (b, f, now) => (await import('./catalog-csv')).glossaryToAtlasCsv(buildHandbook(b, f, now)) }],
];
