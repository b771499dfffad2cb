import { getHeapStatistics } from 'node:v8';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * What a document may cost in memory once loaded. A Y.Doc keeps one object per struct (a run
 * of characters or a map value) and per-client bookkeeping, so a small stored update can
 * still be expensive: 1,000,000 one-character items from 1,000,000 clients take 16 MB on disk
 * and about 0.45 GB of heap. The stored updates are therefore counted (cheaply, without
 * building anything) before a Y.Doc is made from them.
 */
export type LoadBudget = {
  /** Distinct Yjs client ids; an honest workshop has one per browser session. */
  maxClients: number;
  /** Structs, summed over the stored rows (an upper bound: adjacent runs merge on load). */
  maxStructs: number;
};

/** Heap one struct takes in a loaded Y.Doc, measured on Node 20 (about 450 B; rounded up). */
export const HEAP_BYTES_PER_STRUCT = 500;
/** Loading never takes the heap past this share of V8's heap limit. */
const HEAP_SHARE = 0.85;

export class DocumentOverBudget extends Error {}

export type DocumentCount = { clients: number; structs: number };

/**
 * Counts the clients and structs of stored (v1) updates without building a document. Throws
 * `DocumentOverBudget` as soon as a limit is passed (so a huge document costs little to refuse)
 * and when the heap the document would take does not fit into what is left of the process's.
 * A malformed update throws another error.
 */
export function checkLoadBudget(updates: readonly Uint8Array[], budget: LoadBudget): DocumentCount {
  const clients = new Set<number>();
  let structs = 0;
  for (const update of updates) {
    const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
    const blocks = decoding.readVarUint(decoder.restDecoder);
    // Checked before anything else is read: a million clients are refused on the first bytes.
    if (blocks > budget.maxClients) throw new DocumentOverBudget(`the document has more than ${budget.maxClients} clients`);
    for (let b = 0; b < blocks; b++) {
      const count = decoding.readVarUint(decoder.restDecoder);
      clients.add(decoder.readClient());
      if (clients.size > budget.maxClients) throw new DocumentOverBudget(`the document has more than ${budget.maxClients} clients`);
      structs += count;
      if (structs > budget.maxStructs) throw new DocumentOverBudget(`the document has more than ${budget.maxStructs} items`);
      decoding.readVarUint(decoder.restDecoder); // first clock
      for (let i = 0; i < count; i++) skipStruct(decoder);
    }
  }
  const heap = getHeapStatistics();
  const needed = structs * HEAP_BYTES_PER_STRUCT;
  if (heap.used_heap_size + needed > heap.heap_size_limit * HEAP_SHARE) {
    throw new DocumentOverBudget(`the server has not enough memory left to open this document (${structs} items)`);
  }
  return { clients: clients.size, structs };
}

/** Reads past one struct of a v1 update (the layout of Yjs's readClientsStructRefs). */
function skipStruct(decoder: Y.UpdateDecoderV1): void {
  const info = decoder.readInfo();
  const ref = info & 0b11111;
  if (ref === 0) return void decoder.readLen(); // GC
  if (ref === 10) return void decoding.readVarUint(decoder.restDecoder); // Skip
  const hasOrigin = (info & 0b10000000) !== 0;
  const hasRightOrigin = (info & 0b01000000) !== 0;
  if (hasOrigin) decoder.readLeftID();
  if (hasRightOrigin) decoder.readRightID();
  if (!hasOrigin && !hasRightOrigin) {
    if (decoder.readParentInfo()) decoder.readString();
    else decoder.readLeftID();
    if ((info & 0b00100000) !== 0) decoder.readString();
  }
  switch (ref) {
    case 1: // deleted
      decoder.readLen();
      return;
    case 2: {
      // JSON
      const n = decoder.readLen();
      for (let i = 0; i < n; i++) decoder.readString();
      return;
    }
    case 3: // binary
      decoder.readBuf();
      return;
    case 4: // string
      decoder.readString();
      return;
    case 5: // embed
      decoder.readJSON();
      return;
    case 6: // format
      decoder.readKey();
      decoder.readJSON();
      return;
    case 7: {
      // type; XmlElement (3) and XmlHook (5) carry a name
      const typeRef = decoder.readTypeRef();
      if (typeRef === 3 || typeRef === 5) decoder.readKey();
      return;
    }
    case 8: {
      // any
      const n = decoder.readLen();
      for (let i = 0; i < n; i++) decoder.readAny();
      return;
    }
    case 9: // subdocument
      decoder.readString();
      decoder.readAny();
      return;
    default:
      throw new Error(`unknown struct content ${ref}`);
  }
}

/**
 * Drops structs and deletions that Yjs keeps "pending" because they depend on updates the
 * document does not have. They are invisible to readers but would be sent to every joiner and
 * written into every snapshot; the server never keeps them. True when something was dropped.
 */
export function dropPending(doc: Y.Doc): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}

export function hasPending(doc: Y.Doc): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return store.pendingStructs !== null || store.pendingDs !== null;
}
