'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { setTitle } from '@/lib/doc/workshop';
import { LIMITS } from '@/lib/protocol';
import { useTitle } from './use-title';

/**
 * The workshop title, editable live by everyone. The input is uncontrolled so that a remote
 * edit can be applied without throwing the local caret to the end.
 */
export function TitleEditor({ board }: { board: Y.Doc }) {
  const title = useTitle(board);
  const input = useRef<HTMLInputElement>(null);
  const [length, setLength] = useState(title.length);
  const [focused, setFocused] = useState(false);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el || el.value === title) return;
    const before = el.value;
    const { selectionStart, selectionEnd } = el;
    el.value = title;
    setLength(title.length);
    if (document.activeElement === el && selectionStart !== null && selectionEnd !== null) {
      // Keep the caret where it was relative to the text around it.
      let prefix = 0;
      while (prefix < before.length && prefix < title.length && before[prefix] === title[prefix]) prefix++;
      const shift = title.length - before.length;
      const map = (pos: number) => (pos > prefix ? Math.max(prefix, pos + shift) : pos);
      el.setSelectionRange(map(selectionStart), map(selectionEnd));
    }
  }, [title]);

  const nearLimit = length >= LIMITS.titleMaxLength - 20;
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor="workshop-title-live" className="sr-only">
        Workshop title
      </label>
      <input
        id="workshop-title-live"
        ref={input}
        defaultValue={title}
        maxLength={LIMITS.titleMaxLength}
        placeholder="Untitled workshop"
        onChange={(e) => setLength(setTitle(board, e.currentTarget.value).length)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-describedby="workshop-title-count"
        className="w-full rounded-md border border-transparent bg-transparent px-2 py-1 text-2xl font-bold hover:border-slate-300 focus:border-slate-400 sm:text-3xl"
      />
      <p
        id="workshop-title-count"
        className={`px-2 text-sm ${nearLimit ? 'text-amber-800' : 'text-slate-600'} ${focused || nearLimit ? '' : 'sr-only'}`}
      >
        {length}/{LIMITS.titleMaxLength} characters
      </p>
    </div>
  );
}
