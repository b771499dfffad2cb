'use client';

import { useState, type ChangeEvent } from 'react';
import { api } from '@/lib/api-client';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { notifyStorageChanged } from '@/components/ui/use-storage-item';
import type { Created } from './home-page';

/** Restores a JSON backup as a new workshop (new id, new links). */
export function ImportBackup({ onCreated }: { onCreated: (created: Created) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const result = await api.importBackup(await file.text());
      // The server's sentence (a 401, 413 or 429 says what to do), without its full stop.
      if (!result.ok) return setError(`${file.name}: ${(result.error ?? `import failed (${result.status})`).replace(/\.$/, '')}. Nothing was created.`);
      const body = result.body;
      const title = file.name.replace(/\.json$/i, '');
      rememberWorkshop(browserStorage(), { id: body.id, title, links: body.links });
      notifyStorageChanged();
      onCreated({ id: body.id, title, links: body.links });
    } catch {
      setError('The server could not be reached. Nothing was created.');
    } finally {
      setPending(false);
    }
  }
  return (
    <section aria-labelledby="import-heading" className="space-y-2">
      <h2 id="import-heading" className="text-xl font-semibold">
        Restore a backup
      </h2>
      <p className="text-slate-700">A backup (JSON, from a workshop’s Export menu) becomes a new workshop with new links.</p>
      <label className="inline-block cursor-pointer rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 focus-within:outline focus-within:outline-3 focus-within:outline-blue-700">
        {pending ? 'Importing…' : 'Choose a backup file…'}
        <input type="file" accept=".json,application/json" onChange={choose} className="sr-only" />
      </label>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
    </section>
  );
}
