'use client';

import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { setLock } from '@/lib/doc/locks';
import { listParticipants } from '@/lib/doc/participants';
import { recordDecision, setConsensusStatus } from '@/lib/doc/sessions';
import { consensusByTeam, countsByTeam } from '@/lib/doc/team-signals';
import { LOCAL_ORIGIN, parseItemKey } from '@/lib/doc/schema';
import { CONSENSUS_LEVELS, aggregateConsensus, setAnswer, type ConsensusLevel } from '@/lib/doc/votes';
import { useItemLabels } from '@/components/signals/use-item-label';
import { CARD_TARGET, TARGET } from '@/components/ui/targets';
import { useFacilitation } from './facilitation-context';
import { markAgreed } from './item-status';
import { useVotes } from './use-votes';

/**
 * A consensus check on gradients of agreement; the facilitator then marks the item agreed (and
 * locked). `card`: in the phone's full-screen card, each answer is a large target.
 */
export function ConsensusPanel({ board, participantId, card = false }: { board: Y.Doc; participantId: string; card?: boolean }) {
  const { facilitation, doc, isFacilitator } = useFacilitation();
  // The panel can be on the page twice (side panel and phone card): ids and radio names must differ.
  const uid = useId();
  const votes = useVotes(board);
  const labelOf = useItemLabels(board);
  const session = facilitation.consensus;
  const [reason, setReason] = useState('');
  // Agreeing with nobody's answer is asked first; what happened is said afterwards.
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!session || session.status === 'closed') {
    if (!isFacilitator) return null;
    return (
      <div className="space-y-2">
        {outcome && <p role="status" className="rounded-md bg-green-50 px-3 py-2 font-medium text-green-900">{outcome}</p>}
        <p className="text-slate-700">Use “Check consensus” on a step, term or metric to ask the room.</p>
      </div>
    );
  }
  const ref = parseItemKey(session.item);
  const label = ref ? labelOf(ref) : null;
  const answers = votes.answers(session.id);
  const mine = answers.get(participantId);
  const result = aggregateConsensus(answers);
  const showResults = isFacilitator || session.status === 'revealed';
  const answer = (level: ConsensusLevel) => setAnswer(board, session.id, participantId, { level, reason });
  return (
    <section aria-labelledby={`${uid}-heading`} className="space-y-3">
      <h2 id={`${uid}-heading`} tabIndex={-1} data-reveal-focus className={card ? 'text-2xl font-semibold' : 'text-xl font-semibold'}>
        Consensus check: {label ? `${label.kind} ${label.name}` : 'an item'}
      </h2>
      {!isFacilitator && (
        <fieldset className="space-y-1">
          <legend className="font-medium">Where do you stand?</legend>
          {CONSENSUS_LEVELS.map((level) => (
            <label
              key={level.id}
              className={card ? `${CARD_TARGET} flex items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2 text-lg has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50` : `${TARGET} flex items-center gap-2`}
            >
              <input type="radio" name={`${uid}-consensus-${session.id}`} checked={mine?.level === level.id} onChange={() => answer(level.id)} className={card ? 'size-6' : undefined} /> {level.label}
            </label>
          ))}
          <label htmlFor={`${uid}-reason`} className="block pt-2 text-sm font-medium">Reason (optional)</label>
          <input id={`${uid}-reason`} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} onBlur={() => mine && setAnswer(board, session.id, participantId, { level: mine.level, reason })} className={`${card ? 'min-h-11 text-lg' : 'min-h-6'} w-full rounded border border-slate-400 px-2 py-1`} />
        </fieldset>
      )}
      <p role="status" className="text-sm">{result.total} {result.total === 1 ? 'answer' : 'answers'} so far.</p>
      {showResults && (
        <ul aria-label="Consensus results" className="space-y-1">
          {CONSENSUS_LEVELS.map((level) => (
            <li key={level.id} className="flex items-center gap-2 text-sm">
              <span className="w-48">{level.label}</span>
              <span className="h-3 rounded bg-blue-600" style={{ width: `${(result.counts.get(level.id) ?? 0) * 16}px` }} aria-hidden="true" />
              <span data-testid={`consensus-${level.id}`}>{result.counts.get(level.id) ?? 0}</span>
            </li>
          ))}
        </ul>
      )}
      {showResults && result.reasons.length > 0 && (
        <ul className="list-disc pl-5 text-sm" aria-label="Reasons given">
          {result.reasons.map((r, i) => <li key={i}>{CONSENSUS_LEVELS.find((l) => l.id === r.level)?.label}: {r.reason}</li>)}
        </ul>
      )}
      {isFacilitator && ref && (
        <div className="flex flex-wrap gap-2">
          {session.status === 'open' && <button type="button" onClick={() => setConsensusStatus(doc, 'revealed')} className={`${TARGET} rounded border border-slate-300 px-3 py-1`}>Show results to everyone</button>}
          <button
            type="button"
            onClick={() => {
              if (result.total === 0 && !confirming) return setConfirming(true);
              markAgreed(board, ref);
              // The same answers per team (counts, never who), so the decision can be filtered by team later.
              const teams = new Map(listParticipants(board).map((p) => [p.id, p.team]));
              const byTeam = countsByTeam(consensusByTeam(answers, (id) => teams.get(id) ?? ''));
              // One change of the facilitation document, so every screen's toast
              // (facilitation-toasts.tsx) says "agreed and locked" once.
              doc.transact(() => {
                recordDecision(doc, session.item, Date.now(), Object.fromEntries(result.counts), LOCAL_ORIGIN, byTeam);
                setLock(doc, session.item, true);
                setConsensusStatus(doc, 'closed');
              }, LOCAL_ORIGIN);
              setConfirming(false);
              setOutcome(`${label ? `${label.kind} ${label.name}` : 'The item'} is agreed and locked.`);
            }}
            className="min-h-11 rounded bg-green-700 px-3 py-1 font-semibold text-white"
          >
            {confirming ? 'Mark agreed anyway' : 'Mark agreed and lock'}
          </button>
          {confirming && (
            <p role="alert" className="w-full text-sm font-medium text-amber-900">
              Nobody has answered yet. Mark it agreed anyway, or wait for answers.
            </p>
          )}
          <button type="button" onClick={() => setConsensusStatus(doc, 'closed')} className={`${TARGET} rounded border border-slate-300 px-3 py-1`}>Close without agreeing</button>
        </div>
      )}
    </section>
  );
}
