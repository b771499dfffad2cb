'use client';

import { useId, useState, type ChangeEvent } from 'react';
import type { ApiResult, CreatedWorkshop } from '@/lib/api-client';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { notifyStorageChanged } from '@/components/ui/use-storage-item';
import type { Created } from './home-page';

type Props = {
  heading: string;
  description: string;
  /** The file picker's label, e.g. "Choose a backup file…". */
  choose: string;
  accept: string;
  /** The file's text to the server: a new workshop, or the server's refusal. */
  send: (text: string) => Promise<ApiResult<CreatedWorkshop>>;
  /** The title shown and remembered when the server does not name one. */
  titleOf: (fileName: string) => string;
  onCreated: (created: Created) => void;
};

/** A file becomes a new workshop (new id, new links); a refused file creates nothing and says why. */
export function ImportFile({ heading, description, choose, accept, send, titleOf, onCreated }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();
  async function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    // The input stays enabled while a file is sent (disabling it would drop keyboard focus).
    if (!file || pending) return;
    setPending(true);
    setError(null);
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        return setError(`${file.name} could not be read. Nothing was created.`);
      }
      const result = await send(text);
      // The server's sentence (a 400 names what is wrong with the file), without its full stop.
      if (!result.ok) return setError(`${file.name}: ${(result.error ?? `import failed (${result.status})`).replace(/\.$/, '')}. Nothing was created.`);
      const { id: workshopId, links, title = titleOf(file.name) } = result.body;
      rememberWorkshop(browserStorage(), { id: workshopId, title, links });
      notifyStorageChanged();
      onCreated({ id: workshopId, title, links });
    } catch {
      setError('The server could not be reached. Nothing was created.');
    } finally {
      setPending(false);
    }
  }
  return (
    <section aria-labelledby={`${id}-heading`} aria-busy={pending} className="space-y-2">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {heading}
      </h2>
      <p className="text-slate-700">{description}</p>
      <label className="inline-block cursor-pointer rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 focus-within:outline focus-within:outline-3 focus-within:outline-blue-700">
        {pending ? 'Importing…' : choose}
        <input type="file" accept={accept} onChange={chosen} aria-describedby={error ? `${id}-error` : undefined} className="sr-only" />
      </label>
      {pending && (
        <p role="status" className="text-sm text-slate-700">
          Reading the file and creating the workshop…
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
    </section>
  );
}
