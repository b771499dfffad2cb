'use client';

import { compareTeams } from '@/lib/compare';
import type * as Y from 'yjs';
import { listParticipants } from '@/lib/doc/participants';
import { parseItemKey } from '@/lib/doc/schema';
import type { Decision } from '@/lib/doc/sessions';
import { consensusByTeam, decisionCounts } from '@/lib/doc/team-signals';
import { CONSENSUS_LEVELS, type ConsensusLevel } from '@/lib/doc/votes';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useVotes } from '@/components/facilitation/use-votes';
import { useItemLabels } from './use-item-label';

/** The current consensus check and its answers split by the team of who gave them ('' = no team). */
export function useConsensusSplit(board: Y.Doc) {
  const { facilitation } = useFacilitation();
  const votes = useVotes(board);
  const session = facilitation.consensus;
  if (!session) return { session: null, split: new Map<string, never>() };
  // Participants change rarely and are read when the answers change; each writes their own entry on joining.
  const teams = new Map(listParticipants(board).map((p) => [p.id, p.team]));
  return { session, split: consensusByTeam(votes.answers(session.id), (id) => teams.get(id) ?? '') };
}

/** "Fully agree 3 · Block 1": the chosen levels in scale order. */
function levels(count: (level: ConsensusLevel) => number): string {
  return CONSENSUS_LEVELS.filter((l) => count(l.id) > 0)
    .map((l) => `${l.label} ${count(l.id)}`)
    .join(' · ');
}

function when(at: number): string {
  return at ? new Date(at).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '';
}

/**
 * The facilitator's view of consensus split by team, to test "we're different" with data: does
 * one team block what the others agree with? The current check's answers per team, and the
 * checks that ended in a decision, each as the chosen team answered it. `team`: only that team
 * (null = every team); counts only, never who.
 */
export function ConsensusByTeam({ board, team, decisions }: { board: Y.Doc; team: string | null; decisions: readonly Decision[] }) {
  const labelOf = useItemLabels(board);
  const { session, split } = useConsensusSplit(board);
  const rows = [...split.entries()].filter(([t]) => team === null || t === team);
  const ref = session ? parseItemKey(session.item) : null;
  const label = ref ? labelOf(ref) : null;
  const teamName = team === null ? '' : team || 'No team';
  return (
    <>
      {session && split.size > 0 && (
        <section aria-labelledby="consensus-by-team-heading" className="space-y-2">
          <h3 id="consensus-by-team-heading" className="font-semibold">
            Consensus by team{label ? `: ${label.kind} ${label.name}` : ''}
          </h3>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-700">Nobody of {teamName} answered this check.</p>
          ) : (
            <ul aria-label="Consensus answers by team" className="space-y-1 text-sm">
              {rows.map(([t, result]) => (
                <li key={t} className="rounded border border-slate-200 bg-white p-2">
                  <strong>{t || 'No team'}</strong> ({result.total}): {levels((id) => result.counts.get(id) ?? 0)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {decisions.length > 0 && (
        <section aria-labelledby="past-decisions-heading" className="space-y-2">
          <h3 id="past-decisions-heading" className="font-semibold">
            Agreed items{team === null ? '' : `: as ${teamName} answered`}
          </h3>
          <ul aria-label="Agreed items and their consensus" className="space-y-1 text-sm">
            {[...decisions].reverse().map((decision) => {
              const itemRef = parseItemKey(decision.item);
              const itemLabel = itemRef ? labelOf(itemRef) : null;
              const counts = decisionCounts(decision, team);
              const split = team === null && decision.byTeam ? Object.entries(decision.byTeam).sort(([a], [b]) => compareTeams(a, b)) : [];
              return (
                <li key={decision.item} className="rounded border border-slate-200 bg-white p-2">
                  <strong>{itemLabel ? `${itemLabel.kind} ${itemLabel.name}` : 'An item'}</strong>
                  {decision.at ? <span className="text-slate-600"> · {when(decision.at)}</span> : null}
                  <p>
                    {counts
                      ? levels((id) => counts[id] ?? 0) || 'No answers'
                      : decision.byTeam
                        ? `Nobody of ${teamName} answered this check.`
                        : 'Answers by team were not recorded for this check.'}
                  </p>
                  {split.length > 0 && (
                    <p className="text-slate-700" data-testid="decision-by-team">
                      {split.map(([t, c]) => `${t || 'No team'}: ${levels((id) => c[id] ?? 0)}`).join('; ')}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
