'use client';

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { VOTE_LIMITS, openVote } from '@/lib/doc/sessions';
import { itemKey } from '@/lib/doc/schema';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useMetrics } from '@/components/metrics/use-metrics';
import { useProcess } from '@/components/process/use-process';
import { useFacilitation } from './facilitation-context';

/** The facilitator opens a dot vote over steps, stickies, terms or metrics. */
export function VoteSetup({ board }: { board: Y.Doc }) {
  const { doc } = useFacilitation();
  const { steps, stickiesByStep } = useProcess(board);
  const { glossary } = useGlossary();
  const metrics = useMetrics(board);
  const [title, setTitle] = useState('');
  const [dots, setDots] = useState(3);
  const [stack, setStack] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const groups = [
    { label: 'Steps', items: steps.map((s, i) => ({ key: itemKey({ kind: 'step', id: s.id }), label: `${i + 1}. ${s.title || 'Untitled step'}` })) },
    { label: 'Sticky notes', items: steps.flatMap((s) => (stickiesByStep.get(s.id) ?? []).map((n) => ({ key: itemKey({ kind: 'sticky', id: n.id }), label: `${n.text || 'Empty note'} (${s.title || 'Untitled step'})` }))) },
    { label: 'Terms', items: glossary.terms.map((t) => ({ key: itemKey({ kind: 'term', id: t.id }), label: t.name || 'Untitled term' })) },
    { label: 'Metrics', items: metrics.map((m) => ({ key: itemKey({ kind: 'metric', id: m.id }), label: m.name || 'Untitled metric' })) },
  ].filter((g) => g.items.length > 0);
  const toggle = (key: string) => setChosen((prev) => {
    const next = new Set(prev);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.size === 0) return setError('Choose at least one item to vote on.');
    openVote(doc, { title: title || 'Dot voting', items: [...chosen], dots, stack });
    setChosen(new Set());
    setError(null);
  }
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Open a vote">
      <h2 className="text-xl font-semibold">Open a dot vote</h2>
      <label className="block text-sm font-medium" htmlFor="vote-title">Question</label>
      <input id="vote-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} placeholder="Which pain points hurt most?" className="w-full rounded border border-slate-400 px-2 py-1" />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          Dots per person
          <input type="number" min={1} max={VOTE_LIMITS.maxDots} value={dots} onChange={(e) => setDots(Math.max(1, Math.min(VOTE_LIMITS.maxDots, Number(e.target.value) || 1)))} className="w-16 rounded border border-slate-300 px-1" />
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={stack} onChange={(e) => setStack(e.target.checked)} /> Several dots on one item
        </label>
      </div>
      {groups.length === 0 && <p className="text-slate-700">Add steps, notes, terms or metrics first.</p>}
      {groups.map((group) => (
        <fieldset key={group.label} className="rounded border border-slate-200 p-2">
          <legend className="px-1 text-sm font-semibold">{group.label}</legend>
          {group.items.map((item) => (
            <label key={item.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.has(item.key)} onChange={() => toggle(item.key)} /> {item.label}
            </label>
          ))}
        </fieldset>
      ))}
      {error && <p role="alert" className="text-sm text-red-800">{error}</p>}
      <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">Open vote</button>
    </form>
  );
}
