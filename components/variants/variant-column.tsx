'use client';

import type * as Y from 'yjs';
import { BoardLimitError } from '@/lib/doc/fields';
import { VARIANT_PARTS, type VariantPart } from '@/lib/doc/schema';
import { setVariantPart, setVariantText, type VariantItem, type VariantRecord, type VariantWriter } from '@/lib/doc/variants';
import type { DiffSegment } from '@/lib/glossary/variant-text';
import { splitClauses } from '@/lib/glossary/variant-text';
import { LIMITS } from '@/lib/protocol';
import { SharedTextField } from '@/components/ui/shared-text-field';
import { DiffText } from './diff-text';

export const PART_LABEL: Record<VariantPart, string> = { numerator: 'Numerator', denominator: 'Denominator', unit: 'Unit', target: 'Target' };

type Props = {
  board: Y.Doc;
  item: VariantItem;
  variant: VariantRecord;
  segments: readonly DiffSegment[];
  partSegments: Readonly<Record<VariantPart, readonly DiffSegment[]>> | null;
  /** This user's team's variant, not locked: editable here. */
  editable: boolean;
  /** Shown beside others (then the differing words are marked). */
  compared: boolean;
  writer: VariantWriter;
  canConverge: boolean;
  /** Clause picking: the picks of this variant's clauses (index → order), or null when not picking. */
  picked: ReadonlyMap<number, number> | null;
  onTogglePick: (index: number) => void;
  onStart: () => void;
  onRemove: () => void;
};

/** Applies a shared edit; a write refused because the item is gone keeps what was typed on screen. */
function guarded(write: () => string, fallback: string): string {
  try {
    return write();
  } catch (error) {
    if (error instanceof BoardLimitError) return fallback;
    throw error;
  }
}

/** One team's definition: who wrote it and when, its words (the differing ones marked), and what can be done with it. */
export function VariantColumn({ board, item, variant, segments, partSegments, editable, compared, writer, canConverge, picked, onTogglePick, onStart, onRemove }: Props) {
  const authors = variant.authors.map((a) => a.name).join(', ');
  const time = variant.createdAt ? new Date(variant.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  const clauses = picked ? splitClauses(variant.text) : [];
  return (
    <section aria-label={`${variant.team}’s definition`} className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-300 bg-slate-50 p-2 text-sm" data-testid="variant-column">
      <div>
        <h4 className="font-semibold text-slate-900">{variant.team}</h4>
        <p className="text-xs text-slate-700">
          {authors || 'Someone'}
          {time && ` · ${time}`}
        </p>
      </div>
      {editable && !picked && (
        <SharedTextField
          label={`${variant.team}’s wording`}
          value={variant.text}
          multiline
          maxLength={LIMITS.variantTextMaxLength}
          onChange={(next) => guarded(() => setVariantText(board, item, variant.team, next, writer), next)}
        />
      )}
      {picked ? (
        <fieldset>
          <legend className="sr-only">Clauses of {variant.team}’s definition</legend>
          {clauses.length === 0 && <p className="text-slate-600 italic">No wording yet.</p>}
          {clauses.map((clause, index) => (
            <label key={index} className="flex min-h-6 items-start gap-2 py-0.5">
              <input type="checkbox" className="mt-1 size-4 shrink-0" checked={picked.has(index)} onChange={() => onTogglePick(index)} />
              <span>
                {picked.has(index) && <span className="mr-1 rounded bg-blue-700 px-1 text-xs font-semibold text-white">{picked.get(index)! + 1}</span>}
                {clause}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        (!editable || compared) && (
          <p className="break-words whitespace-pre-line" data-testid="variant-text">
            {editable && <span className="block text-xs font-medium text-slate-700">Compared with the others:</span>}
            <DiffText segments={segments} />
          </p>
        )
      )}
      {item.kind === 'metric' && variant.parts && editable && !picked && (
        <div className="space-y-1">
          {VARIANT_PARTS.map((part) => (
            <SharedTextField
              key={part}
              label={PART_LABEL[part]}
              value={variant.parts![part]}
              maxLength={LIMITS.metricFieldMaxLength}
              onChange={(next) => guarded(() => setVariantPart(board, item, variant.team, part, next, writer), next)}
            />
          ))}
        </div>
      )}
      {item.kind === 'metric' && variant.parts && (!editable || compared || picked) && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
          {VARIANT_PARTS.map((part) => (
            <div key={part} className="contents">
              <dt className="font-medium text-slate-700">{PART_LABEL[part]}</dt>
              <dd className="min-w-0 break-words">
                <DiffText segments={partSegments?.[part] ?? []} empty="—" />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {canConverge && !picked && (
        <div className="mt-auto flex flex-wrap gap-2 pt-1">
          <button type="button" onClick={onStart} className="min-h-6 rounded border border-blue-700 bg-white px-2 py-0.5 text-xs font-medium text-blue-900 hover:bg-blue-50">
            Start agreed definition from this<span className="sr-only"> ({variant.team})</span>
          </button>
          {editable && (
            <button type="button" onClick={onRemove} className="min-h-6 px-1 text-xs text-red-800 underline" aria-label={`Remove ${variant.team}’s definition`}>
              Remove
            </button>
          )}
        </div>
      )}
    </section>
  );
}
