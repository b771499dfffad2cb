// The `docx` package writes real Office Open XML (styles, numbering, tables, page fields) that
// Word, LibreOffice and Google Docs open; 9.7.1 is its last release whose dependencies run on Node 20.
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatAliases } from '../glossary/csv';
import { statusLabel } from './csv-file';
import { metricFormula, variantHistoryLines, type Handbook } from './handbook';
import { blocksToPlainText } from './plain-text';

/**
 * The handbook as a Word document, for the client who edits it: the same sections as the
 * Markdown handbook, each step's facts as a two-column table, the metrics as one table, page
 * numbers in the footer.
 */
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function table(header: string[] | null, rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({ ...(bold ? { tableHeader: true } : {}), children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders, rows: [...(header ? [row(header, true)] : []), ...rows.map((r) => row(r, false))] });
}

/** Plain text split into paragraphs (Word has no line-break character in a run). */
const paragraphs = (text: string) => text.split(/\n+/).filter((l) => l.trim()).map(para);

export async function handbookToDocx(h: Handbook): Promise<Uint8Array> {
  const body: Array<Paragraph | Table> = [heading(h.title, HeadingLevel.TITLE), para(`Process handbook — ${h.date}`)];

  body.push(heading('Participants', HeadingLevel.HEADING_1));
  if (h.participants.length === 0) body.push(para('Nobody joined.'));
  for (const g of h.participants) body.push(bullet(`${g.team || 'No team'}: ${g.names.join(', ')}`));

  body.push(heading('Process', HeadingLevel.HEADING_1));
  if (h.steps.length === 0) body.push(para('No steps.'));
  for (const s of h.steps) {
    body.push(heading(`${s.index + 1}. ${s.title || 'Untitled step'}`, HeadingLevel.HEADING_2));
    const facts: Array<[string, string]> = [
      ['Status', statusLabel(s.status)],
      ['Owner', s.ownerRole],
      ['Entry criteria', s.entryCriteria],
      ['Exit criteria', s.exitCriteria],
      ['Inputs', s.inputs],
      ['Outputs', s.outputs],
      ['Metrics', s.metrics.join(', ')],
    ];
    body.push(table(null, facts.filter(([, v]) => v.trim())));
    body.push(...paragraphs(blocksToPlainText(s.descriptionBlocks)));
    for (const n of s.stickies) body.push(para(`${n.kind} (${n.author || 'someone'}): ${n.text}`));
  }
  if (h.unplacedNotes.length) {
    body.push(heading('Notes not on a step', HeadingLevel.HEADING_2));
    for (const n of h.unplacedNotes) body.push(para(`${n.kind} (${n.author || 'someone'}): ${n.text}`));
  }

  body.push(heading('Glossary', HeadingLevel.HEADING_1));
  if (h.terms.length === 0) body.push(para('No terms.'));
  for (const t of h.terms) {
    body.push(heading(t.name, HeadingLevel.HEADING_2), para(`Status: ${statusLabel(t.status)}`));
    if (t.owner) body.push(para(`Owner: ${t.owner}`));
    if (t.aliases.length) body.push(para(`Also called: ${formatAliases(t.aliases)}`));
    body.push(...paragraphs(blocksToPlainText(t.definitionBlocks)));
    for (const e of t.examples) body.push(bullet(`${e.kind === 'is' ? 'This IS' : 'This is NOT'} ${t.name}: ${e.text}`));
    if (t.history) body.push(...variantHistoryLines(t.history).map((line, i) => (i === 0 ? para(line) : bullet(line))));
  }
  if (h.vocabulary.columns.length > 0 && h.terms.length > 0) {
    body.push(heading('Team vocabulary', HeadingLevel.HEADING_2));
    body.push(table(['Term', ...h.vocabulary.columns], h.vocabulary.rows.map((r) => [r.term, ...h.vocabulary.columns.map((c) => r.words[c]?.join(', ') ?? '—')])));
  }

  body.push(heading('Metrics', HeadingLevel.HEADING_1));
  if (h.metrics.length === 0) body.push(para('No metrics.'));
  else body.push(table(['Metric', 'Measures', 'Formula', 'Target', 'Cadence', 'Owner', 'Status'], h.metrics.map((m) => [m.name, m.measures, metricFormula(m), m.target, m.cadence, m.owner, statusLabel(m.status)])));
  for (const m of h.metrics) {
    const definition = blocksToPlainText(m.definitionBlocks);
    if (definition) body.push(new Paragraph({ children: [new TextRun({ text: `${m.name}: `, bold: true }), new TextRun(definition.replace(/\n+/g, ' '))] }));
    if (m.history) body.push(...variantHistoryLines(m.history).map((line, i) => (i === 0 ? para(`${m.name} — ${line}`) : bullet(line))));
  }

  body.push(heading('Decisions', HeadingLevel.HEADING_1));
  if (h.decisions.length + h.votes.length + h.consensusChecks.length === 0) body.push(para('No decisions recorded.'));
  for (const d of h.decisions) body.push(bullet(`${d.text}${d.result ? ` — consensus: ${d.result}` : ''}${d.byTeam ? ` (by team: ${d.byTeam})` : ''}`));
  for (const v of h.votes) body.push(bullet(`Dot vote “${v.title}” (${v.voters} voters): ${v.results.map((r) => `${r.item} ${r.dots}`).join('; ')}`));
  for (const c of h.consensusChecks) body.push(bullet(`Consensus check on ${c.item} (${c.answers} answers): ${c.distribution}`));

  body.push(heading('Parking lot', HeadingLevel.HEADING_1));
  if (h.parking.length === 0) body.push(para('Empty.'));
  for (const p of h.parking) body.push(bullet(`${p.resolved ? '[done] ' : ''}${p.text}${p.source ? ` (from ${p.source})` : ''}`));

  body.push(heading('Open disputes', HeadingLevel.HEADING_1));
  if (h.disputes.length === 0) body.push(para('None.'));
  for (const d of h.disputes) body.push(bullet(`${d.text} — ${d.reason}`));

  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })] });
  const doc = new Document({ creator: 'Common Ground', title: h.title, sections: [{ footers: { default: footer }, children: body }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
