'use client';

import type * as Y from 'yjs';
import { setTitle } from '@/lib/doc/workshop';
import { LIMITS } from '@/lib/protocol';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { useTitle } from './use-title';

/** The workshop title, editable live by everyone. */
export function TitleEditor({ board }: { board: Y.Doc }) {
  const title = useTitle(board);
  return (
    <div className="min-w-0 flex-1 basis-64">
      <SharedTextField
        label="Workshop title"
        hideLabel
        value={title}
        onChange={(next) => setTitle(board, next)}
        maxLength={LIMITS.titleMaxLength}
        placeholder="Untitled workshop"
        className="border-transparent bg-transparent text-2xl font-bold hover:border-slate-300 focus:border-slate-400 sm:text-3xl"
      />
    </div>
  );
}
