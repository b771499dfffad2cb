'use client';

import { useState } from 'react';
import { api, type ExportFile } from '@/lib/api-client';
import { EXPORT_DESTINATIONS } from '@/lib/export/destinations';
import type { Role } from '@/lib/protocol';

const FILES: ReadonlyArray<{ file: ExportFile; label: string }> = [
  { file: 'handbook.md', label: 'Process handbook (Markdown)' },
  { file: 'handbook.docx', label: 'Process handbook (Word)' },
  { file: 'process.bpmn', label: 'Process diagram (BPMN)' },
  { file: 'glossary.csv', label: 'Glossary (CSV)' },
  { file: 'metrics.csv', label: 'Metrics (CSV)' },
  { file: 'metrics.dbt.yml', label: 'Metrics for dbt (YAML)' },
  { file: 'glossary.ttl', label: 'Glossary as SKOS (Turtle)' },
  { file: 'glossary.purview.csv', label: 'Glossary for Microsoft Purview (CSV)' },
  { file: 'glossary.atlas.csv', label: 'Glossary for Apache Atlas (CSV)' },
  { file: 'backup.json', label: 'Full backup (JSON)' },
];
/** The full backup holds every ballot and who flagged what: the server gives it to the facilitator only. */
const FACILITATOR_ONLY: ReadonlySet<ExportFile> = new Set(['backup.json']);

/** Downloads what the workshop leaves behind; the link secret goes in a header, never a URL. */
export function ExportMenu({ workshopId, secret, role }: { workshopId: string; secret: string; role: Role }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download(file: ExportFile) {
    setError(null);
    try {
      const result = await api.exportFile(workshopId, file, secret);
      if (!result.ok) throw new Error(result.error ?? result.statusText);
      const url = URL.createObjectURL(result.body);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${workshopId}-${file}`;
      link.click();
      URL.revokeObjectURL(url);
      setOpen(false);
    } catch (e) {
      setError(`The export failed: ${e instanceof Error ? e.message : 'unknown error'}`);
    }
  }
  return (
    <div className="relative no-print">
      <button type="button" aria-expanded={open} aria-controls="export-menu" onClick={() => setOpen(!open)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        Export
      </button>
      {open && (
        <div id="export-menu" className="absolute right-0 z-30 mt-1 max-h-[80vh] w-96 max-w-[calc(100vw-2rem)] space-y-1 overflow-y-auto rounded-lg border border-slate-300 bg-white p-2 shadow-lg">
          {FILES.filter(({ file }) => role === 'facilitator' || !FACILITATOR_ONLY.has(file)).map(({ file, label }) => (
            // Each file says where it goes, so the person exporting picks the one their next tool reads.
            <button key={file} type="button" onClick={() => void download(file)} aria-label={label} aria-describedby={`export-${file}`} className="block min-h-11 w-full rounded px-2 py-1 text-left hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-700">
              <span className="block text-sm font-medium">{label}</span>
              <span id={`export-${file}`} className="block text-xs text-slate-600">
                {EXPORT_DESTINATIONS[file]}
              </span>
            </button>
          ))}
          <a href={`/w/${workshopId}/handbook#k=${secret}&r=${role}`} target="_blank" rel="noopener" className="block rounded px-2 py-1 text-sm text-blue-900 underline hover:bg-slate-100">
            Printable handbook (PDF via print)
          </a>
        </div>
      )}
      {error && (
        <p role="alert" className="absolute right-0 mt-1 w-64 rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
