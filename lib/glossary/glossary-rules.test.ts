import { describe, expect, it } from 'vitest';
import { duplicateGroups, findCollisions, normalizeTermName, singular, type NameOwner } from './normalize';
import { createMatcher } from './matcher';
import { formatAliases, parseAliases, parseGlossaryCsv, serializeGlossaryCsv } from './csv';

describe('normalizeTermName', () => {
  it.each([
    ['Opportunity', 'opportunity'],
    ['opportunities', 'opportunity'],
    ['  opportunity ', 'opportunity'],
    ['Qualified   Leads', 'qualified lead'],
    ['Deals', 'deal'],
    ['Process', 'process'],
    ['Processes', 'process'],
    ['Boxes', 'box'],
    ['Status', 'status'],
    ['Analysis', 'analysis'],
    ['Pipeline', 'pipeline'],
    ['Angebotsphase', 'angebotsphase'],
    ['ÄNDERUNGEN', 'änderungen'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTermName(input)).toBe(expected);
  });

  it('leaves short words alone', () => {
    expect(singular('bus')).toBe('bus');
    expect(singular('ideas')).toBe('idea');
    expect(singular('is')).toBe('is');
  });
});

describe('collisions', () => {
  const owners: NameOwner[] = [
    { termId: 't1', termName: 'Opportunity', via: 'name', text: 'Opportunity' },
    { termId: 't1', termName: 'Opportunity', via: 'alias', text: 'Deal', team: 'East' },
    { termId: 't2', termName: 'Lead', via: 'name', text: 'Lead' },
  ];
  it.each([
    ['opportunities', ['t1']],
    [' OPPORTUNITY ', ['t1']],
    ['deals', ['t1']],
    ['Leads', ['t2']],
    ['Forecast', []],
  ])('%j collides with %j', (name, ids) => {
    expect(findCollisions(name, owners).map((o) => o.termId)).toEqual(ids);
  });
  it('does not collide with the term being edited', () => {
    expect(findCollisions('Opportunities', owners, 't1')).toEqual([]);
  });
  it('finds duplicate groups across terms', () => {
    const groups = duplicateGroups([...owners, { termId: 't3', termName: 'Deals', via: 'name', text: 'Deals' }]);
    expect(groups.map((g) => g.map((o) => o.termId))).toEqual([['t1', 't3']]);
  });
});

describe('matcher', () => {
  const matcher = createMatcher([
    { termId: 'lead', text: 'Lead' },
    { termId: 'ql', text: 'Qualified lead' },
    { termId: 'sql', text: 'Sales qualified lead' },
    { termId: 'opp', text: 'Opportunity' },
    { termId: 'opp', text: 'Deal', via: 'alias', team: 'Team East' },
    { termId: 'ang', text: 'Angebotsphase' },
    { termId: 'cpp', text: 'C++' },
  ]);
  const found = (text: string) => matcher.find(text).map((m) => [m.termId, m.text]);

  it('prefers the longest match and never overlaps', () => {
    expect(found('A sales qualified lead is not a lead.')).toEqual([
      ['sql', 'sales qualified lead'],
      ['lead', 'lead'],
    ]);
    expect(found('Every qualified lead')).toEqual([['ql', 'qualified lead']]);
  });
  it('matches whole words only, case-insensitively, with plurals', () => {
    expect(found('Leadership misleads; LEADS and Opportunities and deals.')).toEqual([
      ['lead', 'LEADS'],
      ['opp', 'Opportunities'],
      ['opp', 'deals'],
    ]);
  });
  it('treats non-ASCII letters as word characters', () => {
    expect(found('Die Angebotsphase beginnt; Angebotsphasen-Ende; Vorangebotsphase')).toEqual([['ang', 'Angebotsphase']]);
    expect(found('über Deal')).toEqual([['opp', 'Deal']]);
  });
  it('handles punctuation in names and spacing in text', () => {
    expect(found('We use C++ here and a qualified\n lead there')).toEqual([
      ['cpp', 'C++'],
      ['ql', 'qualified\n lead'],
    ]);
    expect(createMatcher([]).find('anything')).toEqual([]);
  });
  it('reports positions', () => {
    const [m] = matcher.find('The deal');
    expect(m).toMatchObject({ from: 4, to: 8 });
  });
  it("says whose word a match is: the term's name, or a team's alias", () => {
    expect(matcher.find('The deal')[0]).toMatchObject({ termId: 'opp', via: 'alias', team: 'Team East' });
    expect(matcher.find('The opportunity')[0]).toMatchObject({ termId: 'opp', via: 'name', team: '' });
  });
});

describe('glossary CSV', () => {
  it('round-trips quotes, commas, newlines and aliases with teams', () => {
    const terms = [
      { name: 'Opportunity', definition: 'A "real" chance, with budget,\nauthority and need.', aliases: [{ text: 'Deal', team: 'Team East' }, { text: 'Pipeline entry', team: '' }], status: 'agreed' as const },
      { name: 'Lead, cold', definition: '', aliases: [], status: 'proposed' as const },
    ];
    const csv = serializeGlossaryCsv(terms);
    const parsed = parseGlossaryCsv(csv);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.map(({ name, definition, aliases, status }) => ({ name, definition, aliases, status }))).toEqual(terms);
    expect(parsed.rows.every((r) => r.errors.length === 0)).toBe(true);
  });

  it('reports per-row errors: missing names, duplicates, unknown status', () => {
    const parsed = parseGlossaryCsv('Name,Definition,Status\nLead,A person,proposed\n,No name,\nlead,Again,\nForecast,x,maybe\n');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.map((r) => [r.row, r.errors])).toEqual([
      [2, []],
      [3, ['The name is missing.']],
      [4, ['Same name as row 2.']],
      [5, ['Unknown status "maybe" (use proposed, discussing, agreed, parked).']],
    ]);
  });

  it('refuses a file without a name column or with broken quoting, as a whole', () => {
    expect(parseGlossaryCsv('term,meaning\nLead,x')).toMatchObject({ ok: false });
    expect(parseGlossaryCsv('name,definition\n"Lead,unclosed\nOther,x\n')).toMatchObject({ ok: false });
    expect(parseGlossaryCsv('')).toMatchObject({ ok: false });
  });

  it('parses aliases with and without teams', () => {
    expect(parseAliases('Team East: Deal; Pipeline entry;; West:Opp')).toEqual([
      { team: 'Team East', text: 'Deal' },
      { team: '', text: 'Pipeline entry' },
      { team: 'West', text: 'Opp' },
    ]);
    expect(formatAliases(parseAliases('A: b; c'))).toBe('A: b; c');
  });
});
