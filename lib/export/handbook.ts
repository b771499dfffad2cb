import { compareNamesStrict, compareTeams } from '../compare';
import Papa from 'papaparse';
import type * as Y from 'yjs';
import { listLocks } from '../doc/locks';
import { getConsensus, getVote, listDecisions } from '../doc/sessions';
import { listTerms } from '../doc/glossary';
import { effectiveAttachment, listMetrics } from '../doc/metrics';
import { listParticipants } from '../doc/participants';
import { listSteps, listStickies } from '../doc/process';
import { itemKey, metricDefinitionField, stepDescriptionField, termDefinitionField, type MetricRecord, type StepRecord, type TermRecord } from '../doc/schema';
import { listParking } from '../doc/signals';
import { getTitle } from '../doc/workshop';
import { getConvergedFrom, listAllConvergedFrom, listAllVariants, type VariantRecord } from '../doc/variants';
import { CONSENSUS_LEVELS, aggregateConsensus, readAnswers, readBallots, tallyVote } from '../doc/votes';
import { formatAliases } from '../glossary/csv';
import { CSV_WRITE_OPTIONS } from './csv-cells';
import { csvFile, statusLabel } from './csv-file';
import { handbookToMermaid } from './mermaid';
import { teamVocabulary, type TeamVocabulary } from '../glossary/vocabulary';
import { blocksOf, blocksToMarkdown, escapeMarkdown, type Block } from './rich-blocks';

/**
 * The process handbook: what a workshop leaves behind, as one data model rendered to Markdown
 * (export) and to React (the print view).
 */
export type HandbookMetric = MetricRecord & { measures: string; definitionBlocks: Block[]; history: VariantHistory | null };

/**
 * "Why we define it this way": the teams' competing definitions of a term or metric, whose
 * wording the agreed definition was built from, and the decision that closed it.
 */
export type VariantHistory = {
  /** "Before the agreement" once agreed, else "Competing definitions (not agreed yet)". */
  heading: string;
  variants: Array<{ team: string; authors: string[]; text: string; formula: string }>;
  /** "Agreed wording built from …; agreed on … — consensus: …", or '' when there is nothing to say. */
  outcome: string;
};
export type HandbookNote = { kind: string; text: string; author: string };
export type Handbook = {
  title: string;
  date: string;
  participants: Array<{ team: string; names: string[] }>;
  steps: Array<StepRecord & { index: number; descriptionBlocks: Block[]; metrics: string[]; stickies: HandbookNote[] }>;
  /** Notes on no step: the brain dump's loose notes, and notes whose step was deleted. */
  unplacedNotes: HandbookNote[];
  terms: Array<TermRecord & { definitionBlocks: Block[]; history: VariantHistory | null }>;
  metrics: HandbookMetric[];
  /** `byTeam`: the consensus result per team of who answered ("East — Fully agree: 2; West — Block: 1"), counts only. */
  decisions: Array<{ text: string; source: string; result?: string; byTeam?: string }>;
  /** The last dot vote, once revealed: dots per item, most first. Ballots stay anonymous. */
  votes: Array<{ title: string; voters: number; results: Array<{ item: string; dots: number }> }>;
  /** The last consensus check, once revealed: the distribution of answers, never who gave which. */
  consensusChecks: Array<{ item: string; answers: number; distribution: string }>;
  parking: Array<{ text: string; resolved: boolean; source: string }>;
  /** Items whose last consensus check had blocks or "I don't understand yet", and open parking-lot items. */
  disputes: Array<{ text: string; reason: string }>;
  vocabulary: TeamVocabulary;
};

/** A metric's formula as one phrase; a missing side is said, never shown as "…". */
export function metricFormula(m: Pick<MetricRecord, 'numerator' | 'denominator'>): string {
  if (m.numerator && m.denominator) return `${m.numerator} ÷ ${m.denominator}`;
  if (m.numerator) return `${m.numerator} (no denominator yet)`;
  if (m.denominator) return `? ÷ ${m.denominator} (no numerator yet)`;
  return '';
}

/** "Fully agree: 3, Block: 1" — the levels that were chosen, in scale order. */
function distribution(counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>): string {
  const count = (id: string) => (counts instanceof Map ? (counts.get(id) ?? 0) : ((counts as Record<string, number>)[id] ?? 0));
  return CONSENSUS_LEVELS.filter((l) => count(l.id) > 0).map((l) => `${l.label}: ${count(l.id)}`).join(', ');
}

/** "2026-12-01 10:30 UTC": handbooks are read in other time zones a year later. */
function formatWhen(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function variantHistory(variants: readonly VariantRecord[] | undefined, agreed: boolean, convergedFrom: readonly string[], decision: { at: number; result?: string } | undefined): VariantHistory | null {
  if (!variants || variants.length === 0) return null;
  const outcome = [
    convergedFrom.length ? `Agreed wording built from the definition${convergedFrom.length === 1 ? '' : 's'} of ${listing(convergedFrom)}.` : '',
    agreed && decision ? `Agreed on ${formatWhen(decision.at)}${decision.result ? ` — consensus: ${decision.result}` : ''}.` : '',
  ].filter(Boolean).join(' ');
  return {
    heading: agreed ? 'Before the agreement' : 'Competing definitions (not agreed yet)',
    variants: variants.map((v) => ({
      team: v.team,
      authors: v.authors.map((a) => a.name).filter(Boolean),
      text: v.text.trim(),
      formula: v.parts ? [metricFormula(v.parts), v.parts.unit && `unit ${v.parts.unit}`, v.parts.target && `target ${v.parts.target}`].filter(Boolean).join(', ') : '',
    })),
    outcome,
  };
}

/** "A", "A and B", "A, B and C". */
function listing(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A variant history as lines of plain text (Word and other plain formats). */
export function variantHistoryLines(history: VariantHistory): string[] {
  return [
    `${history.heading}:`,
    ...history.variants.map((v) => `${v.team}${v.authors.length ? ` (${v.authors.join(', ')})` : ''}: ${v.text || '(no wording)'}${v.formula ? ` — ${v.formula}` : ''}`),
    ...(history.outcome ? [history.outcome] : []),
  ];
}

const STICKY_LABEL: Record<string, string> = { pain: 'Pain point', question: 'Question', idea: 'Idea', decision: 'Decision' };

export function buildHandbook(board: Y.Doc, facilitation: Y.Doc, date: Date): Handbook {
  const steps = listSteps(board);
  const terms = listTerms(board);
  const metrics = listMetrics(board);
  const stickies = listStickies(board);
  const stepName = new Map(steps.map((s, i) => [s.id as string, `${i + 1}. ${s.title || 'Untitled step'}`]));
  const exists = (id: string) => stepName.has(id);
  const noteOf = (n: (typeof stickies)[number]): HandbookNote => ({ kind: STICKY_LABEL[n.kind] ?? n.kind, text: n.text, author: n.authorName });
  const measures = (m: MetricRecord) => {
    const a = effectiveAttachment(m, exists);
    return a.kind === 'step' ? `${stepName.get(a.stepId)}` : a.kind === 'boundary' ? `${stepName.get(a.fromStepId)} → ${stepName.get(a.toStepId)}` : 'Not attached';
  };
  const nameOf = (key: string) => {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'step') return `Step ${stepName.get(id) ?? '(deleted)'}`;
    if (kind === 'term') return `Term ${terms.find((t) => t.id === id)?.name ?? '(deleted)'}`;
    if (kind === 'metric') return `Metric ${metrics.find((m) => m.id === id)?.name ?? '(deleted)'}`;
    return `Note ${stickies.find((s) => s.id === id)?.text ?? '(deleted)'}`;
  };

  // One entry per browser session is stored; the same name in the same team is one person, and
  // teams and names compare case-blind (listParticipants has already tidied their spacing):
  // "Ana, East" and "ana, east" are one person in one team. Each is shown as spelled most often,
  // a tie going to the spelling that sorts first by code point (capitals first: "East", "Ana").
  const spelled = (counts: Map<string, number>) => [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
  const tally = (counts: Map<string, number>, text: string) => counts.set(text, (counts.get(text) ?? 0) + 1);
  const byTeam = new Map<string, { team: Map<string, number>; people: Map<string, Map<string, number>> }>();
  for (const p of listParticipants(board)) {
    const teamKey = p.team.trim().toLowerCase();
    const group = byTeam.get(teamKey) ?? { team: new Map<string, number>(), people: new Map<string, Map<string, number>>() };
    byTeam.set(teamKey, group);
    tally(group.team, p.team.trim());
    const nameKey = p.name.trim().toLowerCase();
    const person = group.people.get(nameKey) ?? new Map<string, number>();
    group.people.set(nameKey, person);
    tally(person, p.name.trim());
  }
  const participants = [...byTeam.values()]
    .map((group) => ({ team: spelled(group.team), names: [...group.people.values()].map(spelled).sort(compareNamesStrict) }))
    .sort((a, b) => compareTeams(a.team, b.team));
  const locks = listLocks(facilitation);
  const decisions = listDecisions(facilitation);
  const variants = listAllVariants(board);
  const convergedFrom = listAllConvergedFrom(board);

  const agreedItems = [
    ...steps.filter((s) => s.status === 'agreed').map((s) => itemKey({ kind: 'step', id: s.id })),
    ...terms.filter((t) => t.status === 'agreed').map((t) => itemKey({ kind: 'term', id: t.id })),
    ...metrics.filter((m) => m.status === 'agreed').map((m) => itemKey({ kind: 'metric', id: m.id })),
  ];
  const result = (key: string) => {
    const decision = decisions.find((d) => d.item === key);
    return decision ? distribution(decision.counts) || undefined : undefined;
  };
  // Said only when two or more teams answered: one team's split is the result itself.
  const resultByTeam = (key: string) => {
    const split = Object.entries(decisions.find((d) => d.item === key)?.byTeam ?? {});
    if (split.length < 2) return undefined;
    return split
      .sort(([a], [b]) => compareTeams(a, b))
      .map(([team, counts]) => `${team || 'No team'} — ${distribution(counts)}`)
      .join('; ');
  };

  // The last vote and consensus check (the facilitation document keeps only the current one of
  // each); counted from the anonymous ballots and answers, shown once revealed.
  const vote = getVote(facilitation);
  const votes: Handbook['votes'] = [];
  if (vote && vote.status !== 'open') {
    const tally = tallyVote(vote, readBallots(board, vote.id));
    const results = [...tally.counts.entries()].map(([item, dots]) => ({ item: nameOf(item), dots })).sort((a, b) => b.dots - a.dots || compareNamesStrict(a.item, b.item));
    votes.push({ title: vote.title || 'Dot vote', voters: tally.voters, results });
  }
  const consensus = getConsensus(facilitation);
  const consensusChecks: Handbook['consensusChecks'] = [];
  // The last check per item: the current session for its item, the recorded decision for the others.
  const lastCheck = new Map<string, Readonly<Record<string, number>> | ReadonlyMap<string, number>>(decisions.map((d) => [d.item, d.counts]));
  if (consensus && consensus.status !== 'open') {
    const { counts, total } = aggregateConsensus(readAnswers(board, consensus.id));
    if (total > 0) {
      consensusChecks.push({ item: nameOf(consensus.item), answers: total, distribution: distribution(counts) });
      lastCheck.set(consensus.item, counts);
    }
  }
  const count = (counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>, id: string) => (counts instanceof Map ? (counts.get(id) ?? 0) : ((counts as Record<string, number>)[id] ?? 0));
  const parking = listParking(board);

  return {
    title: getTitle(board) || 'Untitled workshop',
    date: date.toISOString().slice(0, 10),
    participants,
    steps: steps.map((s, index) => ({
      ...s,
      index,
      descriptionBlocks: blocksOf(board.getXmlFragment(stepDescriptionField(s.id))),
      metrics: metrics.filter((m) => {
        const a = effectiveAttachment(m, exists);
        return (a.kind === 'step' && a.stepId === s.id) || (a.kind === 'boundary' && (a.fromStepId === s.id || a.toStepId === s.id));
      }).map((m) => m.name),
      stickies: stickies.filter((n) => n.stepId === s.id).map(noteOf),
    })),
    unplacedNotes: stickies.filter((n) => !exists(n.stepId) && n.text.trim()).map(noteOf),
    terms: terms.map((t) => {
      const key = itemKey({ kind: 'term', id: t.id });
      const decision = decisions.find((d) => d.item === key);
      const history = variantHistory(variants.get(key), t.status === 'agreed', getConvergedFrom(board, { kind: 'term', id: t.id }, convergedFrom), decision && { at: decision.at, result: result(key) });
      return { ...t, definitionBlocks: blocksOf(board.getXmlFragment(termDefinitionField(t.id))), history };
    }),
    metrics: metrics.map((m) => {
      const key = itemKey({ kind: 'metric', id: m.id });
      const decision = decisions.find((d) => d.item === key);
      const history = variantHistory(variants.get(key), m.status === 'agreed', getConvergedFrom(board, { kind: 'metric', id: m.id }, convergedFrom), decision && { at: decision.at, result: result(key) });
      return { ...m, measures: measures(m), definitionBlocks: blocksOf(board.getXmlFragment(metricDefinitionField(m.id))), history };
    }),
    decisions: [
      ...stickies.filter((n) => n.kind === 'decision').map((n) => ({ text: n.text, source: `Step ${stepName.get(n.stepId) ?? '(deleted)'}` })),
      ...agreedItems.map((key) => {
        const byTeam = resultByTeam(key);
        return { text: `${nameOf(key)} agreed${locks.has(key) ? ' (locked)' : ''}`, source: nameOf(key), result: result(key), ...(byTeam ? { byTeam } : {}) };
      }),
    ],
    votes,
    consensusChecks,
    parking: parking.map((p) => ({ text: p.text, resolved: p.resolved, source: p.source ? nameOf(itemKey(p.source)) : '' })),
    disputes: [
      ...[...lastCheck.entries()]
        .filter(([, counts]) => count(counts, 'block') > 0 || count(counts, 'unclear') > 0)
        .map(([item, counts]) => ({ text: nameOf(item), reason: `last consensus check: ${distribution(counts)}` })),
      ...parking.filter((p) => !p.resolved).map((p) => ({ text: `Parking lot: ${p.text}`, reason: p.source ? `open, raised on ${nameOf(itemKey(p.source))}` : 'open' })),
    ],
    vocabulary: teamVocabulary(terms, listParticipants(board).map((p) => p.team)),
  };
}

const md = escapeMarkdown;
const line = (label: string, value: string) => (value ? `- **${label}:** ${md(value)}` : null);

/** A Markdown table cell: pipes escaped, line breaks as spaces. */
const cell = (text: string) => md(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** "**Before the agreement:**" and one bullet per team's definition, then the outcome. */
function historyToMarkdown(history: VariantHistory): string[] {
  return [
    `**${md(history.heading)}:**`,
    '',
    ...history.variants.map((v) => `- **${md(v.team)}**${v.authors.length ? ` (${v.authors.map(md).join(', ')})` : ''}: ${v.text ? md(v.text).replace(/\s*\n\s*/g, ' ') : '_no wording_'}${v.formula ? ` — ${md(v.formula)}` : ''}`),
    '',
    ...(history.outcome ? [md(history.outcome), ''] : []),
  ];
}

function noteToMarkdown(n: HandbookNote): string {
  return `> **${md(n.kind)}** (${md(n.author || 'someone')}): ${md(n.text)}`;
}

export function handbookToMarkdown(h: Handbook): string {
  const out: string[] = [`# ${md(h.title)}`, '', `Process handbook — ${h.date}`, ''];
  // GitHub and GitLab render this block as the process diagram; elsewhere it reads as text.
  out.push('```mermaid', handbookToMermaid(h), '```', '');
  out.push('## Participants', '');
  if (h.participants.length === 0) out.push('_Nobody joined._', '');
  for (const group of h.participants) out.push(`- **${md(group.team || 'No team')}:** ${group.names.map(md).join(', ')}`);
  out.push('', '## Process', '');
  if (h.steps.length === 0) out.push('_No steps._', '');
  for (const s of h.steps) {
    out.push(`### ${s.index + 1}. ${md(s.title || 'Untitled step')}`, '');
    const facts = [line('Status', statusLabel(s.status)), line('Owner', s.ownerRole), line('Entry criteria', s.entryCriteria), line('Exit criteria', s.exitCriteria), line('Inputs', s.inputs), line('Outputs', s.outputs), s.metrics.length ? `- **Metrics:** ${s.metrics.map(md).join(', ')}` : null].filter(Boolean);
    out.push(...(facts as string[]), '');
    if (s.descriptionBlocks.length) out.push(blocksToMarkdown(s.descriptionBlocks), '');
    for (const n of s.stickies) out.push(noteToMarkdown(n), '');
  }
  if (h.unplacedNotes.length) {
    out.push('### Notes not on a step', '');
    for (const n of h.unplacedNotes) out.push(noteToMarkdown(n), '');
  }
  out.push('## Glossary', '');
  if (h.terms.length === 0) out.push('_No terms._', '');
  for (const t of h.terms) {
    out.push(`### ${md(t.name)}`, '', `- **Status:** ${statusLabel(t.status)}`);
    if (t.owner) out.push(`- **Owner:** ${md(t.owner)}`);
    if (t.aliases.length) out.push(`- **Also called:** ${md(formatAliases(t.aliases))}`);
    out.push('');
    if (t.definitionBlocks.length) out.push(blocksToMarkdown(t.definitionBlocks), '');
    for (const e of t.examples) out.push(`- ${e.kind === 'is' ? 'This IS' : 'This is NOT'} ${md(t.name)}: ${md(e.text)}`);
    if (t.examples.length) out.push('');
    if (t.history) out.push(...historyToMarkdown(t.history));
  }
  if (h.vocabulary.columns.length > 0 && h.terms.length > 0) {
    out.push('### Team vocabulary', '', `| Term | ${h.vocabulary.columns.map(cell).join(' | ')} |`, `|${' --- |'.repeat(h.vocabulary.columns.length + 1)}`);
    for (const row of h.vocabulary.rows) out.push(`| ${cell(row.term)} | ${h.vocabulary.columns.map((c) => cell(row.words[c]?.join(', ') ?? '—')).join(' | ')} |`);
    out.push('');
  }
  out.push('## Metrics', '');
  if (h.metrics.length === 0) out.push('_No metrics._', '');
  for (const m of h.metrics) {
    out.push(`### ${md(m.name)}`, '');
    const facts = [line('Status', statusLabel(m.status)), line('Measures', m.measures), line('Formula', metricFormula(m)), line('Unit', m.unit), line('Target', m.target), line('Cadence', m.cadence), line('Data source', m.dataSource), line('Owner', m.owner)].filter(Boolean);
    out.push(...(facts as string[]), '');
    if (m.definitionBlocks.length) out.push(blocksToMarkdown(m.definitionBlocks), '');
    if (m.history) out.push(...historyToMarkdown(m.history));
  }
  out.push('## Decisions', '');
  if (h.decisions.length === 0 && h.votes.length === 0 && h.consensusChecks.length === 0) out.push('_No decisions recorded._');
  for (const d of h.decisions) out.push(`- ${md(d.text)}${d.result ? ` — consensus: ${md(d.result)}` : ''}${d.byTeam ? ` (by team: ${md(d.byTeam)})` : ''}`);
  for (const v of h.votes) {
    out.push(`- Dot vote “${md(v.title)}” (${v.voters} ${v.voters === 1 ? 'voter' : 'voters'}): ${v.results.map((r) => `${md(r.item)} ${r.dots} ${r.dots === 1 ? 'dot' : 'dots'}`).join('; ') || 'no items'}`);
  }
  for (const c of h.consensusChecks) out.push(`- Consensus check on ${md(c.item)} (${c.answers} ${c.answers === 1 ? 'answer' : 'answers'}): ${md(c.distribution)}`);
  out.push('', '## Parking lot', '');
  if (h.parking.length === 0) out.push('_Empty._');
  for (const p of h.parking) out.push(`- [${p.resolved ? 'x' : ' '}] ${md(p.text)}${p.source ? ` (from ${md(p.source)})` : ''}`);
  out.push('', '## Open disputes', '');
  if (h.disputes.length === 0) out.push('_None: no blocks or open questions in the last consensus checks, and the parking lot is clear._');
  for (const d of h.disputes) out.push(`- ${md(d.text)} — ${md(d.reason)}`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export const METRICS_CSV_COLUMNS = ['name', 'definition', 'numerator', 'denominator', 'unit', 'target', 'cadence', 'data source', 'owner', 'status', 'measures'] as const;

export function metricsToCsv(metrics: readonly HandbookMetric[]): string {
  return csvFile(Papa.unparse(
    { fields: [...METRICS_CSV_COLUMNS], data: metrics.map((m) => [m.name, m.definition, m.numerator, m.denominator, m.unit, m.target, m.cadence, m.dataSource, m.owner, statusLabel(m.status), m.measures]) },
    CSV_WRITE_OPTIONS,
  ));
}
