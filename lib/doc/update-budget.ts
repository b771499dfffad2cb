import * as decoding from 'lib0/decoding';

/**
 * Counts the clients and structs of a Yjs update (v1) without building any of them, and stops
 * as soon as a budget is passed. `Y.decodeUpdate` (and so `validateUpdate` and `applyUpdate`)
 * allocates an object per struct — and an array of whatever length a client header claims —
 * so a 16 MB update of 1,000,000 one-character items from 1,000,000 clients costs seconds of
 * CPU and hundreds of MB of heap before anything can refuse it. This reader skips over each
 * struct's bytes instead (the layout mirrors `readClientsStructRefs` in yjs), so checking the
 * budget costs one pass over the bytes and no allocation per struct.
 */
export type UpdateBudget = { maxClients: number; maxStructs: number };
export type UpdateCount =
  | { ok: true; clients: number; structs: number }
  | { ok: false; reason: string; kind: 'budget' | 'corrupt' };

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
/** Type refs whose content carries a node name (Y.XmlElement, Y.XmlHook). */
const TYPE_REFS_WITH_KEY = new Set([3, 5]);

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

function skipContent(decoder: decoding.Decoder, info: number): void {
  switch (info & BITS5) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return;
    case 2: {
      // JSON: a count, then that many strings
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) decoding.readVarString(decoder);
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return;
    case 4: // string
    case 5: // embed (JSON text)
      decoding.readVarString(decoder);
      return;
    case 6: // format: key and JSON value
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return;
    case 7: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > 6) throw new Error(`unknown type ref ${typeRef}`);
      if (TYPE_REFS_WITH_KEY.has(typeRef)) decoding.readVarString(decoder);
      return;
    }
    case 8: {
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) decoding.readAny(decoder);
      return;
    }
    case 9: // subdocument: guid and options
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new Error(`unknown content ref ${info & BITS5}`);
  }
}

/** Structs, and the ranges of the delete set, count against `maxStructs`. */
export function countUpdate(update: Uint8Array, budget: UpdateBudget): UpdateCount {
  const decoder = decoding.createDecoder(update);
  try {
    const clients = decoding.readVarUint(decoder);
    if (clients > budget.maxClients) {
      return { ok: false, kind: 'budget', reason: `it was written by ${clients} clients (at most ${budget.maxClients} are accepted)` };
    }
    let structs = 0;
    for (let c = 0; c < clients; c++) {
      const count = decoding.readVarUint(decoder);
      structs += count;
      if (structs > budget.maxStructs) {
        return { ok: false, kind: 'budget', reason: `it has more than ${budget.maxStructs} structs (items, deletions and gaps)` };
      }
      // Every struct takes at least two bytes: a header that claims more is lying.
      if (count * 2 > update.length - decoder.pos) throw new Error('struct count past the end');
      decoding.readVarUint(decoder); // client
      decoding.readVarUint(decoder); // first clock
      for (let i = 0; i < count; i++) {
        if (decoder.pos >= update.length) throw new Error('unexpected end');
        const info = decoding.readUint8(decoder);
        const ref = info & BITS5;
        if (ref === 0 || ref === 10) {
          decoding.readVarUint(decoder); // GC or Skip: a length
          continue;
        }
        if (info & BIT8) skipId(decoder); // origin
        if (info & BIT7) skipId(decoder); // right origin
        if ((info & (BIT7 | BIT8)) === 0) {
          if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder); // root name
          else skipId(decoder); // parent id
          if (info & BIT6) decoding.readVarString(decoder); // map key
        }
        skipContent(decoder, info);
      }
    }
    // The delete set: ranges per client, each decoded into an object too.
    const deleteClients = decoding.readVarUint(decoder);
    for (let c = 0; c < deleteClients; c++) {
      decoding.readVarUint(decoder); // client
      const ranges = decoding.readVarUint(decoder);
      structs += ranges;
      if (structs > budget.maxStructs) {
        return { ok: false, kind: 'budget', reason: `it has more than ${budget.maxStructs} structs (items, deletions and gaps)` };
      }
      if (ranges * 2 > update.length - decoder.pos) throw new Error('range count past the end');
      for (let r = 0; r < ranges; r++) skipId(decoder); // clock and length, two varUints like an id
    }
    return { ok: true, clients, structs };
  } catch {
    return { ok: false, kind: 'corrupt', reason: 'it cannot be read' };
  }
}
