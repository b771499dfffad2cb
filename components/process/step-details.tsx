'use client';

import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { maxLengthOf, setStepText } from '@/lib/doc/process';
import { stepDescriptionField, type StepId, type StepRecord, type StepTextField } from '@/lib/doc/schema';
import type { PresenceState } from '@/lib/presence';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { RichTextEditor } from '@/components/ui/rich-text';
import { useLockedForMe } from '@/components/facilitation/facilitation-context';

const FIELDS: ReadonlyArray<{ field: Exclude<StepTextField, 'title'>; label: string; multiline: boolean }> = [
  { field: 'ownerRole', label: 'Owner role', multiline: false },
  { field: 'entryCriteria', label: 'Entry criteria', multiline: true },
  { field: 'exitCriteria', label: 'Exit criteria', multiline: true },
  { field: 'inputs', label: 'Inputs', multiline: true },
  { field: 'outputs', label: 'Outputs', multiline: true },
];

type Props = {
  board: Y.Doc;
  stepId: StepId;
  step: StepRecord | undefined;
  index: number;
  awareness: Awareness;
  user: PresenceState['user'];
  onClose: () => void;
  onEditing: (editing: boolean) => void;
};

/** The open step's full content. If someone deletes the step meanwhile, says so instead. */
export function StepDetails({ board, stepId, step, index, awareness, user, onClose, onEditing }: Props) {
  if (!step) {
    return (
      <section role="alert" className="rounded-xl border border-amber-400 bg-amber-50 p-4">
        <p className="font-semibold">This step was deleted by someone else.</p>
        <p className="text-slate-700">If they undo the deletion, it comes back with its description.</p>
        <button type="button" onClick={onClose} className="mt-2 rounded border border-slate-400 bg-white px-3 py-1">
          Close
        </button>
      </section>
    );
  }
  return <StepDetailsContent board={board} stepId={stepId} step={step} index={index} awareness={awareness} user={user} onClose={onClose} onEditing={onEditing} />;
}

function StepDetailsContent({ board, stepId, step, index, awareness, user, onClose, onEditing }: Props & { step: StepRecord }) {
  const locked = useLockedForMe({ kind: 'step', id: stepId });
  const label = step.title || 'Untitled step';
  return (
    <section
      aria-labelledby={`details-${stepId}`}
      className="space-y-3 rounded-xl border border-slate-300 bg-white p-4"
      onFocusCapture={() => onEditing(true)}
      onBlurCapture={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && onEditing(false)}
    >
      <div className="flex items-center gap-3">
        <h3 id={`details-${stepId}`} className="text-lg font-semibold">
          Step {index + 1}: {label}
        </h3>
        <button type="button" onClick={onClose} className="ml-auto rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
          Close details
        </button>
      </div>
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700" id={`desc-label-${stepId}`}>
          Description
        </p>
        <RichTextEditor
          board={board}
          field={stepDescriptionField(stepId)}
          awareness={awareness}
          user={user}
          label={`Description of ${label}`}
          readOnly={locked}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {FIELDS.map(({ field, label: fieldLabel, multiline }) => (
          <SharedTextField
            key={field}
            label={fieldLabel}
            value={step[field]}
            multiline={multiline}
            onChange={(next) => setStepText(board, stepId, field, next)}
            maxLength={maxLengthOf(field)}
            readOnly={locked}
          />
        ))}
      </div>
    </section>
  );
}
