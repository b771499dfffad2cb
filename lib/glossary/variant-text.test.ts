import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { composeDefinition, diffVariantParts, diffVariants, splitClauses, type DiffSegment } from './variant-text';

const differing = (segments: readonly DiffSegment[]) => segments.filter((s) => s.differs).map((s) => s.text);
const joined = (segments: readonly DiffSegment[]) => segments.map((s) => s.text).join('');

describe('diffVariants', () => {
  it('marks the words each variant does not share with the other', () => {
    const [east, west] = diffVariants(['A lead with budget, authority, need and timing confirmed.', 'A lead with a demo booked.']);
    expect(differing(east!)).toEqual(['budget, authority, need and timing confirmed']);
    expect(differing(west!)).toEqual(['a demo booked']);
    // The shared core stays plain, whitespace included.
    expect(east!.filter((s) => !s.differs).map((s) => s.text)).toEqual(['A lead with ', '.']);
  });

  it('with three variants, a word is marked unless every other variant has it', () => {
    const [a, b, c] = diffVariants(['a demo is booked', 'a demo is held', 'a call is booked']);
    expect(differing(a!)).toEqual(['demo', 'booked']);
    expect(differing(b!)).toEqual(['demo', 'held']);
    expect(differing(c!)).toEqual(['call', 'booked']);
  });

  it('ignores case, and compares only against variants that have words', () => {
    const [a, b, empty] = diffVariants(['Budget confirmed', 'budget Confirmed', '']);
    expect(differing(a!)).toEqual([]);
    expect(differing(b!)).toEqual([]);
    expect(empty).toEqual([]);
    expect(diffVariants(['Only one'])).toEqual([[{ text: 'Only one', differs: false }]]);
    expect(diffVariants(['Alone', '   '])[0]).toEqual([{ text: 'Alone', differs: false }]);
  });

  it('keeps every character of every variant, in order (seeded random texts)', () => {
    const random = seededRandom(19);
    const words = ['lead', 'Lead', 'budget,', 'a', 'demo', '😀', 'e\u0301', ' ', '\n', 'booked.', 'need;', 'the'];
    for (let run = 0; run < 300; run++) {
      const texts = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
        Array.from({ length: Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]!).join(random() < 0.5 ? ' ' : ''),
      );
      diffVariants(texts).forEach((segments, i) => expect(joined(segments)).toBe(texts[i]));
    }
  });
});

describe('diffVariantParts', () => {
  it('compares each formula part with the same part of the other variants', () => {
    const parts = ['numerator', 'unit'] as const;
    const [finance, sales, none] = diffVariantParts(
      [
        { numerator: 'Deals won this quarter', unit: '%' },
        { numerator: 'Deals signed this quarter', unit: '%' },
        null,
      ],
      parts,
    );
    expect(differing(finance!.numerator)).toEqual(['won']);
    expect(differing(sales!.numerator)).toEqual(['signed']);
    expect(differing(finance!.unit)).toEqual([]);
    expect(joined(sales!.numerator)).toBe('Deals signed this quarter');
    // A variant without parts has nothing to mark, and does not make the others differ.
    expect(none).toEqual({ numerator: [], unit: [] });
  });
});

describe('splitClauses and composeDefinition', () => {
  it('splits at sentence ends, semicolons and line breaks, never at commas or "e.g."', () => {
    expect(splitClauses('Budget, authority, need and timing confirmed. A demo is booked; the champion agreed\nNo open blockers')).toEqual([
      'Budget, authority, need and timing confirmed.',
      'A demo is booked;',
      'the champion agreed',
      'No open blockers',
    ]);
    expect(splitClauses('A contact, e.g. a director, asked for a demo.')).toEqual(['A contact, e.g. a director, asked for a demo.']);
    expect(splitClauses('  \n ')).toEqual([]);
  });

  it('turns picked clauses into sentences', () => {
    expect(composeDefinition(['A demo is booked;', 'the champion agreed', 'Budget confirmed.'])).toBe('A demo is booked. The champion agreed. Budget confirmed.');
    expect(composeDefinition([' ', 'Is it qualified?'])).toBe('Is it qualified?');
    expect(composeDefinition([])).toBe('');
  });
});
