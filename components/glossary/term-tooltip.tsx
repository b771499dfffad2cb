'use client';

import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { TermId } from '@/lib/doc/schema';
import { useGlossary } from './glossary-context';
import { TERM_STATUS_LABEL } from './term-status';
import { revealPanel } from '@/components/workshop/reveal-panel';

type Shown = { termId: TermId; word: string; via: string; team: string; top: number; left: number };

/**
 * The definition of a highlighted term, shown while the pointer is over it or the caret is
 * in it (keyboard users), with a way to open the term. Ctrl/Cmd+click opens it directly.
 */
export function TermTooltip({ editor }: { editor: Editor }) {
  const { glossary, openTerm } = useGlossary();
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    const root = editor.view.dom;
    const container = root.parentElement?.parentElement;
    const place = (el: Element | null) => {
      const highlight = el?.closest('.term-highlight');
      const termId = highlight?.getAttribute('data-term-id');
      if (!highlight || !termId || !container) return setShown(null);
      const box = highlight.getBoundingClientRect();
      const base = container.getBoundingClientRect();
      setShown({
        termId: termId as TermId,
        word: highlight.textContent ?? '',
        via: highlight.getAttribute('data-via') ?? 'name',
        team: highlight.getAttribute('data-team') ?? '',
        top: box.bottom - base.top + 4,
        left: Math.max(0, box.left - base.left),
      });
    };
    const onOver = (e: MouseEvent) => place(e.target as Element);
    const onLeave = () => {
      const { from } = editor.state.selection;
      place(editor.isFocused ? elementAt(editor, from) : null);
    };
    const onSelection = () => place(editor.isFocused ? elementAt(editor, editor.state.selection.from) : null);
    const onClick = (e: MouseEvent) => {
      const termId = (e.target as Element).closest('.term-highlight')?.getAttribute('data-term-id');
      if (termId && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        openTerm(termId as TermId);
      }
    };
    root.addEventListener('mouseover', onOver);
    root.addEventListener('mouseleave', onLeave);
    root.addEventListener('click', onClick);
    editor.on('selectionUpdate', onSelection);
    editor.on('blur', onSelection);
    return () => {
      root.removeEventListener('mouseover', onOver);
      root.removeEventListener('mouseleave', onLeave);
      root.removeEventListener('click', onClick);
      editor.off('selectionUpdate', onSelection);
      editor.off('blur', onSelection);
    };
  }, [editor, openTerm]);

  const term = shown ? glossary.byId.get(shown.termId) : undefined;
  if (!shown || !term) return null;
  return (
    <div
      role="tooltip"
      aria-live="polite"
      className="absolute z-20 w-80 max-w-full space-y-1 rounded-lg border border-slate-300 bg-white p-3 text-sm shadow-lg"
      style={{ top: shown.top, left: shown.left }}
    >
      {shown.via === 'alias' && (
        <p className="text-slate-700">
          “{shown.word}” is {shown.team ? <strong className="font-semibold text-slate-900">{shown.team}’s word</strong> : 'another word'} for
        </p>
      )}
      <p className="font-semibold">
        {term.name} <span className="font-normal text-slate-700">· {TERM_STATUS_LABEL[term.status]}</span>
      </p>
      <p className="whitespace-pre-line text-slate-800">{term.definition || 'No definition yet.'}</p>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => {
          openTerm(term.id);
          revealPanel('glossary', `#term-${CSS.escape(term.id)} input`);
        }} className="inline-flex min-h-6 items-center font-medium text-blue-800 underline">
        Open in glossary
      </button>
    </div>
  );
}

function elementAt(editor: Editor, pos: number): Element | null {
  try {
    const { node } = editor.view.domAtPos(pos);
    return node instanceof Element ? node : node.parentElement;
  } catch {
    return null;
  }
}
