import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TermMatcher } from '@/lib/glossary/matcher';

/**
 * Highlights glossary terms and aliases in rich text as view decorations: the shared text is
 * never changed. Rebuilt when the text changes or a new matcher is set (the glossary changed).
 */
type HighlightState = { matcher: TermMatcher; decorations: DecorationSet };

export const termHighlightKey = new PluginKey<HighlightState>('termHighlight');

const NO_MATCHER: TermMatcher = { find: () => [] };

/** A transaction that gives the editor a new matcher (the glossary changed); it rebuilds highlights. */
export function setTermMatcher<T extends { setMeta(key: PluginKey, value: unknown): T }>(tr: T, matcher: TermMatcher): T {
  return tr.setMeta(termHighlightKey, matcher);
}

function build(doc: ProseMirrorNode, matcher: TermMatcher): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // The block's text, with the document position of every character.
    let text = '';
    const positions: number[] = [];
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      if (child.isText && child.text) {
        for (let i = 0; i < child.text.length; i++) positions.push(start + i);
        text += child.text;
      } else {
        positions.push(start);
        text += '\n';
      }
    });
    for (const match of matcher.find(text)) {
      const from = positions[match.from];
      const last = positions[match.to - 1];
      if (from === undefined || last === undefined) continue;
      // Whose word it is, for the tooltip ("Sales West's word for Demo").
      const attrs = { class: 'term-highlight', 'data-term-id': match.termId, 'data-via': match.via, 'data-team': match.team };
      decorations.push(Decoration.inline(from, last + 1, attrs));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

export const TermHighlight = Extension.create({
  name: 'termHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: termHighlightKey,
        state: {
          init: (_, state) => ({ matcher: NO_MATCHER, decorations: build(state.doc, NO_MATCHER) }),
          apply: (tr, old) => {
            const next = tr.getMeta(termHighlightKey) as TermMatcher | undefined;
            if (next) return { matcher: next, decorations: build(tr.doc, next) };
            if (tr.docChanged) return { matcher: old.matcher, decorations: build(tr.doc, old.matcher) };
            return old;
          },
        },
        props: {
          decorations: (state) => termHighlightKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
