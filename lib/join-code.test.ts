import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, formatJoinCode, isJoinCode, joinCodeFromBytes, normalizeJoinCode } from './join-code';

describe('short join codes', () => {
  it('use 8 characters from an alphabet without look-alikes', () => {
    expect(JOIN_CODE_LENGTH).toBeGreaterThanOrEqual(6);
    expect(JOIN_CODE_LENGTH).toBeLessThanOrEqual(8);
    for (const c of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    // Every character of the alphabet is reachable and nothing else appears.
    const seen = new Set<string>();
    for (let seed = 0; seed < 400; seed++) {
      const bytes = Uint8Array.from({ length: 16 }, (_, i) => (seed * 7919 + i * 104729) % 256);
      const code = joinCodeFromBytes(bytes);
      expect(isJoinCode(code)).toBe(true);
      for (const c of code) seen.add(c);
    }
    expect([...seen].sort().join('')).toBe([...JOIN_CODE_ALPHABET].sort().join(''));
  });

  it('are read in any case, with or without the dash or spaces; anything else is not a code', () => {
    expect(formatJoinCode('K7QM3XTR')).toBe('K7QM-3XTR');
    expect(normalizeJoinCode('k7qm-3xtr')).toBe('K7QM3XTR');
    expect(normalizeJoinCode(' K7QM 3XTR ')).toBe('K7QM3XTR');
    expect(normalizeJoinCode('K7QM3XT')).toBeNull(); // too short
    expect(normalizeJoinCode('K7QM3XTRA')).toBeNull(); // too long
    expect(normalizeJoinCode('K7QM3XT0')).toBeNull(); // a zero is never part of a code
    expect(normalizeJoinCode('K7QM3XTI')).toBeNull();
    expect(normalizeJoinCode('')).toBeNull();
  });
});
