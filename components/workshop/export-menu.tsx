'use client';

import { useState } from 'react';
import { api, type ExportFile } from '@/lib/api-client';
import type { Role } from '@/lib/protocol';

const FILES = [
  { file: 'handbook.md', label: 'Process handbook (Markdown)' },
  { file: 'glossary.csv', label: 'Glossary (CSV)' },
  { file: 'metrics.csv', label: 'Metrics (CSV)' },
  { file: 'backup.json', label: 'Full backup (JSON)' },
] as const;
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
        <div id="export-menu" className="absolute right-0 z-30 mt-1 w-64 space-y-1 rounded-lg border border-slate-300 bg-white p-2 shadow-lg">
          {FILES.filter(({ file }) => role === 'facilitator' || !FACILITATOR_ONLY.has(file)).map(({ file, label }) => (
            <button key={file} type="button" onClick={() => void download(file)} className="block w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100">
              {label}
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
