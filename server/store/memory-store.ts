import type { JoinCode, Store, WorkshopRecord } from './types';

/** A store that keeps everything in memory: for tests and for measuring durability's cost. */
export function createMemoryStore(): Store {
  let seq = 0;
  const logs = new Map<string, Array<{ seq: number; data: Uint8Array }>>();
  const workshops = new Map<string, WorkshopRecord>();
  const joinCodes = new Map<string, JoinCode>(); // by workshop id
  const log = (docName: string) => {
    let entries = logs.get(docName);
    if (!entries) logs.set(docName, (entries = []));
    return entries;
  };
  return {
    async load(docName) {
      const entries = logs.get(docName) ?? [];
      return { updates: entries.map((e) => e.data), lastSeq: entries.at(-1)?.seq ?? 0 };
    },
    async append(docName, update) {
      log(docName).push({ seq: ++seq, data: update.slice() });
      return seq;
    },
    async compact(docName, snapshot, throughSeq) {
      const kept = log(docName).filter((e) => e.seq > throughSeq);
      logs.set(docName, [...kept, { seq: ++seq, data: snapshot.slice() }]);
    },
    async count(docName) {
      return logs.get(docName)?.length ?? 0;
    },
    async createWorkshop(record, seeds) {
      if (workshops.has(record.id)) throw new Error(`workshop ${record.id} exists`);
      workshops.set(record.id, record);
      for (const s of seeds) log(s.docName).push({ seq: ++seq, data: s.update.slice() });
    },
    async getWorkshop(id) {
      return workshops.get(id) ?? null;
    },
    async updateSecretHashes(id, hashes) {
      const record = workshops.get(id);
      if (record) workshops.set(id, { ...record, secretHashes: { ...record.secretHashes, ...hashes } });
    },
    async setJoinCode(workshopId, code) {
      if (code) {
        for (const [id, other] of joinCodes) if (id !== workshopId && other.codeHash === code.codeHash) throw new Error('join code taken');
        joinCodes.set(workshopId, { ...code });
      } else joinCodes.delete(workshopId);
    },
    async findJoinCode(codeHash) {
      for (const [workshopId, code] of joinCodes) if (code.codeHash === codeHash) return { ...code, workshopId };
      return null;
    },
    close() {},
  };
}
