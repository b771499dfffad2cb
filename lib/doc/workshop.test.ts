import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyTextChange } from './text-diff';
import { clampTitle, getSchemaVersion, getTitle, seedBoard, setTitle, subscribeTitle } from './workshop';
import { SCHEMA_VERSION } from './schema';

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('title accessors', () => {
  it('seeds a board with the title and schema version', () => {
    const doc = docFrom(seedBoard('Sales process'));
    expect(getTitle(doc)).toBe('Sales process');
    expect(getSchemaVersion(doc)).toBe(SCHEMA_VERSION);
  });

  it('clamps titles to 200 characters and removes line breaks', () => {
    expect(clampTitle('a\nb')).toBe('a b');
    expect(clampTitle('x'.repeat(250))).toHaveLength(200);
    const doc = new Y.Doc();
    expect(setTitle(doc, 'y'.repeat(300))).toHaveLength(200);
    expect(getTitle(doc)).toHaveLength(200);
  });

  it('notifies subscribers and stops after unsubscribe', () => {
    const doc = new Y.Doc();
    const seen: string[] = [];
    const stop = subscribeTitle(doc, (t) => seen.push(t));
    setTitle(doc, 'One');
    stop();
    setTitle(doc, 'Two');
    expect(seen).toEqual(['One']);
  });

  it('merges two people editing the title at once, nobody’s characters lost', () => {
    const a = docFrom(seedBoard('Sales process'));
    const b = docFrom(Y.encodeStateAsUpdate(a));
    setTitle(a, 'B2B Sales process');
    setTitle(b, 'Sales process v2');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getTitle(a)).toBe('B2B Sales process v2');
    expect(getTitle(b)).toBe(getTitle(a));
  });
});

describe('applyTextChange', () => {
  it.each([
    ['', 'abc'],
    ['abc', ''],
    ['abc', 'abXc'],
    ['aaaa', 'aa'],
    ['hello world', 'hello brave new world'],
    ['same', 'same'],
    ['abcabc', 'abc'],
  ])('%j → %j', (before, after) => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    let ops = 0;
    text.observe(() => ops++);
    applyTextChange(text, before, after);
    expect(text.toString()).toBe(after);
    expect(ops).toBeLessThanOrEqual(before === after ? 0 : 2);
  });
});
