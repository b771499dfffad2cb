import { describe, expect, it } from 'vitest';
import { compareCodePoints, compareNames, compareNamesStrict, compareTeams, foldName } from './compare';

describe('name order without ICU', () => {
  it('orders letters, digits and spaces as localeCompare with base sensitivity does', () => {
    const names = ['lead', 'Lead', 'Léad', 'MQL', 'mql', 'Opportunity', 'account', 'Zebra', 'ärger', 'qualified lead', 'Qualified Lead ', 'Deal 2', 'Deal 10', 'Éclair', 'eclairs'];
    for (const a of names)
      for (const b of names) expect(Math.sign(compareNames(a, b)), `${a} vs ${b}`).toBe(Math.sign(a.localeCompare(b, undefined, { sensitivity: 'base' })));
  });

  it('ignores case and accents only', () => {
    expect(foldName('Léad Qualifié')).toBe('lead qualifie');
    expect(compareNames('Lead', 'léad')).toBe(0);
    expect(compareNames('account', 'Lead')).toBeLessThan(0);
    expect(compareNames('Leads', 'Lead')).toBeGreaterThan(0);
  });

  it('is a total order when strict, as localeCompare without options: lower case first, accents after', () => {
    const names = ['léad', 'Lead', 'lead', 'LEAD', 'plan', 'Plan', 'Users', 'users', 'account'];
    const expected = [...names].sort((a, b) => a.localeCompare(b));
    expect([...names].sort(compareNamesStrict)).toEqual(expected);
    expect([...names].reverse().sort(compareNamesStrict)).toEqual(expected);
  });

  it('puts the empty team (no team given) last', () => {
    expect(['', 'sales', 'Ops', 'east'].sort(compareTeams)).toEqual(['east', 'Ops', 'sales', '']);
  });

  it('compares ids by code point', () => {
    expect(['b', 'B', 'a', '_'].sort(compareCodePoints)).toEqual(['B', '_', 'a', 'b']);
  });
});
