import { compareNames, compareNamesStrict } from '../compare';
import { normalizeTermName, surfaceForms } from './normalize';

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
    const sentenceStart = tokens.length === 0 || /[.!?;:\n(]/.test(gap);
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
function targetsOf(terms: readonly CoverageTerm[]): Array<{ termId: string; text: string }> {
  return terms.flatMap((t) => [{ termId: t.id, text: t.name }, ...t.aliases.map((a) => ({ termId: t.id, text: a.text }))]);
}

/**
 * Term names and aliases (and their plurals, as highlighting finds them) as lower-case word
 * sequences. Found by looking words up, not with the highlighter's one big regular expression:
 * that tries every name at every position, which over a whole process and a large glossary
 * takes seconds (200 steps, 1,000 terms), while a lookup per word takes milliseconds.
 */
type TermIndex = { forms: Map<string, string>; longest: number };
/** The last index built, by the names it was built from: the glossary changes far less often than the steps. */
let lastIndex: { signature: string; index: TermIndex } | null = null;

function termIndex(terms: readonly CoverageTerm[]): TermIndex {
  const signature = JSON.stringify(targetsOf(terms).map((t) => [t.termId, t.text]));
  if (lastIndex?.signature === signature) return lastIndex.index;
  const index = buildTermIndex(terms);
  lastIndex = { signature, index };
  return index;
}

function buildTermIndex(terms: readonly CoverageTerm[]): TermIndex {
  const forms = new Map<string, string>();
  let longest = 0;
  for (const target of targetsOf(terms)) {
    for (const form of surfaceForms(target.text)) {
      const words = tokenize(form).map((t) => t.lower);
      const key = words.join(' ');
      // The first target to claim a form keeps it, as in highlighting.
      if (key && !forms.has(key)) forms.set(key, target.termId);
      longest = Math.max(longest, words.length);
    }
  }
  return { forms, longest };
}

/** Marks the tokens that are glossary words (longest match first) and returns the terms found. */
function findTerms(text: string, tokens: readonly Token[], index: TermIndex): { termIds: string[]; inTerm: boolean[] } {
  const inTerm = tokens.map(() => false);
  const termIds = new Set<string>();
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let n = Math.min(index.longest, tokens.length - i); n >= 1 && matched === 0; n--) {
      const run = tokens.slice(i, i + n);
      if (run.some((t, k) => k > 0 && !/^\s+$/.test(text.slice(run[k - 1]!.end, t.start)))) continue;
      const termId = index.forms.get(run.map((t) => t.lower).join(' '));
      if (termId !== undefined) {
        termIds.add(termId);
        matched = n;
      }
    }
    if (matched > 0) inTerm.fill(true, i, i + matched);
    i += Math.max(matched, 1);
  }
  return { termIds: [...termIds], inTerm };
}

export function computeCoverage(steps: readonly CoverageStep[], terms: readonly CoverageTerm[], contestedTermIds: ReadonlySet<string> = new Set()): Coverage {
  const index = termIndex(terms);
  const known = new Set(targetsOf(terms).map((t) => normalizeTermName(t.text)));
  const statusOf = new Map(terms.map((t) => [t.id, t.status]));
  const singles: Occurrence[] = [];
  const pairs: Occurrence[] = [];
  const termIdsByStep: string[][] = [];

  steps.forEach((step, stepIndex) => {
    const text = step.text;
    const tokens = tokenize(text);
    const { termIds, inTerm } = findTerms(text, tokens, index);
    termIdsByStep.push(termIds);
    // Glossary words are defined, and a phrase never spans one.
    const usable = (i: number) => tokens[i] !== undefined && tokens[i]!.content && !inTerm[i];
    const adjacent = (i: number) => /^[ \t]+$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start));
    tokens.forEach((token, i) => {
      if (!usable(i)) return;
      const key = normalizeTermName(token.lower);
      if (known.has(key)) return;
      const occurrence: Occurrence = { key, surface: token.word, step: stepIndex, reason: token.acronym ? 'acronym' : token.capitalised ? 'capitalised' : 'repeated', inPairs: [] };
      singles.push(occurrence);
      if (usable(i + 1) && adjacent(i)) {
        const pairKey = normalizeTermName(`${token.lower} ${tokens[i + 1]!.lower}`);
        if (!known.has(pairKey)) pairs.push({ key: pairKey, surface: `${token.word} ${tokens[i + 1]!.word}`, step: stepIndex, reason: 'repeated', inPairs: [] });
        occurrence.inPairs.push(pairKey);
      }
      if (usable(i - 1) && adjacent(i - 1)) occurrence.inPairs.push(normalizeTermName(`${tokens[i - 1]!.lower} ${token.lower}`));
    });
  });

  const stepsOf = (list: readonly Occurrence[]) => {
    const byKey = new Map<string, Occurrence[]>();
    for (const o of list) {
      const group = byKey.get(o.key);
      if (group) group.push(o);
      else byKey.set(o.key, [o]);
    }
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
  candidates.sort((a, b) => b.stepIds.length - a.stepIds.length || compareNames(a.text, b.text));

  const wordsByStep = new Map<string, string[]>();
  for (const c of candidates) for (const id of c.stepIds) wordsByStep.set(id, [...(wordsByStep.get(id) ?? []), c.text]);
  const stepCoverage: StepCoverage[] = steps.map((step, index) => {
    const termIds = termIdsByStep[index]!;
    const unagreedTermIds = termIds.filter((id) => statusOf.get(id) !== 'agreed');
    const undefinedWords = wordsByStep.get(step.id) ?? [];
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
  const text = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareNamesStrict(a[0], b[0]))[0]![0];
  const base = reason === 'acronym' ? text : /\p{Lu}/u.test(text.slice(1)) ? text : key;
  return {
    text,
    name: base.charAt(0).toLocaleUpperCase('en') + base.slice(1),
    reason,
    stepIds: [...stepSet].sort((a, b) => a - b).map((i) => steps[i]!.id),
  };
}
