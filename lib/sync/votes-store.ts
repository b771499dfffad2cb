import type * as Y from 'yjs';
import { readAnswers, readBallots, subscribeVotes, type ConsensusAnswer } from '../doc/votes';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type VotesSnapshot = {
  /** Ballots of one vote session, by participant id. */
  ballots(voteId: string): ReadonlyMap<string, readonly string[]>;
  answers(sessionId: string): ReadonlyMap<string, ConsensusAnswer>;
};

/** Ballots and consensus answers, re-read after each change (memoised per session id). */
export function createVotesStore(doc: Y.Doc): SnapshotStore<VotesSnapshot> {
  return createSnapshotStore(
    (onChange) => subscribeVotes(doc, onChange),
    () => {
      const ballotCache = new Map<string, Map<string, string[]>>();
      const answerCache = new Map<string, Map<string, ConsensusAnswer>>();
      return {
        ballots(voteId) {
          if (!ballotCache.has(voteId)) ballotCache.set(voteId, readBallots(doc, voteId));
          return ballotCache.get(voteId)!;
        },
        answers(sessionId) {
          if (!answerCache.has(sessionId)) answerCache.set(sessionId, readAnswers(doc, sessionId));
          return answerCache.get(sessionId)!;
        },
      };
    },
  );
}
