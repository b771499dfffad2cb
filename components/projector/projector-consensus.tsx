'use client';

import type * as Y from 'yjs';
import { aggregateConsensus, CONSENSUS_LEVELS } from '@/lib/doc/votes';
import { parseItemKey } from '@/lib/doc/schema';
import type { ConsensusSession } from '@/lib/doc/sessions';
import { useVotes } from '@/components/facilitation/use-votes';
import { useItemLabels } from '@/components/signals/use-item-label';

/** A consensus check on the projector: the question and how many have answered, then the distribution. */
export function ProjectorConsensus({ board, session }: { board: Y.Doc; session: ConsensusSession }) {
  const votes = useVotes(board);
  const labelOf = useItemLabels(board);
  const ref = parseItemKey(session.item);
  const label = ref ? labelOf(ref) : null;
  const result = aggregateConsensus(votes.answers(session.id));
  const most = Math.max(1, ...result.counts.values());
  return (
    <section aria-label="Consensus check" className="space-y-[2vh]">
      <p className="text-[3vh] text-slate-300">Consensus check</p>
      <h2 className="text-[5vh] leading-tight font-bold">{label ? label.text : 'An item'}: can we agree?</h2>
      <p className="text-[3vh]">
        {result.total} {result.total === 1 ? 'answer' : 'answers'} so far.
      </p>
      {session.status === 'revealed' ? (
        <ul aria-label="Consensus results" className="space-y-[1vh] text-[3vh]">
          {CONSENSUS_LEVELS.map((level) => {
            const count = result.counts.get(level.id) ?? 0;
            return (
              <li key={level.id} className="flex items-center gap-[2vh]">
                <span className="w-[40vh] shrink-0">{level.label}</span>
                <span className="h-[2.5vh] rounded bg-amber-300" style={{ width: `${(count / most) * 40}vh` }} aria-hidden="true" />
                <span className="font-bold tabular-nums" data-testid={`projector-consensus-${level.id}`}>{count}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-[3vh] text-slate-300">Answers are shown when the facilitator reveals them.</p>
      )}
    </section>
  );
}
