'use client';

import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { maxLengthOf, setStepText } from '@/lib/doc/process';
import type { StepId, StepRecord } from '@/lib/doc/schema';
import type { PresenceState } from '@/lib/presence';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { FlagButton } from '@/components/signals/flag-button';
import { ParkButton } from '@/components/signals/park-button';
import { ConsensusButton } from '@/components/facilitation/consensus-button';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';
import { StepDetails } from '@/components/process/step-details';

type Props = {
  board: Y.Doc;
  stepId: StepId;
  step: StepRecord | undefined;
  index: number;
  stepCount: number;
  awareness: Awareness;
  user: PresenceState['user'];
  onClose: () => void;
  onEditing: (editing: boolean) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  /** 'side' over the wall's right side; 'sheet' the whole screen (phones). */
  variant?: 'side' | 'sheet';
};

/** The open step in a drawer over the wall's right side: everything the card leaves out. */
export function StepDrawer(props: Props) {
  const { board, stepId, step, index, stepCount, onClose, onMove, onDelete, variant = 'side' } = props;
  const locked = useLockedForMe({ kind: 'step', id: stepId });
  const label = step?.title || 'Untitled step';
  return (
    <aside
      aria-label={`Step details: ${label}`}
      className={`${variant === 'sheet' ? 'fixed inset-0 z-40' : 'absolute inset-y-0 right-0 z-20 w-[min(30rem,100%)] border-l border-slate-300 shadow-2xl'} flex flex-col gap-3 overflow-y-auto bg-white p-4`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target as HTMLElement).closest('.ProseMirror')) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {step && (
        <>
          <SharedTextField
            label={`Title of step ${index + 1}`}
            value={step.title}
            onChange={(next) => setStepText(board, stepId, 'title', next)}
            maxLength={maxLengthOf('title')}
            readOnly={locked}
            className="text-lg font-semibold"
          />
          <div className="flex flex-wrap items-center gap-1.5">
            <FlagButton item={{ kind: 'step', id: stepId }} label={label} />
            <ParkButton item={{ kind: 'step', id: stepId }} label={label} />
            <ConsensusButton board={board} item={{ kind: 'step', id: stepId }} label={label} />
            <span className="ml-auto flex gap-1">
              <button type="button" onClick={() => onMove(-1)} disabled={locked || index === 0} className="h-8 rounded border border-slate-400 px-2 text-sm disabled:opacity-40" aria-label={`Move ${label} left`}>
                ←
              </button>
              <button type="button" onClick={() => onMove(1)} disabled={locked || index === stepCount - 1} className="h-8 rounded border border-slate-400 px-2 text-sm disabled:opacity-40" aria-label={`Move ${label} right`}>
                →
              </button>
              <button type="button" onClick={onDelete} disabled={locked} className="h-8 rounded px-2 text-sm text-red-800 underline hover:bg-red-50 disabled:opacity-40" aria-label={`Delete ${label}`}>
                Delete
              </button>
            </span>
          </div>
        </>
      )}
      <StepDetails {...props} />
    </aside>
  );
}
