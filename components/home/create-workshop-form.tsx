'use client';

import { useState, type FormEvent } from 'react';
import { LIMITS } from '@/lib/protocol';
import { DEFAULT_TEMPLATE, TEMPLATES } from '@/lib/templates/catalog';
import { rememberWorkshop } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { notifyStorageChanged } from '@/components/ui/use-storage-item';
import type { Created } from './home-page';

export function CreateWorkshopForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') {
      setError('Give the workshop a title.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await fetch('/api/workshops', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: title.trim(), template }),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<Created> & { error?: string };
      if (res.status !== 201 || !body.id || !body.links) {
        setError(body.error ?? `The workshop could not be created (${res.status}).`);
        return;
      }
      const created: Created = { id: body.id, title: title.trim(), links: body.links };
      // The creator keeps all three links in this browser, the facilitator link above all.
      rememberWorkshop(browserStorage(), { id: created.id, title: created.title, links: created.links });
      notifyStorageChanged();
      onCreated(created);
    } catch {
      setError('The server could not be reached. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  const remaining = LIMITS.titleMaxLength - title.length;
  return (
    <section aria-labelledby="create-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="create-heading" className="mb-4 text-xl font-semibold">
        Create a workshop
      </h2>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="space-y-1">
          <label htmlFor="workshop-title" className="block font-medium">
            Title
          </label>
          <input
            id="workshop-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={LIMITS.titleMaxLength}
            placeholder="e.g. Sales process alignment, Q3"
            aria-describedby="workshop-title-count"
            className="w-full rounded-md border border-slate-400 px-3 py-2 text-base"
          />
          <p id="workshop-title-count" className="text-sm text-slate-600">
            {remaining} characters left
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor="workshop-template" className="block font-medium">
            Template
          </label>
          <select
            id="workshop-template"
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
          >
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} — {t.description}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-700 px-5 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? 'Creating…' : 'Create workshop'}
        </button>
      </form>
    </section>
  );
}
