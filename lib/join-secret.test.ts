import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveParticipantSecret } from './join-secret';
import { isSecretShape } from './protocol';

describe('deriveParticipantSecret', () => {
  it('is HMAC-SHA256 of the projector secret, cut to 144 bits, base64url', () => {
    const projector = 'Zq3_x-9a0bCdEfGhIjKlMnOp';
    const expected = createHmac('sha256', projector).update('common-ground/participant').digest().subarray(0, 18).toString('base64url');
    expect(deriveParticipantSecret(projector)).toBe(expected);
    expect(isSecretShape(deriveParticipantSecret(projector))).toBe(true);
    expect(deriveParticipantSecret('other-secret-xxxxxxxxxxx')).not.toBe(expected);
  });
});
