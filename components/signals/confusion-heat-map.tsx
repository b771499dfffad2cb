'use client';

import { useState } from 'react';
import { clearFlags } from '@/lib/doc/signals';
import { flagsOfTeam, signalTeams } from '@/lib/doc/team-signals';
import { itemKey } from '@/lib/doc/schema';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useDecisions } from '@/components/projector/use-decision';
import { useSignals } from './signals-context';
import { ConsensusByTeam, useConsensusSplit } from './consensus-by-team';
import { useItemLabels } from './use-item-label';

/**
 * The facilitator's view of where the room is lost: flagged items by count, with counts by team,
 * then consensus by team. One team selector filters both (a "we're different" claim is tested on
 * the flags and on the answers together).
 */
export function ConfusionHeatMap() {
  const { board, signals } = useSignals();
  const { doc } = useFacilitation();
  const { goTo } = useNavigation();
  const labelOf = useItemLabels(board);
  const decisions = useDecisions(doc);
  const { split } = useConsensusSplit(board);
  // null = every team; '' = people without a team.
  const [chosen, setTeam] = useState<string | null>(null);
  const teams = signalTeams(signals.flags, split.keys(), decisions);
  const team = chosen !== null && teams.includes(chosen) ? chosen : null;
  const flags = team === null ? signals.flags : flagsOfTeam(signals.flags, team);
  const max = Math.max(1, ...flags.map((f) => f.count));
  return (
    <section aria-labelledby="heatmap-heading" className="space-y-3">
      <h2 id="heatmap-heading" className="text-xl font-semibold">
        Confusion heat map
      </h2>
      {teams.length > 1 && (
        <div className="text-sm">
          <label htmlFor="heatmap-team" className="mr-2 font-medium text-slate-700">
            Signals of
          </label>
          <select id="heatmap-team" value={team ?? '*'} onChange={(e) => setTeam(e.target.value === '*' ? null : e.target.value)} className="min-h-6 rounded border border-slate-300 bg-white px-1">
            <option value="*">Every team</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t || 'No team'}
              </option>
            ))}
          </select>
        </div>
      )}
      {signals.flags.length === 0 ? (
        <p className="text-slate-700">Nobody has said “I don’t understand” yet.</p>
      ) : flags.length === 0 ? (
        <p className="text-slate-700">Nobody of {team || 'No team'} has said “I don’t understand”.</p>
      ) : (
        <ol className="space-y-2" aria-label="Flagged items, most flagged first">
          {flags.map((flag) => {
            const label = labelOf(flag.item);
            return (
              <li key={itemKey(flag.item)} className="rounded-lg border border-slate-200 bg-white p-2" aria-label={`${label.kind} ${label.name}: ${flag.count}`}>
                <div className="flex items-center gap-2">
                  <span className="text-xs font-semibold uppercase text-slate-600">{label.kind}</span>
                  <button type="button" disabled={!label.exists} onClick={() => goTo(flag.item)} className="truncate font-semibold text-blue-900 hover:underline disabled:text-slate-500">
                    {label.name}
                  </button>
                  <span className="ml-auto rounded-full bg-purple-700 px-2 text-sm font-bold text-white">{flag.count}</span>
                </div>
                <div className="mt-1 h-2 rounded bg-purple-100" aria-hidden="true">
                  <div className="h-2 rounded bg-purple-600" style={{ width: `${(flag.count / max) * 100}%` }} />
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {[...flag.byTeam].map(([team, n]) => `${team || 'No team'}: ${n}`).join(' · ')}
                </p>
                <button type="button" onClick={() => clearFlags(board, flag.item)} className="text-sm text-red-800 underline">
                  Clear flags (discussed)
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <ConsensusByTeam board={board} team={team} decisions={decisions} />
    </section>
  );
}
