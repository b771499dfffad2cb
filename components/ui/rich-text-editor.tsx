'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { PresenceState } from '@/lib/presence';
import { CaretRecovery } from '@/lib/rich-text/caret-recovery';
import { isAllowedLink, shouldAutoLink } from '@/lib/rich-text/links';
import { useGlossary } from '@/components/glossary/glossary-context';
import { TermHighlight, setTermMatcher } from '@/components/glossary/term-highlight-extension';
import { TermTooltip } from '@/components/glossary/term-tooltip';
import { FormatToolbar } from './format-toolbar';

type Props = { board: Y.Doc; field: string; awareness: Awareness; user: PresenceState['user']; label: string; highlightTerms?: boolean; readOnly?: boolean };

/**
 * Rich text bound to a root-level fragment of the board, with live carets showing each
 * editor's name and colour, and glossary terms highlighted in place. Its undo history
 * (Ctrl/Cmd+Z inside it) is the Collaboration extension's, which undoes only this user's typing.
 */
export function RichTextEditor({ board, field, awareness, user, label, highlightTerms = true, readOnly = false }: Props) {
  const { glossary } = useGlossary();
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: [
        // The shared document has its own history; ProseMirror's would fight it.
        StarterKit.configure({
          undoRedo: false,
          // Links only where someone wrote the http(s):// themselves (see lib/rich-text/links.ts).
          link: { openOnClick: false, protocols: ['http', 'https', 'mailto'], shouldAutoLink, isAllowedUri: isAllowedLink },
        }),
        Collaboration.configure({ document: board, field }),
        // Keeps each typist's words whole when several people type at one spot (see the module).
        CaretRecovery,
        // The caret extension reads `user` from presence; we pass the same user we share.
        CollaborationCaret.configure({ provider: { awareness }, user }),
        TermHighlight,
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          'aria-readonly': String(readOnly),
          role: 'textbox',
          class: 'min-h-24 rounded-md border border-slate-300 bg-white px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700',
        },
      },
    },
    [board, field, awareness],
  );
  useEffect(() => {
    if (highlightTerms && editor && !editor.isDestroyed) editor.view.dispatch(setTermMatcher(editor.state.tr, glossary.matcher));
  }, [editor, glossary.matcher, highlightTerms]);
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  return (
    <div className="relative">
      {editor && <FormatToolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
      {editor && <TermTooltip editor={editor} />}
    </div>
  );
}
