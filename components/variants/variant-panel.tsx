'use client';

import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { BoardLimitError } from '@/lib/doc/fields';
import { itemKey, VARIANT_PARTS } from '@/lib/doc/schema';
import { setFocus, variantsFocus } from '@/lib/doc/sessions';
import { addVariant, agreeFromClauses, composeFromClauses, removeVariant, startAgreedFrom, teamKey, type ClausePick, type VariantItem } from '@/lib/doc/variants';
import { diffVariantParts, diffVariants } from '@/lib/glossary/variant-text';
import type { PresenceState } from '@/lib/presence';
import { useLockedForMe, useOptionalFacilitation } from '@/components/facilitation/facilitation-context';
import { useVariants } from './use-variants';
import { VariantColumn } from './variant-column';

type Props = { board: Y.Doc; item: VariantItem; label: string; user: PresenceState['user']; /** Agreed: the variants are the history of how. */ agreed: boolean };

/**
 * Competing definitions of a term or metric: each team's wording as a column (side by side once
 * there are two, the differing words marked), "Add our team's definition", and the two ways to
 * converge — start the agreed definition from one variant, or build it from picked clauses —
 * before the existing consensus check.
 */
export function VariantPanel({ board, item, label, user, agreed }: Props) {
  const { byItem } = useVariants(board);
  const key = itemKey(item);
  const variants = useMemo(() => byItem.get(key) ?? [], [byItem, key]);
  const facilitation = useOptionalFacilitation();
  const lockedForMe = useLockedForMe(item);
  // Agreed (locked or not): the variants are history; they change again once the item is reopened.
  const locked = lockedForMe || agreed;
  const [picks, setPicks] = useState<ClausePick[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const writer = { id: user.id, name: user.name };
  const mine = variants.find((v) => v.teamKey === teamKey(user.team));
  const segments = useMemo(() => diffVariants(variants.map((v) => v.text)), [variants]);
  const partSegments = useMemo(() => (item.kind === 'metric' ? diffVariantParts(variants.map((v) => v.parts), VARIANT_PARTS) : null), [item.kind, variants]);

  const run = (write: () => void, done: string) => {
    try {
      write();
      setMessage({ text: done, error: false });
    } catch (error) {
      setMessage({ text: error instanceof BoardLimitError ? error.message : 'That did not work.', error: true });
    }
  };
  const preview = picks ? composeFromClauses(variants, picks) : null;
  const togglePick = (team: string, index: number) =>
    setPicks((current) => {
      const list = current ?? [];
      const has = list.some((p) => teamKey(p.team) === teamKey(team) && p.index === index);
      return has ? list.filter((p) => !(teamKey(p.team) === teamKey(team) && p.index === index)) : [...list, { team, index }];
    });

  return (
    <section aria-label={`Team definitions of ${label}`} className="space-y-2 rounded-md border border-slate-200 p-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-800">
          {agreed && variants.length > 0 ? 'Team definitions before the agreement' : 'Team definitions'}{' '}
          {variants.length > 0 && <span className="font-normal text-slate-600">({variants.length})</span>}
        </h3>
        {variants.length >= 2 && !agreed && <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-950">Contested</span>}
        {facilitation?.isFacilitator && variants.length > 0 && (
          <button type="button" onClick={() => setFocus(facilitation.doc, variantsFocus(item))} className="ml-auto min-h-6 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-100">
            Show side by side to everyone
          </button>
        )}
      </div>
      {variants.length === 0 && !agreed && <p className="text-sm text-slate-700">Does your team mean something else by “{label}”? Add your team’s wording; the room then sees every team’s side by side.</p>}
      {agreed && (
        <p className="text-sm text-slate-700">
          {variants.length > 0
            ? `Agreed: each team’s wording is kept as it was before the agreement. To change one or converge again, reopen ${label} first.`
            : `Agreed. To add a team’s definition, reopen ${label} first.`}
        </p>
      )}
      {!mine && !locked && (
        user.team ? (
          <button
            type="button"
            onClick={() => run(() => addVariant(board, item, user.team, writer), `Added ${user.team}’s definition: type it in your column.`)}
            className="min-h-6 rounded bg-blue-700 px-2 py-1 text-sm font-semibold text-white hover:bg-blue-800"
          >
            Add our team’s definition ({user.team})
          </button>
        ) : (
          <p className="text-sm text-slate-700">Set your team (“Change name or team”) to add your team’s definition.</p>
        )
      )}
      {variants.length > 0 && (
        <div
          role="group"
          aria-label={variants.length >= 2 ? `${variants.length} definitions side by side` : 'One team definition'}
          tabIndex={0}
          className="grid auto-cols-[minmax(11rem,1fr)] grid-flow-col gap-2 overflow-x-auto pb-1"
        >
          {variants.map((variant, i) => (
            <VariantColumn
              key={variant.key}
              board={board}
              item={item}
              variant={variant}
              segments={segments[i] ?? []}
              partSegments={partSegments?.[i] ?? null}
              editable={!locked && variant.teamKey === mine?.teamKey}
              compared={variants.length >= 2}
              writer={writer}
              canConverge={!locked}
              picked={picks && !locked ? new Map(picks.flatMap((p, order) => (teamKey(p.team) === variant.teamKey ? [[p.index, order] as const] : []))) : null}
              onTogglePick={(index) => togglePick(variant.team, index)}
              onStart={() => run(() => startAgreedFrom(board, item, variant.team), `The definition of ${label} now starts from ${variant.team}’s wording. Edit it, then check consensus.`)}
              onRemove={() => run(() => removeVariant(board, item, variant.team), `Removed ${variant.team}’s definition.`)}
            />
          ))}
        </div>
      )}
      {!locked && variants.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {picks === null ? (
            <button type="button" onClick={() => setPicks([])} className="min-h-6 rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
              Pick clauses…
            </button>
          ) : (
            <>
              <p className="w-full text-slate-800" aria-live="polite">
                {preview?.text ? (
                  <>
                    Agreed definition will read: “{preview.text}”
                  </>
                ) : (
                  'Tick the clauses to keep, in the order they should read.'
                )}
              </p>
              <button
                type="button"
                disabled={!preview?.text}
                onClick={() => {
                  run(() => agreeFromClauses(board, item, picks), `The definition of ${label} is built from ${picks.length} picked ${picks.length === 1 ? 'clause' : 'clauses'}. Check consensus when the room is ready.`);
                  setPicks(null);
                }}
                className="min-h-6 rounded bg-blue-700 px-2 py-0.5 font-semibold text-white disabled:opacity-40"
              >
                Use {picks.length} {picks.length === 1 ? 'clause' : 'clauses'} as the agreed definition
              </button>
              <button type="button" onClick={() => setPicks(null)} className="min-h-6 px-1 text-slate-800 underline">
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={`text-sm ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
