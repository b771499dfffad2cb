import { compareTeams } from '../compare';
import type { FlagSummary } from './signals';
import type { Decision } from './sessions';
import { aggregateConsensus, type ConsensusAnswer } from './votes';

/**
 * Signals by team, to test "we're different" claims with data ("only Inside Sales finds step 4
 * unclear"). Pure views over the anonymous counts: a team's share, never who.
 */

/** The teams that flagged anything ('' = no team), A–Z with "no team" last. */
export function flagTeams(flags: readonly FlagSummary[]): string[] {
  const teams = new Set(flags.flatMap((f) => [...f.byTeam.keys()]));
  return [...teams].sort(compareTeams);
}

/** The flags one team raised, as if only that team were in the room: its counts, most flagged first. */
export function flagsOfTeam(flags: readonly FlagSummary[], team: string): FlagSummary[] {
  return flags
    .map((f) => ({ ...f, count: f.byTeam.get(team) ?? 0, byTeam: new Map([[team, f.byTeam.get(team) ?? 0]]) }))
    .filter((f) => f.count > 0)
    // A stable sort: ties keep the order of the whole room's list.
    .sort((a, b) => b.count - a.count);
}

/** A consensus check's answers split by the team of who gave them ('' = no team). */
export function consensusByTeam(answers: ReadonlyMap<string, ConsensusAnswer>, teamOf: (participantId: string) => string): Map<string, ReturnType<typeof aggregateConsensus>> {
  const split = new Map<string, Map<string, ConsensusAnswer>>();
  for (const [participantId, answer] of answers) {
    const team = teamOf(participantId);
    let group = split.get(team);
    if (!group) split.set(team, (group = new Map()));
    group.set(participantId, answer);
  }
  return new Map([...split.entries()].sort(([a], [b]) => compareTeams(a, b)).map(([team, group]) => [team, aggregateConsensus(group)]));
}

/** The split as plain counts per team (level id → answers), as a decision keeps it. */
export function countsByTeam(split: ReadonlyMap<string, ReturnType<typeof aggregateConsensus>>): Record<string, Record<string, number>> {
  return Object.fromEntries([...split.entries()].map(([team, result]) => [team, Object.fromEntries([...result.counts.entries()].filter(([, n]) => n > 0))]));
}

/**
 * Every team the facilitator can filter signals by: those that flagged something, answered the
 * current consensus check, or answered a recorded decision's check. A–Z, "no team" last.
 */
export function signalTeams(flags: readonly FlagSummary[], consensusTeams: Iterable<string>, decisions: ReadonlyArray<Pick<Decision, 'byTeam'>>): string[] {
  const teams = new Set([...flagTeams(flags), ...consensusTeams, ...decisions.flatMap((d) => Object.keys(d.byTeam ?? {}))]);
  return [...teams].sort(compareTeams);
}

/**
 * A recorded decision's counts as one team gave them (null = every team): `null` when that team
 * gave no answer, or the decision was recorded before teams were kept (`byTeam` absent).
 */
export function decisionCounts(decision: Pick<Decision, 'counts' | 'byTeam'>, team: string | null): Readonly<Record<string, number>> | null {
  if (team === null) return decision.counts;
  return decision.byTeam?.[team] ?? null;
}
