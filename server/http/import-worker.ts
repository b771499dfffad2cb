/**
 * Runs in a worker thread (see import-runner.ts): decodes and checks a backup off the event
 * loop, so one import — however large or crafted — never stalls the sync server, and a heap
 * blow-up ends this worker rather than the process.
 */
import { parentPort } from 'node:worker_threads';
import { parseBackup, type BackupBudget } from '../../lib/export/backup';
import { joinText } from '../../lib/export/backup-scan';

export type ImportJob = { parts: Uint8Array[]; budget: BackupBudget };
export type ImportOutcome =
  | { ok: true; title: string; board: Uint8Array; facilitation: Uint8Array }
  | { ok: false; status: 400 | 413; error: string };

parentPort?.on('message', (job: ImportJob) => {
  let input: unknown;
  try {
    input = JSON.parse(joinText(job.parts));
  } catch {
    const outcome: ImportOutcome = { ok: false, status: 400, error: 'This is not a Common Ground backup (not valid JSON).' };
    return parentPort!.postMessage(outcome);
  }
  const parsed = parseBackup(input, job.budget);
  if (!parsed.ok) return parentPort!.postMessage({ ok: false, status: parsed.status, error: parsed.error } satisfies ImportOutcome);
  const outcome: ImportOutcome = parsed;
  parentPort!.postMessage(outcome, [parsed.board.buffer as ArrayBuffer, parsed.facilitation.buffer as ArrayBuffer]);
});
