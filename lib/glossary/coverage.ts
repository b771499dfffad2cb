import { createMatcher, type MatchTarget } from './matcher';
import { normalizeTermName } from './normalize';

/**
 * The coverage meter: how much of the process speaks the common language, and which words used
 * across the process nobody has defined yet. Pure: it reads plain step texts and terms.
 *
 * A step's text is its description and its entry and exit criteria (where the words that need a
 * shared meaning live; titles are mostly verbs). The glossary terms a step uses are the terms
 * and aliases found in that text (whole words, plurals too, as highlighting finds them).
 *
 * A step *speaks the common language* when every glossary term it uses is agreed and none of its
 * words is on the undefined list. (A step that uses no term and no undefined word counts: there
 * is nothing in it left to agree on.)
 *
 * The undefined words — the rule, as the meter explains it:
 *   1. Words that are part of a glossary term or alias are skipped.
 *   2. What is left is split into words; stop words ("the", "with", "confirm"…), words shorter
 *      than three letters, numbers, and words ending in -ed or -ly (mostly verbs and adverbs, not
 *      things to define) are skipped. What remains is "noun-ish".
 *   3. A word, or two such words side by side ("success criteria"), is listed when it appears
 *      in at least MIN_STEPS different steps — plural and singular count as one ("goals", "goal").
 *   4. An acronym ("BANT", "CRM") or a capitalised word in mid-sentence ("Salesforce") is listed
 *      from a single step: someone's proper name for something that the room may not share.
 *   5. A single word is not listed again when every time it appears it is inside a listed
 *      two-word phrase ("criteria" inside "success criteria").
 */
export const MIN_STEPS = 2;

export type CoverageStep = { readonly id: string; readonly title: string; readonly text: string };
export type CoverageTerm = {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly aliases: ReadonlyArray<{ readonly text: string; readonly team?: string }>;
};

export type CandidateReason = 'repeated' | 'acronym' | 'capitalised';
export type CandidateTerm = {
  /** As most often written in the steps. */
  readonly text: string;
  /** The name "Add as term" gives it: singular, first letter capitalised. */
  readonly name: string;
  readonly reason: CandidateReason;
  /** The steps it appears in, in process order. */
  readonly stepIds: readonly string[];
};

export type StepCoverage = {
  readonly id: string;
  readonly title: string;
  readonly index: number;
  readonly termIds: readonly string[];
  /** Terms used here that are not agreed yet. */
  readonly unagreedTermIds: readonly string[];
  /** Terms used here that have two or more team definitions and are not agreed yet. */
  readonly contestedTermIds: readonly string[];
  /** Undefined words (candidate keys' display text) that appear here. */
  readonly undefinedWords: readonly string[];
  readonly covered: boolean;
};

export type Coverage = {
  readonly steps: readonly StepCoverage[];
  readonly covered: number;
  readonly total: number;
  /** covered / total, 0 for a process without steps. */
  readonly share: number;
  readonly candidates: readonly CandidateTerm[];
  /** Steps with contested or undefined words, most first (ties in process order). */
  readonly hotspots: readonly StepCoverage[];
};

const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing done down during each either else even ever every few for from further get gets got had has have having he her here hers him his how however if in into is it its itself just least less let like made make makes many may me might more most much must my neither no nor not now of off often on once one only or other our ours out over own per rather same shall she should since so some such than that the their theirs them then there these they this those though through thus to too under until up upon us very via was we well were what when where whether which while who whom whose why will with within without would yes yet you your yours
  able across already always another anyone anything back based both come comes day days due enough etc first give given go goes going good how keep kind last long lot lots main make new next none old part real right set sets several show shows side sides since still take takes time times two three way ways whole work works
  agree agrees check confirm confirms decide define do find fit fits know need needs present prepare record records report reports see sees send sends switch teach understand use uses`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

type Token = { word: string; lower: string; start: number; end: number; sentenceStart: boolean; content: boolean; acronym: boolean; capitalised: boolean };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const word = m[0].replace(/['’]s$/u, '');
    const lower = word.toLocaleLowerCase('en');
    const gap = text.slice(previousEnd, start);
    const sentenceStart = tokens.length === 0 || /[.!?;:\n\u0000(]/.test(gap);
    const acronym = /^[\p{Lu}\p{N}]{2,8}$/u.test(word) && (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
    const capitalised = !acronym && !sentenceStart && /^\p{Lu}\p{Ll}/u.test(word);
    const noun = !STOP_WORDS.has(lower) && [...lower].length >= 3 && !/^[\p{N}-]+$/u.test(lower) && !/(ed|ly)$/.test(lower);
    tokens.push({ word, lower, start, end: start + m[0].length, sentenceStart, content: acronym || noun, acronym, capitalised });
    previousEnd = start + m[0].length;
  }
  return tokens;
}

type Occurrence = { key: string; surface: string; step: number; reason: CandidateReason; inPairs: string[] };

/** Glossary names and aliases, for finding them in step texts. */
function targetsOf(terms: readonly CoverageTerm[]): MatchTarget[] {
  return terms.flatMap((t) => [{ termId: t.id, text: t.name }, ...t.aliases.map((a) => ({ termId: t.id, text: a.text }))]);
}

export function computeCoverage(steps: readonly CoverageStep[], terms: readonly CoverageTerm[], contestedTermIds: ReadonlySet<string> = new Set()): Coverage {
  const matcher = createMatcher(targetsOf(terms));
  const known = new Set(targetsOf(terms).map((t) => normalizeTermName(t.text)));
  const statusOf = new Map(terms.map((t) => [t.id, t.status]));
  const singles: Occurrence[] = [];
  const pairs: Occurrence[] = [];
  const termIdsByStep: string[][] = [];

  steps.forEach((step, index) => {
    const matches = matcher.find(step.text);
    termIdsByStep.push([...new Set(matches.map((m) => m.termId))]);
    // Glossary words are blanked out: they are defined, and a phrase never spans one.
    let text = step.text;
    for (const m of matches) text = text.slice(0, m.from) + '\u0000'.repeat(m.to - m.from) + text.slice(m.to);
    const tokens = tokenize(text);
    const stepSingles: Occurrence[] = [];
    tokens.forEach((token, i) => {
      if (!token.content) return;
      const key = normalizeTermName(token.lower);
      if (known.has(key)) return;
      const occurrence: Occurrence = { key, surface: token.word, step: index, reason: token.acronym ? 'acronym' : token.capitalised ? 'capitalised' : 'repeated', inPairs: [] };
      stepSingles.push(occurrence);
      const next = tokens[i + 1];
      if (next?.content && /^[ \t]+$/.test(text.slice(token.end, next.start))) {
        const pairKey = normalizeTermName(`${token.lower} ${next.lower}`);
        if (!known.has(pairKey)) {
          pairs.push({ key: pairKey, surface: `${token.word} ${next.word}`, step: index, reason: 'repeated', inPairs: [] });
          occurrence.inPairs.push(pairKey);
        }
      }
      const previous = tokens[i - 1];
      if (previous?.content && /^[ \t]+$/.test(text.slice(previous.end, token.start))) occurrence.inPairs.push(normalizeTermName(`${previous.lower} ${token.lower}`));
    });
    singles.push(...stepSingles);
  });

  const stepsOf = (list: readonly Occurrence[]) => {
    const byKey = new Map<string, Occurrence[]>();
    for (const o of list) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
    return byKey;
  };
  const candidates: CandidateTerm[] = [];
  const listedPairs = new Set<string>();
  for (const [key, list] of stepsOf(pairs)) {
    const stepSet = new Set(list.map((o) => o.step));
    if (stepSet.size < MIN_STEPS) continue;
    listedPairs.add(key);
    candidates.push(candidate(key, list, 'repeated', stepSet, steps));
  }
  for (const [key, all] of stepsOf(singles)) {
    const list = all.filter((o) => !o.inPairs.some((p) => listedPairs.has(p)));
    if (list.length === 0) continue;
    const stepSet = new Set(list.map((o) => o.step));
    const special = list.find((o) => o.reason !== 'repeated');
    if (stepSet.size >= MIN_STEPS) candidates.push(candidate(key, list, 'repeated', stepSet, steps));
    else if (special) candidates.push(candidate(key, list, special.reason, stepSet, steps));
  }
  candidates.sort((a, b) => b.stepIds.length - a.stepIds.length || a.text.localeCompare(b.text, 'en', { sensitivity: 'base' }));

  const stepCoverage: StepCoverage[] = steps.map((step, index) => {
    const termIds = termIdsByStep[index]!;
    const unagreedTermIds = termIds.filter((id) => statusOf.get(id) !== 'agreed');
    const undefinedWords = candidates.filter((c) => c.stepIds.includes(step.id)).map((c) => c.text);
    return {
      id: step.id,
      title: step.title,
      index,
      termIds,
      unagreedTermIds,
      contestedTermIds: unagreedTermIds.filter((id) => contestedTermIds.has(id)),
      undefinedWords,
      covered: unagreedTermIds.length === 0 && undefinedWords.length === 0,
    };
  });
  const covered = stepCoverage.filter((s) => s.covered).length;
  const weight = (s: StepCoverage) => s.contestedTermIds.length + s.undefinedWords.length;
  return {
    steps: stepCoverage,
    covered,
    total: steps.length,
    share: steps.length === 0 ? 0 : covered / steps.length,
    candidates,
    hotspots: stepCoverage.filter((s) => weight(s) > 0).sort((a, b) => weight(b) - weight(a) || a.index - b.index),
  };
}

function candidate(key: string, list: readonly Occurrence[], reason: CandidateReason, stepSet: ReadonlySet<number>, steps: readonly CoverageStep[]): CandidateTerm {
  const counts = new Map<string, number>();
  for (const o of list) counts.set(o.surface, (counts.get(o.surface) ?? 0) + 1);
  const text = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const base = reason === 'acronym' ? text : /\p{Lu}/u.test(text.slice(1)) ? text : key;
  return {
    text,
    name: base.charAt(0).toLocaleUpperCase('en') + base.slice(1),
    reason,
    stepIds: [...stepSet].sort((a, b) => a - b).map((i) => steps[i]!.id),
  };
}
