import { Worker } from 'node:worker_threads';
import type { BackupBudget } from '../../lib/export/backup';
import type { ImportJob, ImportOutcome } from './import-worker';

/**
 * Checks backups in a worker thread, one at a time (the machine has few cores, and a check
 * holds up to two documents' worth of memory). The worker has its own heap limit: a document
 * that would take more ends the worker with an out-of-memory error — answered 413 — instead
 * of the process and every workshop in it. The worker starts with the first import (starting
 * it costs about a second: the TypeScript loader) and is kept for the next; a worker that
 * failed is replaced.
 */
export type ImportRunner = {
  /** Null when a check is already running: answer 503 and let the client retry. */
  run(parts: Uint8Array[]): Promise<ImportOutcome> | null;
  close(): Promise<void>;
};

const ENTRY = new URL('./import-worker-entry.mjs', import.meta.url);
/** A check that takes longer than this is stopped (nothing within the budgets takes near this long). */
const TIMEOUT_MS = 120_000;

export function createImportRunner(budget: BackupBudget): ImportRunner {
  let worker: Worker | null = null;
  let busy = false;
  // Decoding and validating keeps a few objects per struct; a Y.Doc of a million items was
  // measured at ~0.45 GB of heap (issue 20). 16× the document budget, at least 512 MB.
  const maxOldGenerationSizeMb = Math.max(512, Math.ceil((budget.maxDocumentBytes / (1024 * 1024)) * 16));
  const stop = () => {
    const w = worker;
    worker = null;
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  };
  return {
    run(parts) {
      if (busy) return null;
      busy = true;
      if (!worker) {
        worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb } });
        worker.unref(); // an idle import worker never keeps the process alive
      }
      const current = worker;
      return new Promise<ImportOutcome>((resolve) => {
        const finish = (outcome: ImportOutcome, failed: boolean) => {
          current.off('message', onMessage).off('error', onError).off('exit', onExit);
          clearTimeout(timer);
          busy = false;
          if (failed && worker === current) void stop();
          resolve(outcome);
        };
        const onMessage = (outcome: ImportOutcome) => finish(outcome, false);
        const onError = (error: Error & { code?: string }) =>
          finish(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? { ok: false, status: 413, error: 'The backup is too large to import within this server’s memory budget.' }
              : { ok: false, status: 400, error: 'The backup could not be read.' },
            true,
          );
        const onExit = () => finish({ ok: false, status: 400, error: 'The backup could not be read.' }, true);
        const timer = setTimeout(() => finish({ ok: false, status: 413, error: 'The backup is too large to import: checking it took too long.' }, true), TIMEOUT_MS);
        current.on('message', onMessage).on('error', onError).on('exit', onExit);
        const job: ImportJob = { parts, budget };
        current.postMessage(job, parts.map((p) => p.buffer as ArrayBuffer));
      });
    },
    close: stop,
  };
}
