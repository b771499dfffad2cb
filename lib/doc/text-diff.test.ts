import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, clampText, graphemes, textChange } from './text-diff';

/** A UTF-16 string with a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Graphemes chosen to share code units with each other, so that a code-unit diff would cut
 * them: emoji that differ only in the low surrogate, skin tones, ZWJ sequences that extend one
 * another, flags (regional-indicator pairs), combining marks, Hangul jamo, CRLF.
 */
const TRICKY = [
  '😀', '😁', '😂', '👍', '👍🏽', '👍🏿', '👩', '👩‍💻', '👩‍👩‍👧', '👩‍👩‍👧‍👦', '👨‍👩‍👧',
  '🇩🇪', '🇫🇷', '🇩🇰', '🇺🇸', '🏳️‍🌈', '❤️', '❤', 'é', 'é', 'ë', 'a\u0308\u0301', 'n\u0303',
  '각', '\u1100\u1161\u11A8', '\r\n', '𝒜', '中', '文',
] as const;

const grapheme = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'o', 'k', ' ', '.', '\u0301') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = fc.array(grapheme, { maxLength: 12 }).map((parts) => parts.join(''));

/** An edit of `base` at whole graphemes: some graphemes replaced by others. */
const editOf = (base: string) =>
  fc
    .record({ from: fc.nat(), length: fc.nat({ max: 4 }), insert: text })
    .map(({ from, length, insert }) => {
      const parts = graphemes(base);
      const at = from % (parts.length + 1);
      parts.splice(at, length, insert);
      return parts.join('');
    });

function textDoc(content: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, content);
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('applyTextChange keeps emoji and graphemes whole', () => {
  it('changes "ok 😀" to "ok 😁" locally and for everyone else', () => {
    const local = textDoc('ok 😀');
    const remote = new Y.Doc();
    sync(local, remote);
    const shared = local.getText('t');
    applyTextChange(shared, 'ok 😀', 'ok 😁');
    sync(local, remote);
    expect(shared.toString()).toBe('ok 😁');
    expect(remote.getText('t').toString()).toBe('ok 😁');
    // The whole emoji is replaced, not its low surrogate.
    expect(textChange('ok 😀', 'ok 😁')).toEqual({ start: 3, deleteEnd: 5, insertEnd: 5 });
  });

  it.each([
    ['a flag next to another', '🇩🇪', '🇩🇪🇫🇷'],
    ['a flag becomes another sharing its first letter', 'x🇩🇪', 'x🇩🇰'],
    ['a ZWJ family grows', '👩‍👩‍👧', '👩‍👩‍👧‍👦'],
    ['a skin tone is added', '👍', '👍🏽'],
    ['an accent is added', 'cafe', 'cafe\u0301'],
  ])('%s: the change covers the whole grapheme', (_, before, after) => {
    const { start } = textChange(before, after);
    // The change starts at a grapheme boundary of both strings.
    const boundaries = (s: string) => graphemes(s).reduce<number[]>((acc, g) => [...acc, acc.at(-1)! + g.length], [0]);
    expect(boundaries(before)).toContain(start);
    expect(boundaries(after)).toContain(start);
  });

  it('applied to a Y.Text holding `before`, gives `after` (random Unicode)', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const doc = textDoc(before);
        applyTextChange(doc.getText('t'), before, after);
        expect(doc.getText('t').toString()).toBe(after);
      }),
      { numRuns: 1000 },
    );
  });

  it('a concurrent grapheme-aligned edit on another document never leaves a lone surrogate', () => {
    const scenario = text.chain((base) => fc.tuple(fc.constant(base), editOf(base), editOf(base), fc.boolean()));
    fc.assert(
      fc.property(scenario, ([base, mine, theirs, useDiffForTheirs]) => {
        const a = textDoc(base);
        const b = new Y.Doc();
        sync(a, b);
        applyTextChange(a.getText('t'), base, mine);
        if (useDiffForTheirs) applyTextChange(b.getText('t'), base, theirs);
        else {
          // The other person's edit as a raw grapheme-aligned replacement (not through the diff).
          const { start, deleteEnd, insertEnd } = textChange(base, theirs);
          const other = b.getText('t');
          other.delete(start, deleteEnd - start);
          other.insert(start, theirs.slice(start, insertEnd));
        }
        expect(a.getText('t').toString()).toBe(mine);
        expect(b.getText('t').toString()).toBe(theirs);
        sync(a, b);
        const merged = a.getText('t').toString();
        expect(b.getText('t').toString()).toBe(merged);
        expect(merged).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('clampText', () => {
  it('cuts at the last whole grapheme within the limit', () => {
    expect(clampText('ab😀', 3)).toBe('ab');
    expect(clampText('ab😀', 4)).toBe('ab😀');
    expect(clampText('a👩‍💻', 4)).toBe('a');
    expect(clampText('abc', 2)).toBe('ab');
  });

  it('never leaves a lone surrogate and never exceeds the limit (random Unicode)', () => {
    fc.assert(
      fc.property(text, fc.nat({ max: 40 }), (value, max) => {
        const clamped = clampText(value, max);
        expect(clamped.length).toBeLessThanOrEqual(max);
        expect(value.startsWith(clamped)).toBe(true);
        expect(clamped).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('without Intl.Segmenter', () => {
  it('falls back to code points: never splits a surrogate pair', async () => {
    // text-diff.ts uses nothing of Intl but the Segmenter.
    vi.stubGlobal('Intl', {});
    vi.resetModules();
    try {
      const fallback = await import('./text-diff');
      expect(fallback.graphemes('a👍🏽')).toEqual(['a', '👍', '🏽']);
      expect(fallback.textChange('ok 😀', 'ok 😁')).toEqual({ start: 3, deleteEnd: 5, insertEnd: 5 });
      expect(fallback.clampText('ab😀', 3)).toBe('ab');
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
