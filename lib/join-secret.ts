import { digest } from 'lib0/hash/sha256';

/**
 * The participant secret is derived from the projector secret:
 *   participant = base64url(HMAC-SHA256(projectorSecret, "common-ground/participant")[0..18))
 * so the projector, which shows a QR code for joining, can build the participant link without
 * the server storing any secret (it keeps only hashes). Knowing the participant link reveals
 * nothing about the projector or facilitator links (HMAC is one-way).
 *
 * Pure JavaScript SHA-256 (lib0), because WebCrypto's `subtle` is missing on plain-http LAN
 * addresses, which is how a self-hosted workshop is often reached.
 */
const LABEL = 'common-ground/participant';
const BLOCK = 64;

function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k = key.length > BLOCK ? digest(key) : key;
  const inner = new Uint8Array(BLOCK + message.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const byte = k[i] ?? 0;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  inner.set(message, BLOCK);
  outer.set(digest(inner), BLOCK);
  return digest(outer);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function deriveParticipantSecret(projectorSecret: string): string {
  const encoder = new TextEncoder();
  return base64url(hmacSha256(encoder.encode(projectorSecret), encoder.encode(LABEL)).slice(0, 18));
}
