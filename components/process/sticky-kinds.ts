import type { StickyKind } from '@/lib/doc/schema';

/** How each kind of sticky looks: a label (never colour alone) and colours with AA contrast. */
export const STICKY_STYLE: Record<StickyKind, { label: string; className: string }> = {
  pain: { label: 'Pain point', className: 'bg-red-50 border-red-400' },
  question: { label: 'Question', className: 'bg-amber-50 border-amber-500' },
  idea: { label: 'Idea', className: 'bg-green-50 border-green-600' },
  decision: { label: 'Decision', className: 'bg-blue-50 border-blue-500' },
};

export const STATUS_LABEL = { draft: 'Draft', discussing: 'Discussing', agreed: 'Agreed' } as const;
export const STATUS_CLASS = {
  draft: 'bg-slate-200 text-slate-900',
  discussing: 'bg-amber-200 text-amber-950',
  agreed: 'bg-green-700 text-white',
} as const;
