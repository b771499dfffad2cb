import type * as Y from 'yjs';

/**
 * Whether a transaction added or deleted anything: the test Yjs applies before it emits an
 * 'update' (an empty transaction, or one that only touched what was already there, has none).
 */
export function changedContent(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}
