import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../lib/protocol';
import { isSecretShape } from '../lib/protocol';
import type { WorkshopRecord } from './store/types';

/** 18 random bytes → 24 base64url characters = 144 bits. */
export function newSecret(): string {
  return randomBytes(18).toString('base64url');
}

/** 9 random bytes → 12 base64url characters. Ids are names, not secrets. */
export function newWorkshopId(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Secrets have 144 bits of entropy, so one fast hash suffices (no salt or stretching needed:
 * there is nothing to brute-force); only the hash is stored.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export type AccessResult = 'ok' | 'missing' | 'invalid';

/** Checks a presented secret against the stored hash for the role, in constant time. */
export function checkAccess(workshop: WorkshopRecord, role: Role, secret: string | null | undefined): AccessResult {
  if (!secret) return 'missing';
  if (!isSecretShape(secret)) return 'invalid';
  const expected = Buffer.from(workshop.secretHashes[role], 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? 'ok' : 'invalid';
}
