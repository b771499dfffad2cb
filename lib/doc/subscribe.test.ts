import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { subscribeRoots } from './subscribe';

describe('subscribeRoots', () => {
  function setup() {
    const doc = new Y.Doc();
    const calls: number[] = [];
    const stop = subscribeRoots(doc, { maps: ['terms'], fragmentPrefixes: ['term:'] }, () => calls.push(calls.length));
    return { doc, calls, stop };
  }

  it('fires once per transaction for a change anywhere inside a selected map', () => {
    const { doc, calls } = setup();
    const record = new Y.Map<unknown>();
    doc.getMap('terms').set('t1', record);
    expect(calls).toHaveLength(1);
    doc.transact(() => {
      const aliases = new Y.Map<unknown>();
      record.set('aliases', aliases);
      aliases.set('a1', 'Deal');
      record.set('name', new Y.Text('Opportunity'));
    });
    expect(calls).toHaveLength(2);
    (record.get('name') as Y.Text).insert(0, 'An ');
    expect(calls).toHaveLength(3);
  });

  it('fires for root fragments with a selected prefix, and not for other roots', () => {
    const { doc, calls } = setup();
    const paragraph = new Y.XmlElement('paragraph');
    doc.getXmlFragment('term:t1').insert(0, [paragraph]);
    expect(calls).toHaveLength(1);
    paragraph.insert(0, [new Y.XmlText('A chance to sell')]);
    expect(calls).toHaveLength(2);
    doc.getXmlFragment('metric:m1').insert(0, [new Y.XmlElement('paragraph')]);
    doc.getXmlFragment('terms-of-use').insert(0, [new Y.XmlElement('paragraph')]);
    doc.getMap('metrics').set('m1', new Y.Map());
    doc.getText('title').insert(0, 'Workshop');
    expect(calls).toHaveLength(2);
  });

  it('fires for remote updates, including a fragment no one has asked for yet, and stops when unsubscribed', () => {
    const { doc, calls, stop } = setup();
    const remote = new Y.Doc();
    remote.getXmlFragment('term:t2').insert(0, [new Y.XmlElement('paragraph')]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(calls).toHaveLength(1);
    remote.getMap('terms').set('t2', new Y.Map());
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(calls).toHaveLength(2);
    stop();
    doc.getMap('terms').delete('t2');
    expect(calls).toHaveLength(2);
  });

  it('a remote root fragment that another listener turns into a typed root in the same transaction still counts, and never throws', () => {
    // A remote update creates the root `term:t1` as a plain type; a listener that runs first
    // (a reader of the definition) asks for it as an XmlFragment, and Yjs swaps the root for a
    // typed one: the changed type this transaction names is no longer in the document's share.
    // This threw "Unexpected case" and stopped every later listener: participants already in a
    // workshop never saw a metric someone else added until they reloaded.
    const remote = new Y.Doc();
    remote.transact(() => {
      remote.getMap('terms').set('t1', new Y.Map());
      const paragraph = new Y.XmlElement('paragraph');
      remote.getXmlFragment('term:t1').insert(0, [paragraph]);
      paragraph.insert(0, [new Y.XmlText('A chance to sell')]);
    });
    const doc = new Y.Doc();
    doc.on('afterTransaction', () => {
      for (const name of [...doc.share.keys()]) if (name.startsWith('term:')) doc.getXmlFragment(name);
    });
    const calls: number[] = [];
    subscribeRoots(doc, { fragmentPrefixes: ['term:'] }, () => calls.push(calls.length));
    let later = 0;
    doc.on('afterTransaction', () => later++);
    expect(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote))).not.toThrow();
    expect(calls).toHaveLength(1);
    expect(later).toBeGreaterThan(0);
    expect(doc.getXmlFragment('term:t1').toString()).toContain('A chance to sell');
  });
});
