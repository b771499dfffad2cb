'use client';

import type * as Y from 'yjs';
import { listParticipants } from '@/lib/doc/participants';
import { parseItemKey } from '@/lib/doc/schema';
import { consensusByTeam } from '@/lib/doc/team-signals';
import { CONSENSUS_LEVELS } from '@/lib/doc/votes';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useVotes } from '@/components/facilitation/use-votes';
import { useItemLabels } from './use-item-label';

/**
 * The facilitator's view of the last consensus check split by team, to test "we're different"
 * with data: does one team block what the others agree with?
 */
export function ConsensusByTeam({ board }: { board: Y.Doc }) {
  const { facilitation } = useFacilitation();
  const votes = useVotes(board);
  const labelOf = useItemLabels(board);
  const session = facilitation.consensus;
  if (!session) return null;
  // Participants change rarely and are read when the answers change; each writes their own entry on joining.
  const teams = new Map(listParticipants(board).map((p) => [p.id, p.team]));
  const split = consensusByTeam(votes.answers(session.id), (id) => teams.get(id) ?? '');
  if (split.size === 0) return null;
  const ref = parseItemKey(session.item);
  const label = ref ? labelOf(ref) : null;
  return (
    <section aria-labelledby="consensus-by-team-heading" className="space-y-2">
      <h3 id="consensus-by-team-heading" className="font-semibold">
        Consensus by team{label ? `: ${label.kind} ${label.name}` : ''}
      </h3>
      <ul aria-label="Consensus answers by team" className="space-y-1 text-sm">
        {[...split.entries()].map(([team, result]) => (
          <li key={team} className="rounded border border-slate-200 bg-white p-2">
            <strong>{team || 'No team'}</strong> ({result.total}):{' '}
            {CONSENSUS_LEVELS.filter((l) => (result.counts.get(l.id) ?? 0) > 0)
              .map((l) => `${l.label} ${result.counts.get(l.id)}`)
              .join(' · ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
