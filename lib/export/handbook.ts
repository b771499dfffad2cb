import Papa from 'papaparse';
import type * as Y from 'yjs';
import { listLocks } from '../doc/locks';
import { listDecisions } from '../doc/sessions';
import { listTerms } from '../doc/glossary';
import { effectiveAttachment, listMetrics } from '../doc/metrics';
import { listParticipants } from '../doc/participants';
import { listSteps, listStickies } from '../doc/process';
import { itemKey, metricDefinitionField, stepDescriptionField, termDefinitionField, type MetricRecord, type StepRecord, type TermRecord } from '../doc/schema';
import { listParking, summarizeFlags } from '../doc/signals';
import { getTitle } from '../doc/workshop';
import { CONSENSUS_LEVELS } from '../doc/votes';
import { formatAliases } from '../glossary/csv';
import { CSV_WRITE_OPTIONS } from './csv-cells';
import { blocksOf, blocksToMarkdown, escapeMarkdown, type Block } from './rich-blocks';

/**
 * The process handbook: what a workshop leaves behind, as one data model rendered to Markdown
 * (export) and to React (the print view).
 */
export type HandbookMetric = MetricRecord & { measures: string; definitionBlocks: Block[] };
export type Handbook = {
  title: string;
  date: string;
  participants: Array<{ team: string; names: string[] }>;
  steps: Array<StepRecord & { index: number; descriptionBlocks: Block[]; metrics: string[]; stickies: Array<{ kind: string; text: string; author: string }> }>;
  terms: Array<TermRecord & { definitionBlocks: Block[] }>;
  metrics: HandbookMetric[];
  decisions: Array<{ text: string; source: string; result?: string }>;
  parking: Array<{ text: string; resolved: boolean; source: string }>;
  disputes: Array<{ text: string; reason: string }>;
};

const STICKY_LABEL: Record<string, string> = { pain: 'Pain point', question: 'Question', idea: 'Idea', decision: 'Decision' };

export function buildHandbook(board: Y.Doc, facilitation: Y.Doc, date: Date): Handbook {
  const steps = listSteps(board);
  const terms = listTerms(board);
  const metrics = listMetrics(board);
  const stickies = listStickies(board);
  const stepName = new Map(steps.map((s, i) => [s.id as string, `${i + 1}. ${s.title || 'Untitled step'}`]));
  const exists = (id: string) => stepName.has(id);
  const measures = (m: MetricRecord) => {
    const a = effectiveAttachment(m, exists);
    return a.kind === 'step' ? `Step ${stepName.get(a.stepId)}` : a.kind === 'boundary' ? `${stepName.get(a.fromStepId)} → ${stepName.get(a.toStepId)}` : 'Not attached';
  };
  const nameOf = (key: string) => {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'step') return `Step ${stepName.get(id) ?? '(deleted)'}`;
    if (kind === 'term') return `Term ${terms.find((t) => t.id === id)?.name ?? '(deleted)'}`;
    if (kind === 'metric') return `Metric ${metrics.find((m) => m.id === id)?.name ?? '(deleted)'}`;
    return `Note ${stickies.find((s) => s.id === id)?.text ?? '(deleted)'}`;
  };

  const byTeam = new Map<string, string[]>();
  for (const p of listParticipants(board)) byTeam.set(p.team, [...(byTeam.get(p.team) ?? []), p.name]);
  const locks = listLocks(facilitation);
  const decisions = listDecisions(facilitation);
  const flags = summarizeFlags(board);

  const agreedItems = [
    ...steps.filter((s) => s.status === 'agreed').map((s) => itemKey({ kind: 'step', id: s.id })),
    ...terms.filter((t) => t.status === 'agreed').map((t) => itemKey({ kind: 'term', id: t.id })),
    ...metrics.filter((m) => m.status === 'agreed').map((m) => itemKey({ kind: 'metric', id: m.id })),
  ];
  const result = (key: string) => {
    const decision = decisions.find((d) => d.item === key);
    if (!decision) return undefined;
    const parts = CONSENSUS_LEVELS.filter((l) => (decision.counts[l.id] ?? 0) > 0).map((l) => `${l.label}: ${decision.counts[l.id]}`);
    return parts.length ? parts.join(', ') : undefined;
  };

  return {
    title: getTitle(board) || 'Untitled workshop',
    date: date.toISOString().slice(0, 10),
    participants: [...byTeam.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))).map(([team, names]) => ({ team, names })),
    steps: steps.map((s, index) => ({
      ...s,
      index,
      descriptionBlocks: blocksOf(board.getXmlFragment(stepDescriptionField(s.id))),
      metrics: metrics.filter((m) => {
        const a = effectiveAttachment(m, exists);
        return (a.kind === 'step' && a.stepId === s.id) || (a.kind === 'boundary' && (a.fromStepId === s.id || a.toStepId === s.id));
      }).map((m) => m.name),
      stickies: stickies.filter((n) => n.stepId === s.id).map((n) => ({ kind: STICKY_LABEL[n.kind] ?? n.kind, text: n.text, author: n.authorName })),
    })),
    terms: terms.map((t) => ({ ...t, definitionBlocks: blocksOf(board.getXmlFragment(termDefinitionField(t.id))) })),
    metrics: metrics.map((m) => ({ ...m, measures: measures(m), definitionBlocks: blocksOf(board.getXmlFragment(metricDefinitionField(m.id))) })),
    decisions: [
      ...stickies.filter((n) => n.kind === 'decision').map((n) => ({ text: n.text, source: `Step ${stepName.get(n.stepId) ?? '(deleted)'}` })),
      ...agreedItems.map((key) => ({ text: `${nameOf(key)} agreed${locks.has(key) ? ' (locked)' : ''}`, source: nameOf(key), result: result(key) })),
    ],
    parking: listParking(board).map((p) => ({ text: p.text, resolved: p.resolved, source: p.source ? nameOf(itemKey(p.source)) : '' })),
    disputes: [
      ...steps.filter((s) => s.status !== 'agreed').map((s) => ({ text: `Step ${stepName.get(s.id)}`, reason: `status: ${s.status}` })),
      ...terms.filter((t) => t.status !== 'agreed').map((t) => ({ text: `Term ${t.name}`, reason: `status: ${t.status}` })),
      ...metrics.filter((m) => m.status !== 'agreed').map((m) => ({ text: `Metric ${m.name}`, reason: `status: ${m.status}` })),
      ...flags.map((f) => ({ text: nameOf(itemKey(f.item)), reason: `${f.count} “I don't understand”` })),
    ],
  };
}

const md = escapeMarkdown;
const line = (label: string, value: string) => (value ? `- **${label}:** ${md(value)}` : null);

export function handbookToMarkdown(h: Handbook): string {
  const out: string[] = [`# ${md(h.title)}`, '', `Process handbook — ${h.date}`, ''];
  out.push('## Participants', '');
  if (h.participants.length === 0) out.push('_Nobody joined._', '');
  for (const group of h.participants) out.push(`- **${md(group.team || 'No team')}:** ${group.names.map(md).join(', ')}`);
  out.push('', '## Process', '');
  if (h.steps.length === 0) out.push('_No steps._', '');
  for (const s of h.steps) {
    out.push(`### ${s.index + 1}. ${md(s.title || 'Untitled step')}`, '');
    const facts = [line('Status', s.status), line('Owner', s.ownerRole), line('Entry criteria', s.entryCriteria), line('Exit criteria', s.exitCriteria), line('Inputs', s.inputs), line('Outputs', s.outputs), s.metrics.length ? `- **Metrics:** ${s.metrics.map(md).join(', ')}` : null].filter(Boolean);
    out.push(...(facts as string[]), '');
    if (s.descriptionBlocks.length) out.push(blocksToMarkdown(s.descriptionBlocks), '');
    for (const n of s.stickies) out.push(`> **${md(n.kind)}** (${md(n.author || 'someone')}): ${md(n.text)}`, '');
  }
  out.push('## Glossary', '');
  if (h.terms.length === 0) out.push('_No terms._', '');
  for (const t of h.terms) {
    out.push(`### ${md(t.name)}`, '', `- **Status:** ${t.status}`);
    if (t.owner) out.push(`- **Owner:** ${md(t.owner)}`);
    if (t.aliases.length) out.push(`- **Also called:** ${md(formatAliases(t.aliases))}`);
    out.push('');
    if (t.definitionBlocks.length) out.push(blocksToMarkdown(t.definitionBlocks), '');
    for (const e of t.examples) out.push(`- ${e.kind === 'is' ? 'This IS' : 'This is NOT'} ${md(t.name)}: ${md(e.text)}`);
    if (t.examples.length) out.push('');
  }
  out.push('## Metrics', '');
  if (h.metrics.length === 0) out.push('_No metrics._', '');
  for (const m of h.metrics) {
    out.push(`### ${md(m.name)}`, '');
    const facts = [line('Status', m.status), line('Measures', m.measures), m.numerator || m.denominator ? `- **Formula:** ${md(m.numerator || '…')} ÷ ${md(m.denominator || '…')}` : null, line('Unit', m.unit), line('Target', m.target), line('Cadence', m.cadence), line('Data source', m.dataSource), line('Owner', m.owner)].filter(Boolean);
    out.push(...(facts as string[]), '');
    if (m.definitionBlocks.length) out.push(blocksToMarkdown(m.definitionBlocks), '');
  }
  out.push('## Decisions', '');
  if (h.decisions.length === 0) out.push('_No decisions recorded._');
  for (const d of h.decisions) out.push(`- ${md(d.text)}${d.result ? ` — consensus: ${md(d.result)}` : ''}`);
  out.push('', '## Parking lot', '');
  if (h.parking.length === 0) out.push('_Empty._');
  for (const p of h.parking) out.push(`- [${p.resolved ? 'x' : ' '}] ${md(p.text)}${p.source ? ` (from ${md(p.source)})` : ''}`);
  out.push('', '## Open disputes', '');
  if (h.disputes.length === 0) out.push('_None: everything is agreed._');
  for (const d of h.disputes) out.push(`- ${md(d.text)} — ${md(d.reason)}`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export const METRICS_CSV_COLUMNS = ['name', 'definition', 'numerator', 'denominator', 'unit', 'target', 'cadence', 'data source', 'owner', 'status', 'measures'] as const;

export function metricsToCsv(metrics: readonly HandbookMetric[]): string {
  return Papa.unparse(
    { fields: [...METRICS_CSV_COLUMNS], data: metrics.map((m) => [m.name, m.definition, m.numerator, m.denominator, m.unit, m.target, m.cadence, m.dataSource, m.owner, m.status, m.measures]) },
    CSV_WRITE_OPTIONS,
  );
}
