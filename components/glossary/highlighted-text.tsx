'use client';

import { useState } from 'react';
import type { TermId } from '@/lib/doc/schema';
import { useGlossary } from './glossary-context';
import { TERM_STATUS_LABEL } from './term-status';

/**
 * Plain text with glossary terms highlighted; each highlight is a button that shows the
 * term's definition on hover or keyboard focus and opens the term when clicked.
 */
export function HighlightedText({ text, className }: { text: string; className?: string }) {
  const { glossary, openTerm } = useGlossary();
  const [shown, setShown] = useState<number | null>(null);
  const matches = glossary.matcher.find(text);
  if (matches.length === 0) return <span className={className}>{text}</span>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  matches.forEach((match, i) => {
    if (match.from > at) parts.push(text.slice(at, match.from));
    const term = glossary.byId.get(match.termId);
    parts.push(
      <span key={i} className="relative inline-block">
        <button
          type="button"
          className="term-highlight"
          onMouseEnter={() => setShown(i)}
          onMouseLeave={() => setShown(null)}
          onFocus={() => setShown(i)}
          onBlur={() => setShown(null)}
          onClick={() => openTerm(match.termId as TermId)}
          aria-describedby={shown === i ? `hl-tip-${i}` : undefined}
        >
          {text.slice(match.from, match.to)}
        </button>
        {shown === i && term && (
          <span id={`hl-tip-${i}`} role="tooltip" className="absolute top-full left-0 z-20 mt-1 block w-72 rounded-lg border border-slate-300 bg-white p-2 text-left text-sm font-normal text-slate-900 shadow-lg">
            <strong>{term.name}</strong> · {TERM_STATUS_LABEL[term.status]}
            <span className="mt-1 block whitespace-pre-line">{term.definition || 'No definition yet.'}</span>
          </span>
        )}
      </span>,
    );
    at = match.to;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <span className={className}>{parts}</span>;
}
