import { describe, expect, it } from 'vitest';
import { compareEnglishNames, compareNames } from './compare';

const names = ['lead', 'Lead', 'Léad', 'MQL', 'mql', 'Opportunity', 'account', 'Zebra', 'ärger', 'qualified lead', 'Qualified Lead '];

describe('compareNames', () => {
  it('orders exactly as localeCompare with base sensitivity', () => {
    for (const a of names) for (const b of names) {
      expect(Math.sign(compareNames(a, b))).toBe(Math.sign(a.localeCompare(b, undefined, { sensitivity: 'base' })));
      expect(Math.sign(compareEnglishNames(a, b))).toBe(Math.sign(a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
  });

  it('ignores case and accents, not letters', () => {
    expect(compareNames('Lead', 'léad')).toBe(0);
    expect(compareNames('account', 'Lead')).toBeLessThan(0);
    expect([...names].sort(compareNames).slice(0, 2)).toEqual(['account', 'ärger']);
  });
});
