'use client';

import { useId } from 'react';
import type * as Y from 'yjs';
import { setVoteStatus } from '@/lib/doc/sessions';
import { changeDot, tallyVote, validDots, voteProgress } from '@/lib/doc/votes';
import { parseItemKey } from '@/lib/doc/schema';
import type { PresenceEntry } from '@/lib/presence';
import { useItemLabels } from '@/components/signals/use-item-label';
import { CARD_TARGET, PRIMARY_TARGET, TARGET } from '@/components/ui/targets';
import { useFacilitation } from './facilitation-context';
import { VoteSetup } from './vote-setup';
import { useVotes } from './use-votes';

/** `card`: shown in the phone’s full-screen card (activity-card.tsx): large targets everywhere. */
type Props = { board: Y.Doc; participantId: string; people: readonly PresenceEntry[]; card?: boolean };

/** Dot voting: place and remove dots; results stay hidden until the facilitator reveals them. */
export function VotePanel({ board, participantId, people, card = false }: Props) {
  const { facilitation, doc, isFacilitator, role } = useFacilitation();
  // The panel can be on the page twice (side panel and phone card): ids must differ.
  const headingId = useId();
  const votes = useVotes(board);
  const labelOf = useItemLabels(board);
  const vote = facilitation.vote;
  if (!vote || vote.status === 'closed') {
    return isFacilitator ? <VoteSetup board={board} /> : <p className="text-slate-700">No vote is open.</p>;
  }
  const ballots = votes.ballots(vote.id);
  const mine = validDots(vote, ballots.get(participantId) ?? []);
  const tally = tallyVote(vote, ballots);
  const { done, total } = voteProgress(people, role, tally.doneVoters);
  const everyone = total > 0 && done === total;
  const left = vote.dots - mine.length;
  const revealed = vote.status === 'revealed';
  const items = revealed ? [...vote.items].sort((a, b) => (tally.counts.get(b) ?? 0) - (tally.counts.get(a) ?? 0)) : vote.items;

  const change = (item: string, delta: 1 | -1) => changeDot(board, vote, participantId, item, delta);
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} tabIndex={-1} data-reveal-focus className={card ? 'text-2xl font-semibold' : 'text-xl font-semibold'}>
        Vote: {vote.title || 'Dot voting'}
      </h2>
      <p className="text-sm text-slate-700">
        {vote.dots} {vote.dots === 1 ? 'dot' : 'dots'} per person{vote.stack ? ', several on one item allowed' : ', one per item'}.
      </p>
      <p role="status" className={`font-medium ${everyone ? 'text-green-800' : 'text-slate-800'}`}>
        {everyone ? 'Everyone has voted.' : `${done} of ${total} ${total === 1 ? 'person has' : 'people have'} voted.`}
      </p>
      {!revealed && <p className="text-sm font-medium">You have {left} {left === 1 ? 'dot' : 'dots'} left. Results are hidden until the facilitator reveals them.</p>}
      <ul className="space-y-1" aria-label="Vote items">
        {items.map((item) => {
          const ref = parseItemKey(item);
          const label = ref ? labelOf(ref) : null;
          const own = mine.filter((m) => m === item).length;
          const name = label ? label.text : item;
          return (
            <li key={item} className={`flex items-center gap-2 rounded border border-slate-200 bg-white p-2 ${card ? 'text-lg' : ''}`} aria-label={name}>
              <span className="min-w-0 flex-1 truncate">{name}</span>
              {revealed ? (
                <span className="rounded-full bg-slate-900 px-2 font-bold text-white" data-testid="vote-count">{tally.counts.get(item) ?? 0}</span>
              ) : (
                <>
                  <span aria-label={`Your dots on ${name}`} className={own ? 'font-mono' : 'text-sm text-slate-600'}>{'●'.repeat(own) || 'no dots'}</span>
                  <button type="button" disabled={own === 0} onClick={() => change(item, -1)} className={`${card ? CARD_TARGET : PRIMARY_TARGET} rounded border border-slate-400 px-2 text-lg leading-none disabled:opacity-40`} aria-label={`Remove a dot from ${name}`}>−</button>
                  <button type="button" disabled={left === 0 || (!vote.stack && own > 0)} onClick={() => change(item, 1)} className={`${card ? CARD_TARGET : PRIMARY_TARGET} rounded border border-slate-400 px-2 text-lg leading-none disabled:opacity-40`} aria-label={`Add a dot to ${name}`}>+</button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {isFacilitator && (
        <div className="flex gap-2">
          {!revealed && <button type="button" onClick={() => setVoteStatus(doc, 'revealed')} className={`${TARGET} rounded bg-blue-700 px-3 py-1 font-semibold text-white`}>Reveal results</button>}
          <button type="button" onClick={() => setVoteStatus(doc, 'closed')} className={`${TARGET} rounded border border-slate-300 px-3 py-1`}>Close vote</button>
        </div>
      )}
    </section>
  );
}
