'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { PresenceState } from '@/lib/presence';

type Props = { board: Y.Doc; field: string; awareness: Awareness; user: PresenceState['user']; label: string; readOnly?: boolean };

/**
 * A rich-text description bound to a root-level fragment of the board, with live carets
 * showing each editor's name and colour. Its undo history (Ctrl/Cmd+Z inside it) is the
 * Collaboration extension's, which also only undoes this user's own typing.
 */
export function DescriptionEditor({ board, field, awareness, user, label, readOnly }: Props) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: [
        // The shared document has its own history; ProseMirror's would fight it.
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } }),
        Collaboration.configure({ document: board, field }),
        // The caret extension reads `user` from presence; we pass the same user we share.
        CollaborationCaret.configure({ provider: { awareness }, user }),
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'prose-sm min-h-24 rounded-md border border-slate-300 bg-white px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700',
        },
      },
    },
    [board, field, awareness],
  );
  return <EditorContent editor={editor} />;
}
