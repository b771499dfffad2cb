import type { ReactNode } from 'react';
import { statusLabel } from '@/lib/export/csv-file';
import { metricFormula, type Handbook, type VariantHistory } from '@/lib/export/handbook';
import { formatAliases } from '@/lib/glossary/csv';
import { VocabularyTable } from '@/components/glossary/vocabulary-table';
import { HandbookOutcomes } from './handbook-outcomes';
import { Empty, Section } from './handbook-section';
import { ProcessDiagram } from './process-diagram';
import { RichBlocks } from './rich-blocks-view';

/**
 * The process handbook as a document: the same content as the Markdown export, and a process
 * diagram in place of its Mermaid block. Printed, nothing forces a page break: only small blocks
 * (a card's heading and facts, a list item, a row of the diagram) are kept whole (globals.css).
 */
export function HandbookDocument({ handbook: h }: { handbook: Handbook }) {
  return (
    <article className="handbook space-y-8 text-slate-950" aria-label="Process handbook">
      <header>
        <h1 className="text-3xl font-bold">{h.title}</h1>
        <p className="text-slate-700">Process handbook — {h.date}</p>
      </header>
      {/* A diagram of a start and an end says nothing: the Process section says there are no steps. */}
      {h.steps.length > 0 && <ProcessDiagram steps={h.steps} />}
      <Section id="hb-participants" title="Participants">
        {h.participants.length === 0 ? <Empty>Nobody joined.</Empty> : (
          <ul>{h.participants.map((g) => <li key={g.team} className="handbook-keep"><strong>{g.team || 'No team'}:</strong> {g.names.join(', ')}</li>)}</ul>
        )}
      </Section>
      <Section id="hb-process" title="Process">
        {h.steps.length === 0 && <Empty>No steps.</Empty>}
        {h.steps.map((s) => (
          <Card key={s.id} title={`${s.index + 1}. ${s.title || 'Untitled step'}`} facts={[['Status', statusLabel(s.status)], ['Owner', s.ownerRole], ['Entry criteria', s.entryCriteria], ['Exit criteria', s.exitCriteria], ['Inputs', s.inputs], ['Outputs', s.outputs], ['Metrics', s.metrics.join(', ')]]}>
            <RichBlocks blocks={s.descriptionBlocks} />
            {s.stickies.map((n, i) => <p key={i} className="handbook-keep text-sm"><strong>{n.kind}</strong> ({n.author || 'someone'}): {n.text}</p>)}
          </Card>
        ))}
        {h.unplacedNotes.length > 0 && (
          <Card title="Notes not on a step" facts={[]}>
            {h.unplacedNotes.map((n, i) => <p key={i} className="handbook-keep text-sm"><strong>{n.kind}</strong> ({n.author || 'someone'}): {n.text}</p>)}
          </Card>
        )}
      </Section>
      <Section id="hb-glossary" title="Glossary">
        {h.terms.length === 0 && <Empty>No terms.</Empty>}
        {h.terms.map((t) => (
          <Card key={t.id} title={t.name || 'Untitled term'} facts={[['Status', statusLabel(t.status)], ['Owner', t.owner], ['Also called', formatAliases(t.aliases)]]}>
            <RichBlocks blocks={t.definitionBlocks} />
            {t.examples.map((e) => <p key={e.id} className="handbook-keep text-sm">{e.kind === 'is' ? 'This IS' : 'This is NOT'} {t.name}: {e.text}</p>)}
            {t.history && <VariantHistoryView history={t.history} />}
          </Card>
        ))}
        {h.terms.length > 0 && h.vocabulary.columns.length > 0 && (
          <div className="space-y-2 pt-4">
            <h3 id="hb-vocabulary" className="handbook-heading text-xl font-semibold">Team vocabulary</h3>
            <VocabularyTable vocabulary={h.vocabulary} caption="Team vocabulary: canonical terms against each team’s words" />
          </div>
        )}
      </Section>
      <Section id="hb-metrics" title="Metrics">
        {h.metrics.length === 0 && <Empty>No metrics.</Empty>}
        {h.metrics.map((m) => (
          <Card key={m.id} title={m.name || 'Untitled metric'} facts={[['Status', statusLabel(m.status)], ['Measures', m.measures], ['Formula', metricFormula(m)], ['Unit', m.unit], ['Target', m.target], ['Cadence', m.cadence], ['Data source', m.dataSource], ['Owner', m.owner]]}>
            <RichBlocks blocks={m.definitionBlocks} />
            {m.history && <VariantHistoryView history={m.history} />}
          </Card>
        ))}
      </Section>
      <HandbookOutcomes handbook={h} />
    </article>
  );
}

/** A step, term or metric: its heading and facts kept together on a page, its text free to flow. */
function Card({ title, facts, children }: { title: string; facts: ReadonlyArray<readonly [string, string]>; children: ReactNode }) {
  const shown = facts.filter(([, value]) => value.trim() !== '');
  return (
    <div className="space-y-1 border-b border-slate-200 py-3">
      <div className="handbook-keep space-y-1">
        <h3 className="text-xl font-semibold">{title}</h3>
        {shown.length > 0 && (
          <dl className="grid grid-cols-[9rem_1fr] gap-x-2 text-sm">
            {shown.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-semibold">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      {children}
    </div>
  );
}

/** A term's or metric's competing definitions and how the room converged, for the print view. */
function VariantHistoryView({ history }: { history: VariantHistory }) {
  return (
    <div className="mt-2 text-sm">
      <p className="font-semibold">{history.heading}:</p>
      <ul className="list-disc pl-5">
        {history.variants.map((v) => (
          <li key={v.team}>
            <strong>{v.team}</strong>
            {v.authors.length > 0 && ` (${v.authors.join(', ')})`}: {v.text || 'no wording'}
            {v.formula && ` — ${v.formula}`}
          </li>
        ))}
      </ul>
      {history.outcome && <p>{history.outcome}</p>}
    </div>
  );
}
