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
];
