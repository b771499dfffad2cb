import type { Handbook, VariantHistory } from '@/lib/export/handbook';
import { formatAliases } from '@/lib/glossary/csv';
import { RichBlocks } from './rich-blocks-view';

const card = 'handbook-card space-y-1 border-b border-slate-200 py-3';

/** The process handbook as a document: the same content as the Markdown export. */
export function HandbookDocument({ handbook: h }: { handbook: Handbook }) {
  return (
    <article className="handbook space-y-8 text-slate-950" aria-label="Process handbook">
      <header>
        <h1 className="text-3xl font-bold">{h.title}</h1>
        <p className="text-slate-700">Process handbook — {h.date}</p>
      </header>
      <section aria-labelledby="hb-participants">
        <h2 id="hb-participants" className="text-2xl font-semibold">Participants</h2>
        {h.participants.length === 0 ? <p>Nobody joined.</p> : (
          <ul>{h.participants.map((g) => <li key={g.team}><strong>{g.team || 'No team'}:</strong> {g.names.join(', ')}</li>)}</ul>
        )}
      </section>
      <section aria-labelledby="hb-process">
        <h2 id="hb-process" className="text-2xl font-semibold">Process</h2>
        {h.steps.map((s) => (
          <div key={s.id} className={card}>
            <h3 className="text-xl font-semibold">{s.index + 1}. {s.title || 'Untitled step'}</h3>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-2 text-sm">
              <dt className="font-semibold">Status</dt><dd>{s.status}</dd>
              {s.ownerRole && <><dt className="font-semibold">Owner</dt><dd>{s.ownerRole}</dd></>}
              {s.entryCriteria && <><dt className="font-semibold">Entry criteria</dt><dd>{s.entryCriteria}</dd></>}
              {s.exitCriteria && <><dt className="font-semibold">Exit criteria</dt><dd>{s.exitCriteria}</dd></>}
              {s.inputs && <><dt className="font-semibold">Inputs</dt><dd>{s.inputs}</dd></>}
              {s.outputs && <><dt className="font-semibold">Outputs</dt><dd>{s.outputs}</dd></>}
              {s.metrics.length > 0 && <><dt className="font-semibold">Metrics</dt><dd>{s.metrics.join(', ')}</dd></>}
            </dl>
            <RichBlocks blocks={s.descriptionBlocks} />
            {s.stickies.map((n, i) => <p key={i} className="text-sm"><strong>{n.kind}</strong> ({n.author || 'someone'}): {n.text}</p>)}
          </div>
        ))}
      </section>
      <section aria-labelledby="hb-glossary">
        <h2 id="hb-glossary" className="text-2xl font-semibold">Glossary</h2>
        {h.terms.map((t) => (
          <div key={t.id} className={card}>
            <h3 className="text-xl font-semibold">{t.name} <span className="text-sm font-normal">({t.status})</span></h3>
            {t.aliases.length > 0 && <p className="text-sm">Also called: {formatAliases(t.aliases)}</p>}
            <RichBlocks blocks={t.definitionBlocks} />
            {t.examples.map((e) => <p key={e.id} className="text-sm">{e.kind === 'is' ? 'This IS' : 'This is NOT'} {t.name}: {e.text}</p>)}
            {t.history && <VariantHistoryView history={t.history} />}
          </div>
        ))}
      </section>
      <section aria-labelledby="hb-metrics">
        <h2 id="hb-metrics" className="text-2xl font-semibold">Metrics</h2>
        {h.metrics.map((m) => (
          <div key={m.id} className={card}>
            <h3 className="text-xl font-semibold">{m.name} <span className="text-sm font-normal">({m.status})</span></h3>
            <p className="text-sm">Measures: {m.measures}</p>
            {(m.numerator || m.denominator) && <p className="text-sm">Formula: {m.numerator || '…'} ÷ {m.denominator || '…'}</p>}
            {m.target && <p className="text-sm">Target: {m.target}</p>}
            <RichBlocks blocks={m.definitionBlocks} />
            {m.history && <VariantHistoryView history={m.history} />}
          </div>
        ))}
      </section>
      <section aria-labelledby="hb-decisions">
        <h2 id="hb-decisions" className="text-2xl font-semibold">Decisions</h2>
        <ul className="list-disc pl-6">{h.decisions.map((d, i) => <li key={i}>{d.text}{d.result ? ` — consensus: ${d.result}` : ''}</li>)}</ul>
      </section>
      <section aria-labelledby="hb-parking">
        <h2 id="hb-parking" className="text-2xl font-semibold">Parking lot</h2>
        <ul className="list-disc pl-6">{h.parking.map((p, i) => <li key={i}>{p.resolved ? '✓ ' : ''}{p.text}{p.source ? ` (from ${p.source})` : ''}</li>)}</ul>
      </section>
      <section aria-labelledby="hb-disputes">
        <h2 id="hb-disputes" className="text-2xl font-semibold">Open disputes</h2>
        <ul className="list-disc pl-6">{h.disputes.map((d, i) => <li key={i}>{d.text} — {d.reason}</li>)}</ul>
      </section>
    </article>
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
