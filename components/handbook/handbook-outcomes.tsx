import type { Handbook } from '@/lib/export/handbook';
import { Empty, Section } from './handbook-section';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the room decided and what is still open: decisions with their consensus result, the dot
 * vote and consensus check results (counts only: ballots and answers stay anonymous, who blocked
 * is never named), the parking lot, and the open disputes.
 */
export function HandbookOutcomes({ handbook: h }: { handbook: Handbook }) {
  const nothingDecided = h.decisions.length === 0 && h.votes.length === 0 && h.consensusChecks.length === 0;
  return (
    <>
      <Section id="hb-decisions" title="Decisions">
        {nothingDecided && <Empty>No decisions recorded.</Empty>}
        {h.decisions.length > 0 && (
          <ul className="list-disc space-y-1 pl-6">
            {h.decisions.map((d, i) => (
              <li key={i} className="handbook-keep">
                {d.text}
                {d.result && <span className="text-slate-700"> — consensus: {d.result}</span>}
                {d.byTeam && <span className="text-slate-700"> (by team: {d.byTeam})</span>}
              </li>
            ))}
          </ul>
        )}
        {h.votes.map((v, i) => (
          <div key={i} className="handbook-keep mt-3">
            <h3 className="text-lg font-semibold">
              Dot vote “{v.title}” <span className="font-normal text-slate-700">({plural(v.voters, 'voter', 'voters')})</span>
            </h3>
            {v.results.length === 0 ? <Empty>No items.</Empty> : (
              <ol className="list-decimal pl-6">
                {v.results.map((r) => <li key={r.item}>{r.item}: {plural(r.dots, 'dot', 'dots')}</li>)}
              </ol>
            )}
          </div>
        ))}
        {h.consensusChecks.map((c, i) => (
          <div key={i} className="handbook-keep mt-3">
            <h3 className="text-lg font-semibold">
              Consensus check on {c.item} <span className="font-normal text-slate-700">({plural(c.answers, 'answer', 'answers')})</span>
            </h3>
            <p>{c.distribution}</p>
          </div>
        ))}
      </Section>
      <Section id="hb-parking" title="Parking lot">
        {h.parking.length === 0 ? <Empty>Empty.</Empty> : (
          <ul className="space-y-1">
            {h.parking.map((p, i) => (
              <li key={i} className="handbook-keep">
                <span className="font-semibold">{p.resolved ? 'Resolved: ' : 'Open: '}</span>
                {p.text}
                {p.source && <span className="text-slate-700"> (from {p.source})</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="hb-disputes" title="Open disputes">
        {h.disputes.length === 0 ? <Empty>None: no blocks or open questions in the last consensus checks, and the parking lot is clear.</Empty> : (
          <ul className="list-disc space-y-1 pl-6">
            {h.disputes.map((d, i) => (
              <li key={i} className="handbook-keep">
                {d.text} <span className="text-slate-700">— {d.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
