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
  if (!vote || vote.status === 'closed') return <p className="text-4xl">No vote is open.</p>;
  const tally = tallyVote(vote, votes.ballots(vote.id));
  const items = [...vote.items].sort((a, b) => (tally.counts.get(b) ?? 0) - (tally.counts.get(a) ?? 0));
  return (
    <section aria-label="Vote" className="space-y-4">
      <h2 className="text-5xl font-bold">{vote.title || 'Dot voting'}</h2>
      <p className="text-3xl">{tally.voters} {tally.voters === 1 ? 'person has' : 'people have'} voted.</p>
      {vote.status === 'revealed' ? (
        <ol className="space-y-2 text-3xl">
          {items.map((item) => {
            const ref = parseItemKey(item);
            return (
              <li key={item} className="flex gap-4 rounded-xl bg-white p-3 text-slate-950">
                <span className="font-bold tabular-nums">{tally.counts.get(item) ?? 0}</span> {ref ? labelOf(ref).name : item}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="text-3xl text-slate-300">Results are hidden until the facilitator reveals them.</p>
      )}
    </section>
  );
}
