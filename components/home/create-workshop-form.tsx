'use client';

import { useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
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
  // Shown under the title field itself, where the eye (and the screen reader) is.
  const [titleMissing, setTitleMissing] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') {
      setTitleMissing(true);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await api.createWorkshop({ title: title.trim(), template });
      if (!result.ok) {
        setError(result.error ?? `The workshop could not be created (${result.status}).`);
        return;
      }
      const created: Created = { id: result.body.id, title: title.trim(), links: result.body.links };
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
            onChange={(e) => {
              setTitle(e.target.value);
              // A "give it a title" error is answered as soon as there is one.
              if (e.target.value.trim() !== '') setTitleMissing(false);
            }}
            aria-invalid={titleMissing}
            maxLength={LIMITS.titleMaxLength}
            placeholder="e.g. Sales process alignment, Q3"
            aria-describedby={titleMissing ? 'workshop-title-error workshop-title-count' : 'workshop-title-count'}
            className="w-full rounded-md border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700"
          />
          {titleMissing && (
            <p id="workshop-title-error" role="alert" className="text-sm font-medium text-red-800">
              Give the workshop a title.
            </p>
          )}
          <p id="workshop-title-count" className="text-sm text-slate-600">
            {remaining} characters left
          </p>
        </div>
        <fieldset className="space-y-2">
          {/* Cards rather than a dropdown: each template's description is read whole, and each is a finger-sized target. */}
          <legend className="mb-1 block font-medium">Template</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {TEMPLATES.map((t) => (
              <label
                key={t.id}
                className="flex min-h-11 cursor-pointer gap-3 rounded-lg border border-slate-300 p-3 hover:border-blue-500 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-700"
              >
                <input
                  type="radio"
                  name="workshop-template"
                  value={t.id}
                  checked={template === t.id}
                  onChange={() => setTemplate(t.id)}
                  className="mt-1 size-4 shrink-0 accent-blue-700"
                />
                <span>
                  <span className="block font-semibold">{t.name}</span>
                  <span className="block text-sm text-slate-700">{t.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
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
