import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { joinCodeFromBytes } from '../lib/join-code';

/**
 * The server's half of short join codes (the model is in docs/security.md, "Short join codes").
 *
 * - The code is *derived*, not drawn: HMAC-SHA256(participant secret, "common-ground/join-code/"
 *   + the join panel's version). Every projector window of a workshop therefore shows the same
 *   code without coordinating; rotating the links (a new participant secret) or hiding and
 *   showing the join panel (a new panel version) gives a new code, and the old one is dead.
 * - The store keeps only a hash of the code (to find it) and the participant secret sealed with
 *   a key derived from the code (AES-256-GCM): the secret is readable only by someone who
 *   presents the code, as the server never stores a link secret in the clear.
 */
export function deriveJoinCode(participantSecret: string, panelVersion: string): string {
  return joinCodeFromBytes(createHmac('sha256', participantSecret).update(`common-ground/join-code/${panelVersion}`).digest());
}

/** What the store is searched by (hex SHA-256 of the canonical code under its own label). */
export function hashJoinCode(code: string): string {
  return createHash('sha256').update(`common-ground/join-code-lookup\0${code}`, 'utf8').digest('hex');
}

function sealingKey(code: string): Buffer {
  return createHash('sha256').update(`common-ground/join-code-seal\0${code}`, 'utf8').digest();
}

/** base64url(iv ‖ tag ‖ ciphertext). */
export function sealSecret(code: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(code), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The secret, or null when `sealed` was not sealed with this code (or was altered). */
export function unsealSecret(code: string, sealed: string): string | null {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(code), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
