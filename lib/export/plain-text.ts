import type { Block, Inline } from './rich-blocks';

/**
 * Rich text as plain text, for formats that carry no markup (BPMN `documentation`, Word runs
 * where the structure is not worth keeping): paragraphs separated by blank lines, list items
 * as "- " or "1. " lines. Links keep their address in brackets so it is not lost.
 */
const inlinesToText = (inlines: readonly Inline[]) => inlines.map((i) => (i.href && i.href !== i.text ? `${i.text} (${i.href})` : i.text)).join('');

function blockToText(block: Block, indent: string): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return indent + inlinesToText(block.inlines);
    case 'list':
      return block.items
        .map((item, n) => {
          const [first, ...rest] = item.map((b) => blockToText(b, '').trim());
          const marker = block.ordered ? `${n + 1}. ` : '- ';
          return [`${indent}${marker}${first ?? ''}`, ...rest.map((r) => r.replace(/^/gm, `${indent}   `))].join('\n');
        })
        .join('\n');
    case 'quote':
      return block.blocks.map((b) => blockToText(b, indent)).join('\n');
    case 'code':
      return block.text;
    case 'rule':
      return '';
  }
}

export function blocksToPlainText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => blockToText(b, ''))
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}
