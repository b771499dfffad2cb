import { describe, expect, it } from 'vitest';
import { BackupScanner } from './backup-scan';

const encode = (text: string) => new TextEncoder().encode(text);

function scan(text: string, chunkSize: number, max = Infinity) {
  const scanner = new BackupScanner(max);
  const bytes = encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) {
    if (!scanner.push(bytes.subarray(i, i + chunkSize))) return null;
  }
  return scanner.text();
}

describe('BackupScanner', () => {
  const tricky = {
    format: 'common-ground-backup',
    version: 1,
    title: 'Quotes " and \\ and content: {"x"} , ] }',
    content: { steps: [{ title: 'a "quoted" } ] , step', text: '\u0000\u001f\\"' }], note: 'Zoë 東京 🎉', content: 'nested same name' },
    documents: { board: 'AAEC', facilitation: 'AAA=' },
    after: ['content', { content: 1 }],
  };

  it.each([1, 2, 3, 7, 64, 100_000])('keeps everything but the top-level content, in chunks of %i bytes', (size) => {
    for (const text of [JSON.stringify(tricky), JSON.stringify(tricky, null, 2)]) {
      expect(JSON.parse(scan(text, size)!)).toEqual({ ...tricky, content: null });
    }
  });

  it('handles content first, last, primitive, and a backup without it', () => {
    for (const value of [{ content: 5, a: 1 }, { a: 1, content: 'text, with } and ]' }, { a: [1, 2], content: [] }, { a: 'content' }]) {
      const expected = 'content' in value ? { ...value, content: null } : value;
      expect(JSON.parse(scan(JSON.stringify(value), 3)!)).toEqual(expected);
    }
  });

  it('does not count or keep the skipped content against its limit', () => {
    const big = JSON.stringify({ format: 'x', content: { text: 'y'.repeat(100_000) }, documents: { board: 'AA==' } });
    const scanner = new BackupScanner(1000);
    expect(scanner.push(encode(big))).toBe(true);
    expect(scanner.bytesKept).toBeLessThan(100);
  });

  it('stops once the kept part passes its limit', () => {
    expect(scan(JSON.stringify({ documents: { board: 'A'.repeat(5000) } }), 100, 1000)).toBeNull();
  });

  it('leaves broken JSON broken', () => {
    for (const text of ['{"content": ', 'not json', '{"a":"content": 1}', '']) {
      const kept = scan(text, 2);
      expect(() => JSON.parse(kept!)).toThrow();
    }
  });
});
