import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countUpdate } from './update-budget';

const UNLIMITED = { maxClients: Number.MAX_SAFE_INTEGER, maxStructs: Number.MAX_SAFE_INTEGER };

/** What Yjs itself decodes: structs plus delete-set ranges. */
function yjsCount(update: Uint8Array) {
  const { structs, ds } = Y.decodeUpdate(update) as unknown as { structs: unknown[]; ds: { clients: Map<number, unknown[]> } };
  let ranges = 0;
  for (const list of ds.clients.values()) ranges += list.length;
  return { clients: new Set((structs as Array<{ id: { client: number } }>).map((s) => s.id.client)).size, structs: structs.length + ranges };
}

/** A document with every kind of content Yjs can encode, written by several clients, with deletions. */
function richDoc(): Uint8Array {
  const docs = [1, 2, 3].map((client) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    return doc;
  });
  const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
  a.getText('title').insert(0, 'Hello world');
  a.getText('title').format(0, 5, { bold: true });
  a.getText('title').insertEmbed(3, { image: 'x' });
  a.getMap('meta').set('n', 1);
  a.getMap('meta').set('bin', new Uint8Array([1, 2, 3]));
  a.getMap('meta').set('obj', { a: [1, 'two', null, true] });
  a.getMap('meta').set('sub', new Y.Doc());
  a.getArray('arr').insert(0, [1, 2, 3, 'x']);
  const fragment = a.getXmlFragment('step:1');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('text')]);
  fragment.insert(0, [paragraph, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getText('title').delete(2, 4);
  b.getMap('steps').set('s1', new Y.Map());
  b.getArray('arr').delete(1, 2);
  Y.applyUpdate(c, Y.encodeStateAsUpdate(b));
  c.getMap('meta').delete('n');
  for (let i = 0; i < 50; i++) c.getText('title').insert(i % 7, String(i));
  return Y.encodeStateAsUpdate(c);
}

describe('countUpdate', () => {
  it('counts clients, structs and delete ranges as Yjs decodes them, for every content type', () => {
    const update = richDoc();
    expect(countUpdate(update, UNLIMITED)).toEqual({ ok: true, ...yjsCount(update) });
    const merged = Y.mergeUpdates([update, Y.encodeStateAsUpdate(new Y.Doc())]);
    expect(countUpdate(merged, UNLIMITED)).toEqual({ ok: true, ...yjsCount(merged) });
  });

  it('refuses past a budget', () => {
    const update = richDoc();
    const { structs } = yjsCount(update);
    expect(countUpdate(update, { maxClients: 2, maxStructs: 1e9 })).toMatchObject({ ok: false, kind: 'budget' });
    expect(countUpdate(update, { maxClients: 3, maxStructs: structs - 1 })).toMatchObject({ ok: false, kind: 'budget' });
    expect(countUpdate(update, { maxClients: 3, maxStructs: structs })).toMatchObject({ ok: true });
  });

  it('refuses a client header claiming more structs than the bytes hold, without allocating them', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 2 ** 31); // structs
    encoding.writeVarUint(encoder, 7);
    encoding.writeVarUint(encoder, 0);
    expect(countUpdate(encoding.toUint8Array(encoder), UNLIMITED)).toMatchObject({ ok: false, kind: 'corrupt' });
  });

  it('refuses every truncation of a valid update as corrupt, never throws', () => {
    const update = richDoc();
    for (let end = 0; end < update.length; end++) {
      const verdict = countUpdate(update.subarray(0, end), UNLIMITED);
      expect(verdict.ok, `cut at ${end}`).toBe(false);
    }
  });
});
