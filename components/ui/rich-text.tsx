'use client';

import dynamic from 'next/dynamic';

/**
 * The rich-text editor (Tiptap, ProseMirror and the Yjs binding), loaded when a definition or
 * a step's details are first opened rather than with the board. Meanwhile an empty box of the
 * editor's size holds its place.
 */
export const RichTextEditor = dynamic(() => import('./rich-text-editor').then((m) => m.RichTextEditor), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="min-h-24 rounded-md border border-slate-300 bg-white" />,
});
