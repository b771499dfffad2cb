import * as Y from 'yjs';
import { BoardRoot, LOCAL_ORIGIN } from './schema';
import { subscribeRoots } from './subscribe';
import { clampText } from './text-diff';
import type { VoteSession } from './sessions';

/**
 * Participants' dots and consensus answers. They live in the board document (participants
 * cannot write the facilitation document), one entry per person per session, so concurrent
 * voters never overwrite each other.
 */

function ballotsMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(BoardRoot.ballots);
}
function answersMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(BoardRoot.answers);
}

export function castBallot(doc: Y.Doc, voteId: string, participantId: string, items: readonly string[], origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => ballotsMap(doc).set(`${voteId}#${participantId}`, JSON.stringify(items.slice(0, 100))), origin);
}

/** Each participant's dots in a vote, as they stored them (not yet checked against the rules). */
export function readBallots(doc: Y.Doc, voteId: string): Map<string, string[]> {
  const prefix = `${voteId}#`;
  const ballots = new Map<string, string[]>();
  for (const [key, value] of ballotsMap(doc).entries()) {
    if (!key.startsWith(prefix)) continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) ballots.set(key.slice(prefix.length), parsed.filter((i): i is string => typeof i === 'string'));
    } catch {
      // A malformed ballot counts as no dots.
    }
  }
  return ballots;
}

/**
 * A ballot as the rules allow it: only items in the vote, one dot per item unless stacking is
 * on, at most `dots` in all — whatever a crafted update stored.
 */
export function validDots(session: Pick<VoteSession, 'items' | 'dots' | 'stack'>, ballot: readonly string[]): string[] {
  const allowed = new Set(session.items);
  const seen = new Set<string>();
  const dots: string[] = [];
  for (const item of ballot) {
    if (dots.length >= session.dots) break;
    if (!allowed.has(item) || (!session.stack && seen.has(item))) continue;
    seen.add(item);
    dots.push(item);
  }
  return dots;
}

/**
 * Adds (+1) or takes back (−1) one of this participant's dots on `item`, starting from the
 * ballot as stored now — not from what the screen last showed, so two quick taps both count
 * (the second used to be computed from the ballot before the first and overwrote it).
 */
export function changeDot(
  doc: Y.Doc,
  session: Pick<VoteSession, 'id' | 'items' | 'dots' | 'stack'>,
  participantId: string,
  item: string,
  delta: 1 | -1,
  origin: unknown = LOCAL_ORIGIN,
): void {
  const stored = readBallots(doc, session.id).get(participantId) ?? [];
  const dots = validDots(session, stored);
  if (delta === 1) {
    if (dots.length >= session.dots || (!session.stack && dots.includes(item)) || !session.items.includes(item)) return;
    dots.push(item);
  } else {
    const at = dots.lastIndexOf(item);
    if (at < 0) return;
    dots.splice(at, 1);
  }
  castBallot(doc, session.id, participantId, dots, origin);
}

export type VoteTally = { readonly counts: ReadonlyMap<string, number>; readonly voters: number; readonly doneVoters: ReadonlySet<string> };

/** Dots per item (each person's ballot cut to the rules) and who has placed all their dots. */
export function tallyVote(session: VoteSession, ballots: ReadonlyMap<string, readonly string[]>): VoteTally {
  const counts = new Map<string, number>(session.items.map((i) => [i, 0]));
  const done = new Set<string>();
  let voters = 0;
  for (const [participant, ballot] of ballots) {
    const dots = validDots(session, ballot);
    if (dots.length > 0) voters++;
    if (dots.length >= Math.min(session.dots, session.stack ? session.dots : session.items.length)) done.add(participant);
    for (const item of dots) counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  return { counts, voters, doneVoters: done };
}

export const CONSENSUS_LEVELS = [
  { id: 'full', label: 'Fully agree' },
  { id: 'reservations', label: 'Agree with reservations' },
  { id: 'live-with', label: 'Can live with it' },
  { id: 'discuss', label: 'Need more discussion' },
  { id: 'unclear', label: "I don't understand yet" },
  { id: 'block', label: 'Block' },
] as const;
export type ConsensusLevel = (typeof CONSENSUS_LEVELS)[number]['id'];

export type ConsensusAnswer = { level: ConsensusLevel; reason: string };

export function setAnswer(doc: Y.Doc, sessionId: string, participantId: string, answer: ConsensusAnswer, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => answersMap(doc).set(`${sessionId}#${participantId}`, JSON.stringify({ level: answer.level, reason: clampText(answer.reason, 300) })), origin);
}

export function readAnswers(doc: Y.Doc, sessionId: string): Map<string, ConsensusAnswer> {
  const prefix = `${sessionId}#`;
  const answers = new Map<string, ConsensusAnswer>();
  for (const [key, value] of answersMap(doc).entries()) {
    if (!key.startsWith(prefix)) continue;
    try {
      const parsed = JSON.parse(value) as { level?: unknown; reason?: unknown };
      if (CONSENSUS_LEVELS.some((l) => l.id === parsed.level)) {
        answers.set(key.slice(prefix.length), { level: parsed.level as ConsensusLevel, reason: typeof parsed.reason === 'string' ? clampText(parsed.reason, 300) : '' });
      }
    } catch {
      // A malformed answer is ignored.
    }
  }
  return answers;
}

/** How many chose each level, in scale order, and the reasons given. */
export function aggregateConsensus(answers: ReadonlyMap<string, ConsensusAnswer>): { counts: Map<ConsensusLevel, number>; reasons: Array<ConsensusAnswer>; total: number } {
  const counts = new Map<ConsensusLevel, number>(CONSENSUS_LEVELS.map((l) => [l.id, 0]));
  const reasons: ConsensusAnswer[] = [];
  for (const answer of answers.values()) {
    counts.set(answer.level, (counts.get(answer.level) ?? 0) + 1);
    if (answer.reason.trim()) reasons.push(answer);
  }
  return { counts, reasons, total: answers.size };
}

/** Calls `onChange` after any change to ballots or consensus answers. */
export function subscribeVotes(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.ballots, BoardRoot.answers] }, onChange);
}

/** A person present, as the vote counter sees them (`role` is null for one's own entry). */
export type PresentPerson = { readonly id: string; readonly role: string | null; readonly isSelf: boolean };

/**
 * "n of m have voted": everyone present who can vote — every participant, the viewer included
 * (their own presence entry carries no role, so it takes the viewer's), and a facilitator only
 * once they have placed dots. The projector never counts. One person in several tabs counts once.
 */
export function voteProgress(people: readonly PresentPerson[], viewerRole: string, doneVoters: ReadonlySet<string>): { done: number; total: number } {
  const voters = new Set<string>();
  for (const person of people) {
    const role = person.isSelf ? viewerRole : person.role;
    if (role === 'participant' || (role === 'facilitator' && doneVoters.has(person.id))) voters.add(person.id);
  }
  let done = 0;
  for (const id of voters) if (doneVoters.has(id)) done++;
  return { done, total: voters.size };
}
