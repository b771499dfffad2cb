'use client';

import { useState, type ChangeEvent } from 'react';
import type * as Y from 'yjs';
import { importTerms } from '@/lib/doc/glossary';
import { BoardLimitError } from '@/lib/doc/fields';
import { GLOSSARY_CSV_COLUMNS, formatAliases, parseGlossaryCsv, serializeGlossaryCsv, withGlossaryCollisions, type CsvTermRow } from '@/lib/glossary/csv';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { useGlossary } from './glossary-context';

/** CSV import with a preview (nothing is written until confirmed) and CSV export. */
export function CsvTools({ board }: { board: Y.Doc }) {
  const { glossary } = useGlossary();
  const { undo } = useBoardUndoContext();
  const [preview, setPreview] = useState<{ file: string; rows: CsvTermRow[] } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPreview(null);
    const parsed = parseGlossaryCsv(await file.text());
    if (!parsed.ok) return setMessage({ kind: 'error', text: `${file.name}: ${parsed.error} Nothing was imported.` });
    setMessage(null);
    setPreview({ file: file.name, rows: withGlossaryCollisions(parsed.rows, glossary.owners) });
  }

  function confirm() {
    if (!preview) return;
    const valid = preview.rows.filter((r) => r.errors.length === 0);
    try {
      undo.stopCapturing();
      importTerms(board, valid);
      undo.stopCapturing();
      setMessage({ kind: 'done', text: `Imported ${valid.length} ${valid.length === 1 ? 'term' : 'terms'} from ${preview.file}.` });
      setPreview(null);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof BoardLimitError ? e.message : 'The import failed; nothing was written.' });
    }
  }

  function exportCsv() {
    const blob = new Blob([serializeGlossaryCsv(glossary.terms)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'glossary.csv';
    link.click();
    URL.revokeObjectURL(url);
  }

  const valid = preview?.rows.filter((r) => r.errors.length === 0).length ?? 0;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <label className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100 focus-within:outline focus-within:outline-3 focus-within:outline-blue-700">
          Import CSV…
          <input type="file" accept=".csv,text/csv" onChange={choose} className="sr-only" aria-describedby="csv-format" />
        </label>
        <button type="button" onClick={exportCsv} className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
          Export CSV
        </button>
        <span id="csv-format" className="text-slate-600">
          Columns: {GLOSSARY_CSV_COLUMNS.join(', ')} (aliases as “Team: word; …”)
        </span>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'text-red-800' : 'text-green-900'}>
          {message.text}
        </p>
      )}
      {preview && (
        <section aria-label="Import preview" className="space-y-2 rounded-md border border-slate-300 bg-white p-2">
          <p className="font-medium">
            {preview.file}: {valid} of {preview.rows.length} rows can be imported.
          </p>
          <div className="max-h-64 overflow-auto">
            <table className="w-full text-left">
              <thead>
                <tr>
                  <th scope="col" className="p-1">Row</th>
                  <th scope="col" className="p-1">Name</th>
                  <th scope="col" className="p-1">Aliases</th>
                  <th scope="col" className="p-1">Status</th>
                  <th scope="col" className="p-1">Problems</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.row} className={row.errors.length ? 'bg-red-50' : ''}>
                    <td className="p-1">{row.row}</td>
                    <td className="p-1">{row.name || <em>(none)</em>}</td>
                    <td className="p-1">{formatAliases(row.aliases)}</td>
                    <td className="p-1">{row.status}</td>
                    <td className="p-1 text-red-800">{row.errors.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex gap-2">
            <button type="button" onClick={confirm} disabled={valid === 0} className="rounded bg-blue-700 px-3 py-1 font-semibold text-white disabled:opacity-40">
              Import {valid} {valid === 1 ? 'term' : 'terms'}
              {preview.rows.length > valid ? ` (skip ${preview.rows.length - valid})` : ''}
            </button>
            <button type="button" onClick={() => setPreview(null)} className="rounded border border-slate-300 px-3 py-1">
              Cancel
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
