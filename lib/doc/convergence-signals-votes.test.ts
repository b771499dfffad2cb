import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { loneSurrogates, runConvergence, withSeed } from '../testing/convergence';
import { addParkingItem, clearFlags, deleteParkingItem, flaggedBy, listParking, setFlag, setParkingResolved, setParkingText, summarizeFlags } from './signals';
import { itemKey, type ItemRef } from './schema';
import type { VoteSession } from './sessions';
import { CONSENSUS_LEVELS, castBallot, readAnswers, readBallots, setAnswer, tallyVote } from './votes';

/**
 * Convergence of the "I don't understand" flags, the parking lot, dot votes and consensus
 * answers: three linked documents, held and reordered delivery, seeded random operations
 * through the accessors. After a final flush all three read the same; the parking lot holds
 * exactly the items added and not deleted; a flag token counts once per item; every ballot
 * tallies within the vote's rules. A failing seed is printed; keep it in KNOWN_SEEDS.
 */
const KNOWN_SEEDS: number[] = [];
const FILE = 'lib/doc/convergence-signals-votes.test.ts';

const ITEMS: readonly ItemRef[] = [
  { kind: 'step', id: 's1' },
  { kind: 'step', id: 's2' },
  { kind: 'term', id: 't1' },
  { kind: 'metric', id: 'm1' },
];
const TOKENS = ['tok-ana', 'tok-ben', 'tok-cleo', 'tok-dev'] as const;
const TEAMS = ['', 'Sales', 'Ops 🛠️'] as const;
const PEOPLE = ['ana', 'ben', 'cleo', 'dev', 'eve'] as const;
const VOTE: VoteSession = { id: 'vote1', title: 'Where does it hurt?', items: ITEMS.map(itemKey), dots: 3, stack: false, status: 'open' };

function signalsSnapshot(doc: Y.Doc) {
  return {
    flags: summarizeFlags(doc),
    flaggedBy: TOKENS.map((token) => [...flaggedBy(doc, token)].sort()),
    parking: listParking(doc),
  };
}

function votesSnapshot(doc: Y.Doc) {
  const ballots = readBallots(doc, VOTE.id);
  return { ballots, tally: tallyVote(VOTE, ballots), answers: readAnswers(doc, 'consensus1') };
}

describe('signals convergence (3 documents, held and reordered delivery)', () => {
  const runSeed = (seed: number) => {
    const added = new Set<string>();
    const deleted = new Set<string>();
    const { snapshots } = runConvergence(
      {
        seed,
        operations: 200,
        snapshot: signalsSnapshot,
        operate(doc, { random, pick, typeInto }, i) {
          const item = pick(ITEMS)!;
          const parked = pick(listParking(doc));
          const roll = random();
          if (roll < 0.35) setFlag(doc, item, pick(TOKENS)!, pick(TEAMS)!, random() < 0.7);
          else if (roll < 0.4) clearFlags(doc, item);
          else if (roll < 0.55 || !parked) added.add(addParkingItem(doc, { text: `p${i} 🅿️`, source: random() < 0.5 ? item : null, createdBy: pick(PEOPLE)!, createdAt: i }));
          else if (roll < 0.78) setParkingText(doc, parked.id, typeInto(parked.text, i));
          else if (roll < 0.9) setParkingResolved(doc, parked.id, !parked.resolved);
          else {
            deleteParkingItem(doc, parked.id);
            deleted.add(parked.id);
          }
        },
      },
      (actual, expected) => expect(actual).toEqual(expected),
    );
    const [signals] = snapshots;
    expect(signals!.parking.map((p) => p.id).sort()).toEqual([...added].filter((id) => !deleted.has(id)).sort());
    for (const summary of signals!.flags) {
      // A token counts once per item, and the counts by team add up to the count.
      expect(summary.count).toBeLessThanOrEqual(TOKENS.length);
      expect([...summary.byTeam.values()].reduce((a, b) => a + b, 0)).toBe(summary.count);
      const flaggers = TOKENS.filter((_, t) => signals!.flaggedBy[t]!.includes(itemKey(summary.item)));
      expect(flaggers).toHaveLength(summary.count);
    }
    expect(loneSurrogates(signals)).toEqual([]);
  };
  const seeds = [...KNOWN_SEEDS, ...Array.from({ length: 30 }, (_, i) => 4000 + i)];
  it.each(seeds)('seed %i', (seed) => withSeed(FILE, seed, runSeed));
});

describe('votes convergence (3 documents, held and reordered delivery)', () => {
  const runSeed = (seed: number) => {
    // Every ballot and answer each person wrote: the one that survives must be one of theirs.
    const cast = new Map<string, Set<string>>();
    const answered = new Map<string, Set<string>>();
    const record = (written: Map<string, Set<string>>, person: string, value: unknown) =>
      written.set(person, (written.get(person) ?? new Set()).add(JSON.stringify(value)));
    const { snapshots } = runConvergence(
      {
        seed,
        operations: 150,
        snapshot: votesSnapshot,
        operate(doc, { random, pick, below, typeInto }, i) {
          const person = pick(PEOPLE)!;
          if (random() < 0.6) {
            // A person's whole ballot, as the dot-voting panel writes it (sometimes over the rules).
            const dots = Array.from({ length: below(6) }, () => itemKey(pick(ITEMS)!));
            castBallot(doc, VOTE.id, person, dots);
            record(cast, person, dots);
          } else {
            const previous = readAnswers(doc, 'consensus1').get(person)?.reason ?? '';
            const answer = { level: pick(CONSENSUS_LEVELS)!.id, reason: typeInto(previous, i) };
            setAnswer(doc, 'consensus1', person, answer);
            record(answered, person, answer);
          }
        },
      },
      (actual, expected) => expect(actual).toEqual(expected),
    );
    const [votes] = snapshots;
    // One ballot and one answer per person who wrote one, and it is one they wrote.
    expect([...votes!.ballots.keys()].sort()).toEqual([...cast.keys()].sort());
    for (const [person, ballot] of votes!.ballots) expect(cast.get(person)!.has(JSON.stringify(ballot))).toBe(true);
    expect([...votes!.answers.keys()].sort()).toEqual([...answered.keys()].sort());
    for (const [person, answer] of votes!.answers) expect(answered.get(person)!.has(JSON.stringify(answer))).toBe(true);
    // The tally keeps to the rules whatever was stored: at most `dots` per voter, one per item.
    expect([...votes!.tally.counts.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(votes!.tally.voters * VOTE.dots);
    for (const count of votes!.tally.counts.values()) expect(count).toBeLessThanOrEqual(votes!.tally.voters);
    expect(loneSurrogates(votes)).toEqual([]);
  };
  const seeds = [...KNOWN_SEEDS, ...Array.from({ length: 30 }, (_, i) => 5000 + i)];
  it.each(seeds)('seed %i', (seed) => withSeed(FILE, seed, runSeed));
});
