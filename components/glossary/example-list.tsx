'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { addExample, removeExample } from '@/lib/doc/glossary';
import { BoardLimitError } from '@/lib/doc/fields';
import type { ExampleKind, TermRecord } from '@/lib/doc/schema';
import { LIMITS } from '@/lib/protocol';

const KIND_TEXT: Record<ExampleKind, string> = { is: 'This IS a', isNot: 'This is NOT a' };

/** Examples that pin a term down: "this IS a qualified lead" / "this is NOT". */
export function ExampleList({ board, term, readOnly = false }: { board: Y.Doc; term: TermRecord; readOnly?: boolean }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ExampleKind>('is');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      addExample(board, term.id, { text, kind });
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The example could not be added.');
    }
  }
  return (
    <div className="space-y-1">
      <h4 className="text-sm font-semibold">Examples</h4>
      <ul className="space-y-1" aria-label={`Examples of ${term.name}`}>
        {term.examples.map((example) => (
          <li key={example.id} className="flex items-start gap-2 text-sm">
            <span className={`shrink-0 rounded px-1 text-xs font-semibold ${example.kind === 'is' ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`}>
              {example.kind === 'is' ? 'IS' : 'NOT'}
            </span>
            <span>{example.text}</span>
            <button type="button" hidden={readOnly} onClick={() => removeExample(board, term.id, example.id)} className="ml-auto text-red-800 underline" aria-label={`Remove example ${example.text}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} hidden={readOnly} className="flex flex-wrap gap-1" aria-label={`Add an example to ${term.name}`}>
        <label className="sr-only" htmlFor={`example-kind-${term.id}`}>
          Example kind
        </label>
        <select id={`example-kind-${term.id}`} value={kind} onChange={(e) => setKind(e.target.value as ExampleKind)} className="rounded border border-slate-300 bg-white px-1 text-sm">
          {(['is', 'isNot'] as const).map((k) => (
            <option key={k} value={k}>
              {KIND_TEXT[k]} {term.name || 'term'}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`example-text-${term.id}`}>
          Example
        </label>
        <input id={`example-text-${term.id}`} value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.exampleMaxLength} placeholder="An example" className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 text-sm" />
        <button type="submit" className="rounded bg-slate-800 px-2 text-sm font-medium text-white">
          Add example
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
