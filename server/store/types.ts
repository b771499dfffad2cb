import type { Role } from '../../lib/protocol';

/**
 * Persistence behind two small interfaces so that a PostgreSQL store can replace SQLite
 * later. Methods are async for that reason even though SQLite answers synchronously.
 */
export interface DocStore {
  /** Every stored update of a document, oldest first, and the sequence number of the last. */
  load(docName: string): Promise<{ updates: Uint8Array[]; lastSeq: number }>;
  /** Stores one update durably before resolving; returns its sequence number. */
  append(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Stores several updates of one document in one transaction (all or none) before resolving;
   * returns the sequence number of the last. Optional: without it they are appended one by one.
   */
  appendMany?(docName: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Replaces every stored update up to and including `throughSeq` with one snapshot, in one
   * transaction: a crash leaves either the old log or the snapshot, never both or neither.
   */
  compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** How many rows a document's log has (for deciding when to compact). */
  count(docName: string): Promise<number>;
}

export type WorkshopRecord = {
  id: string;
  createdAt: number;
  template: string;
  /** SHA-256 of each role's link secret; the secrets themselves are never stored. */
  secretHashes: Record<Role, string>;
};

export interface WorkshopStore {
  /** Creates the workshop and stores its seeded documents in the same transaction. */
  createWorkshop(record: WorkshopRecord, seeds: ReadonlyArray<{ docName: string; update: Uint8Array }>): Promise<void>;
  getWorkshop(id: string): Promise<WorkshopRecord | null>;
  /** Replaces the stored hashes of some roles' secrets (link rotation). */
  updateSecretHashes(id: string, hashes: Partial<Record<Role, string>>): Promise<void>;
  // ---- short join codes (issue 14); see server/join-code.ts and docs/security.md ----
  /**
   * Replaces the workshop's join code (at most one per workshop); `null` removes it. Rejects
   * when another workshop holds a code with the same hash (the caller answers 503).
   */
  setJoinCode(workshopId: string, code: JoinCode | null): Promise<void>;
  /** The join code with this hash, or null. */
  findJoinCode(codeHash: string): Promise<(JoinCode & { workshopId: string }) | null>;
}

/** A short join code as stored: never the code itself, and the participant secret only sealed with it. */
export type JoinCode = {
  /** hashJoinCode(code): what `/api/join` looks the code up by. */
  codeHash: string;
  /** The participant secret, sealed with a key derived from the code (sealSecret). */
  sealedSecret: string;
  /** The join panel's version when the code was made; a code from another version is dead. */
  panelVersion: string;
  createdAt: number;
};

export interface Store extends DocStore, WorkshopStore {
  close(): void;
}
