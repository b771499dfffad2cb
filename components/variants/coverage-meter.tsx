'use client';

import { useState } from 'react';
import type * as Y from 'yjs';
import { addTerm } from '@/lib/doc/glossary';
import { BoardLimitError } from '@/lib/doc/fields';
import { MIN_STEPS, type CandidateTerm } from '@/lib/glossary/coverage';
import { useOptionalFacilitation } from '@/components/facilitation/facilitation-context';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useCoverage } from './use-coverage';

const SHOWN = 6;

const REASON: Record<CandidateTerm['reason'], string> = {
  repeated: 'steps',
  acronym: 'an acronym',
  capitalised: 'a name',
};

/**
 * How much of the process speaks the common language (steps whose glossary terms are all agreed
 * and that hold no undefined word), the words several steps use that nobody has defined — each
 * one click from being a term — and, for the facilitator, the steps to look at first.
 */
export function CoverageMeter({ board }: { board: Y.Doc }) {
  const coverage = useCoverage(board);
  const { openTerm } = useGlossary();
  const isFacilitator = useOptionalFacilitation()?.isFacilitator ?? false;
  const [showAll, setShowAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (coverage.total === 0) return null;
  const percent = Math.round(coverage.share * 100);
  const shown = showAll ? coverage.candidates : coverage.candidates.slice(0, SHOWN);
  const add = (candidate: CandidateTerm) => {
    try {
      openTerm(addTerm(board, { name: candidate.name }));
      setError(null);
    } catch (e) {
      setError(e instanceof BoardLimitError ? e.message : 'The term could not be added.');
    }
  };
  return (
    <section aria-labelledby="coverage-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h3 id="coverage-heading" className="font-semibold">
        Common language
      </h3>
      <div
        role="meter"
        aria-label="Steps that use only agreed terms"
        aria-valuemin={0}
        aria-valuemax={coverage.total}
        aria-valuenow={coverage.covered}
        aria-valuetext={`${coverage.covered} of ${coverage.total} steps (${percent} %)`}
        className="h-3 overflow-hidden rounded-full border border-slate-400 bg-slate-100"
      >
        <div className="h-full bg-green-700" style={{ width: `${percent}%` }} />
      </div>
      <p data-testid="coverage-summary">
        {coverage.covered} of {coverage.total} steps ({percent} %) use only agreed terms and no undefined words.
      </p>
      {coverage.candidates.length > 0 && (
        <div>
          <p className="font-medium text-slate-800">Not defined yet ({coverage.candidates.length})</p>
          <p className="text-xs text-slate-700">
            Words in {MIN_STEPS} or more steps, acronyms and names that match no term or alias (common words skipped).
          </p>
          <ul aria-label="Undefined words" className="mt-1 space-y-1">
            {shown.map((candidate) => (
              <li key={candidate.text} className="flex items-center gap-2">
                <span className="min-w-0 flex-1">
                  <strong>{candidate.text}</strong>{' '}
                  <span className="text-slate-700">
                    — {candidate.reason === 'repeated' ? `in ${candidate.stepIds.length} ${REASON.repeated}` : REASON[candidate.reason]}
                  </span>
                </span>
                <button type="button" onClick={() => add(candidate)} aria-label={`Add as term: ${candidate.name}`} className="min-h-6 shrink-0 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-100">
                  Add as term<span className="sr-only">: {candidate.name}</span>
                </button>
              </li>
            ))}
          </ul>
          {coverage.candidates.length > SHOWN && (
            <button type="button" onClick={() => setShowAll(!showAll)} aria-expanded={showAll} className="mt-1 min-h-6 text-blue-800 underline">
              {showAll ? 'Show fewer' : `Show all ${coverage.candidates.length}`}
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      )}
      {isFacilitator && coverage.hotspots.length > 0 && (
        <div>
          <p className="font-medium text-slate-800">Steps to look at first</p>
          <ol aria-label="Steps with the most contested or undefined words" className="mt-1 list-decimal space-y-0.5 pl-5">
            {coverage.hotspots.slice(0, 5).map((step) => (
              <li key={step.id}>
                Step {step.index + 1}: {step.title || 'Untitled step'} —{' '}
                {[
                  step.contestedTermIds.length > 0 && `${step.contestedTermIds.length} contested ${step.contestedTermIds.length === 1 ? 'term' : 'terms'}`,
                  step.undefinedWords.length > 0 && `undefined: ${step.undefinedWords.join(', ')}`,
                ]
                  .filter(Boolean)
                  .join('; ')}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
