'use client';

import { TERM_STATUSES, type TermStatus } from '@/lib/doc/schema';
import { TERM_STATUS_LABEL } from './term-status';

/** The proposed → discussing → agreed / parked workflow shared by terms and metrics. */
export function StatusSelect({ id, value, disabled, onChange }: { id: string; value: TermStatus; disabled: boolean; onChange: (status: TermStatus) => void }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Status
      </label>
      <select id={id} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as TermStatus)} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1">
        {TERM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {TERM_STATUS_LABEL[s]}
          </option>
        ))}
      </select>
    </div>
  );
}
