import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { seedFacilitation } from './facilitation';
import { getJoinPanelVersion, setShowJoin } from './sessions';

const fromUpdate = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

describe('the join panel version (what a short join code is tied to)', () => {
  it('is null while hidden and new with every showing, even when nobody saw it hidden', () => {
    const doc = fromUpdate(seedFacilitation());
    const first = getJoinPanelVersion(doc);
    expect(first).not.toBeNull();
    setShowJoin(doc, false);
    expect(getJoinPanelVersion(doc)).toBeNull();
    setShowJoin(doc, true);
    const second = getJoinPanelVersion(doc);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    // Setting it to what it already is counts as a new showing too (a new item): safe side.
    setShowJoin(doc, true);
    expect(getJoinPanelVersion(doc)).not.toBe(second);
  });

  it('is the same on every replica and survives storing (a snapshot of the document)', () => {
    const facilitator = fromUpdate(seedFacilitation());
    setShowJoin(facilitator, false);
    setShowJoin(facilitator, true);
    const server = fromUpdate(Y.encodeStateAsUpdate(facilitator));
    const restarted = fromUpdate(Y.encodeStateAsUpdate(server));
    expect(getJoinPanelVersion(server)).toBe(getJoinPanelVersion(facilitator));
    expect(getJoinPanelVersion(restarted)).toBe(getJoinPanelVersion(facilitator));
  });

  it('a document without the flag (older workshops) shows the panel with a fixed version', () => {
    expect(getJoinPanelVersion(new Y.Doc())).toBe('seed');
  });
});
