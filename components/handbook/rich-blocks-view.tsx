import type { ReactNode } from 'react';
import type { Block, Inline } from '@/lib/export/rich-blocks';

function InlineView({ inline }: { inline: Inline }) {
  if (inline.text === '\n') return <br />;
  let node: ReactNode = inline.code ? <code>{inline.text}</code> : inline.text;
  if (inline.bold) node = <strong>{node}</strong>;
  if (inline.italic) node = <em>{node}</em>;
  if (inline.strike) node = <s>{node}</s>;
  // Only http(s) and mailto links survive (safeHref in lib/export/rich-blocks.ts).
  if (inline.href) node = <a href={inline.href} rel="noopener noreferrer">{node}</a>;
  return <>{node}</>;
}

/** Rich text rendered from plain data (never from stored HTML): script-like content stays text. */
export function RichBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case 'paragraph':
            return <p key={i}>{block.inlines.map((inline, j) => <InlineView key={j} inline={inline} />)}</p>;
          case 'heading':
            return <p key={i} className="font-bold">{block.inlines.map((inline, j) => <InlineView key={j} inline={inline} />)}</p>;
          case 'list': {
            const items = block.items.map((item, j) => <li key={j}><RichBlocks blocks={item} /></li>);
            return block.ordered ? <ol key={i} className="list-decimal pl-6">{items}</ol> : <ul key={i} className="list-disc pl-6">{items}</ul>;
          }
          case 'quote':
            return <blockquote key={i} className="border-l-4 border-slate-300 pl-3"><RichBlocks blocks={block.blocks} /></blockquote>;
          case 'code':
            return <pre key={i} className="bg-slate-100 p-2 text-sm">{block.text}</pre>;
          case 'rule':
            return <hr key={i} />;
        }
      })}
    </>
  );
}
