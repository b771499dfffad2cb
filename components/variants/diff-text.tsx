import type { DiffSegment } from '@/lib/glossary/variant-text';

/**
 * A variant's text with the words that differ from the other variants marked: a <mark> with a
 * background and an underline (never colour alone), announced to screen readers as "differs".
 */
export function DiffText({ segments, empty = 'No wording yet.' }: { segments: readonly DiffSegment[]; empty?: string }) {
  if (segments.length === 0) return <span className="text-slate-600 italic">{empty}</span>;
  return (
    <>
      {segments.map((segment, i) =>
        segment.differs ? (
          <span key={i}>
            <span className="sr-only">differs: </span>
            <mark className="rounded-sm bg-amber-200 text-inherit underline decoration-amber-800 decoration-2 underline-offset-2" data-differs="">
              {segment.text}
            </mark>
          </span>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
