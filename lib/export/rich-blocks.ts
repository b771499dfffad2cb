import * as Y from 'yjs';

/**
 * Rich text as plain data: the blocks and marks our editor produces (Tiptap StarterKit),
 * read from a Yjs fragment. Rendered to Markdown for export and to React for the print view.
 */
export type Inline = { text: string; bold?: boolean; italic?: boolean; code?: boolean; strike?: boolean; href?: string };
export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'heading'; level: number; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

/** Links are kept only for web and mail addresses; anything else (javascript:, data:) is dropped. */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function inlinesOf(node: Y.XmlElement): Inline[] {
  const inlines: Inline[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof op.insert !== 'string') continue;
        const a = op.attributes ?? {};
        const link = a.link as { href?: unknown } | undefined;
        inlines.push({
          text: op.insert,
          ...(a.bold ? { bold: true } : {}),
          ...(a.italic ? { italic: true } : {}),
          ...(a.code ? { code: true } : {}),
          ...(a.strike ? { strike: true } : {}),
          ...(safeHref(link?.href) ? { href: safeHref(link?.href) } : {}),
        });
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      inlines.push({ text: '\n' });
    }
  }
  return inlines;
}

function blockOf(node: Y.XmlElement): Block | null {
  switch (node.nodeName) {
    case 'paragraph':
      return { type: 'paragraph', inlines: inlinesOf(node) };
    case 'heading': {
      const level = Number(node.getAttribute('level'));
      return { type: 'heading', level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, inlines: inlinesOf(node) };
    }
    case 'bulletList':
    case 'orderedList':
      return {
        type: 'list',
        ordered: node.nodeName === 'orderedList',
        items: node.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement).map((item) => blocksOf(item)),
      };
    case 'blockquote':
      return { type: 'quote', blocks: blocksOf(node) };
    case 'codeBlock':
      return { type: 'code', text: inlinesOf(node).map((i) => i.text).join('') };
    case 'horizontalRule':
      return { type: 'rule' };
    default:
      return null;
  }
}

export function blocksOf(parent: Y.XmlFragment | Y.XmlElement): Block[] {
  return parent
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
    .map(blockOf)
    .filter((b): b is Block => b !== null);
}

// ---- Markdown ------------------------------------------------------------------------------

/** Escapes characters that Markdown would otherwise read as inline formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#|<~])/g, '\\$1');
}

/** Keeps a paragraph's first characters from reading as a list, quote or rule. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+>=])/, '$1\\$2').replace(/^(\s*\d+)\./, '$1\\.');
}

function inlineMarkdown(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      if (i.text === '\n') return '  \n';
      let t = i.code ? `\`${i.text.replace(/`/g, 'ˋ')}\`` : escapeMarkdown(i.text);
      if (i.bold) t = `**${t}**`;
      if (i.italic) t = `*${t}*`;
      if (i.strike) t = `~~${t}~~`;
      if (i.href) t = `[${t}](${i.href.replace(/\)/g, '%29')})`;
      return t;
    })
    .join('');
}

export function blocksToMarkdown(blocks: readonly Block[], indent = ''): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return indent + escapeLineStart(inlineMarkdown(block.inlines));
        case 'heading':
          // Headings inside a definition sit below the handbook's own levels.
          return `${indent}${'#'.repeat(Math.min(6, block.level + 3))} ${inlineMarkdown(block.inlines)}`;
        case 'list':
          return block.items
            .map((item, i) => {
              const marker = block.ordered ? `${i + 1}. ` : '- ';
              const body = blocksToMarkdown(item, indent + ' '.repeat(marker.length)).trimStart();
              return `${indent}${marker}${body}`;
            })
            .join('\n');
        case 'quote':
          return blocksToMarkdown(block.blocks)
            .split('\n')
            .map((line) => `${indent}> ${line}`)
            .join('\n');
        case 'code':
          return `${indent}\`\`\`\n${block.text}\n${indent}\`\`\``;
        case 'rule':
          return `${indent}---`;
      }
    })
    .join('\n\n');
}

