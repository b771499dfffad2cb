'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { isAllowedLink } from '@/lib/rich-text/links';

const BUTTON = 'inline-flex h-7 min-w-7 items-center justify-center rounded px-1.5 text-sm hover:bg-slate-200 aria-pressed:bg-slate-800 aria-pressed:text-white disabled:opacity-40';

/**
 * A small formatting toolbar over a rich-text field: bold, italic, bullet and numbered lists, and
 * a link (http(s) or mailto only, as typed links are). The buttons keep the caret in the text
 * (they never take focus on press), and show which formats apply where the caret is.
 */
export function FormatToolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const inputId = useId();
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!active.editable) return null;
  const keep = (event: React.MouseEvent) => event.preventDefault();
  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    if (!isAllowedLink(href)) return setError('A link starts with https://, http:// or mailto:.');
    const url = href.trim();
    // With nothing selected, the address itself becomes the linked text.
    if (editor.state.selection.empty) editor.chain().focus().insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    setLinking(false);
    setHref('');
    setError(null);
  };
  return (
    <div className="mb-1 space-y-1">
      <div role="toolbar" aria-label={`Formatting of ${label}`} className="flex flex-wrap items-center gap-0.5 rounded-md border border-slate-300 bg-slate-50 p-0.5">
        <button type="button" onMouseDown={keep} onClick={() => editor.chain().focus().toggleBold().run()} aria-pressed={active.bold} aria-keyshortcuts="Control+B" className={`${BUTTON} font-bold`} title="Bold (Ctrl+B)" aria-label="Bold">
          B
        </button>
        <button type="button" onMouseDown={keep} onClick={() => editor.chain().focus().toggleItalic().run()} aria-pressed={active.italic} aria-keyshortcuts="Control+I" className={`${BUTTON} italic`} title="Italic (Ctrl+I)" aria-label="Italic">
          I
        </button>
        <button type="button" onMouseDown={keep} onClick={() => editor.chain().focus().toggleBulletList().run()} aria-pressed={active.bullets} className={BUTTON} title="Bullet list" aria-label="Bullet list">
          <span aria-hidden="true">•≡</span>
        </button>
        <button type="button" onMouseDown={keep} onClick={() => editor.chain().focus().toggleOrderedList().run()} aria-pressed={active.numbers} className={BUTTON} title="Numbered list" aria-label="Numbered list">
          <span aria-hidden="true">1.≡</span>
        </button>
        {active.link ? (
          <button type="button" onMouseDown={keep} onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()} className={BUTTON}>
            Remove link
          </button>
        ) : (
          <button type="button" onMouseDown={keep} onClick={() => setLinking((on) => !on)} aria-expanded={linking} className={BUTTON}>
            Link…
          </button>
        )}
      </div>
      {linking && (
        <form onSubmit={applyLink} className="flex items-center gap-1" aria-label="Add a link">
          <label className="sr-only" htmlFor={inputId}>
            Link address
          </label>
          <input
            id={inputId}
            autoFocus
            value={href}
            onChange={(e) => setHref(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setLinking(false))}
            placeholder="https://…"
            className="h-7 min-w-0 flex-1 rounded border border-slate-400 px-1.5 text-sm"
          />
          <button type="submit" className="h-7 rounded bg-slate-900 px-2 text-sm font-semibold text-white">
            Add link
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
