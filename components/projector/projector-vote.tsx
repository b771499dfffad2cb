'use client';

import type * as Y from 'yjs';
import { tallyVote } from '@/lib/doc/votes';
import { parseItemKey } from '@/lib/doc/schema';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useVotes } from '@/components/facilitation/use-votes';
import { useItemLabels } from '@/components/signals/use-item-label';

/** The vote on the projector: how many have voted, and the results once revealed. */
export function ProjectorVote({ board }: { board: Y.Doc }) {
  const { facilitation } = useFacilitation();
  const votes = useVotes(board);
  const labelOf = useItemLabels(board);
  const vote = facilitation.vote;
  if (!vote || vote.status === 'closed') return <p className="text-[4vh]">No vote is open.</p>;
  const tally = tallyVote(vote, votes.ballots(vote.id));
  const revealed = vote.status === 'revealed';
  const items = revealed ? [...vote.items].sort((x, y) => (tally.counts.get(y) ?? 0) - (tally.counts.get(x) ?? 0)) : vote.items;
  return (
    <section aria-label="Vote" className="space-y-[2vh]">
      <p className="text-[3vh] text-slate-300">Dot voting</p>
      <h2 className="text-[5vh] leading-tight font-bold">{vote.title || 'Dot voting'}</h2>
      <p className="text-[3vh]">
        {tally.voters} {tally.voters === 1 ? 'person has' : 'people have'} voted.{' '}
        {!revealed && <span className="text-slate-300">Results are hidden until the facilitator reveals them.</span>}
      </p>
      <ol className="grid grid-cols-2 gap-[1vh] text-[3vh]" aria-label="Vote items">
        {items.map((item) => {
          const ref = parseItemKey(item);
          return (
            <li key={item} className="flex gap-[2vh] rounded-xl bg-white p-[1.5vh] text-slate-950" data-fit-item="">
              {revealed && <span className="font-bold tabular-nums" data-testid="projector-vote-count">{tally.counts.get(item) ?? 0}</span>}
              <span>{ref ? labelOf(ref).text : item}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
