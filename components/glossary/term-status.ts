import type { TermStatus } from '@/lib/doc/schema';

export const TERM_STATUS_LABEL: Record<TermStatus, string> = {
  proposed: 'Proposed',
  discussing: 'Discussing',
  agreed: 'Agreed',
  parked: 'Parked',
};

export const TERM_STATUS_CLASS: Record<TermStatus, string> = {
  proposed: 'bg-slate-200 text-slate-900',
  discussing: 'bg-amber-200 text-amber-950',
  agreed: 'bg-green-700 text-white',
  parked: 'bg-slate-500 text-white',
};
