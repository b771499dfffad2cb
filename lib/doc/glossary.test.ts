import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addAlias,
  addExample,
  addTerm,
  definitionFragment,
  deleteTerm,
  glossaryUndoScope,
  listTerms,
  mergeTerms,
  removeAlias,
  setTermStatus,
  setTermText,
  subscribeGlossary,
} from './glossary';
import { setFragmentPlainText } from './rich-text';
import { LOCAL_ORIGIN } from './schema';

function sync(...docs: Y.Doc[]) {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
}

describe('glossary accessors', () => {
  it('adds terms with aliases, examples and a definition; lists A–Z', () => {
    const doc = new Y.Doc();
    const opp = addTerm(doc, { name: 'Opportunity', definition: 'A qualified chance to sell.', aliases: [{ text: 'Deal', team: 'Team East' }] });
    addTerm(doc, { name: 'lead' });
    addExample(doc, opp, { text: 'Budget confirmed', kind: 'is' });
    addExample(doc, opp, { text: 'Just a newsletter signup', kind: 'isNot' });
    setTermStatus(doc, opp, 'discussing');
    setTermText(doc, opp, 'owner', 'Sales ops');
    const [lead, opportunity] = listTerms(doc);
    expect(lead!.name).toBe('lead');
    expect(opportunity).toMatchObject({
      name: 'Opportunity',
      owner: 'Sales ops',
      status: 'discussing',
      definition: 'A qualified chance to sell.',
      aliases: [{ text: 'Deal', team: 'Team East' }],
      examples: [
        { text: 'Budget confirmed', kind: 'is' },
        { text: 'Just a newsletter signup', kind: 'isNot' },
      ],
    });
    removeAlias(doc, opp, opportunity!.aliases[0]!.id);
    expect(listTerms(doc)[1]!.aliases).toEqual([]);
    deleteTerm(doc, opp);
    expect(listTerms(doc).map((t) => t.name)).toEqual(['lead']);
    expect(() => addTerm(doc, { name: '   ' })).toThrow(/name/);
  });

  it('notifies on term and definition changes, not on unrelated ones', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { name: 'Lead' });
    let calls = 0;
    const stop = subscribeGlossary(doc, () => calls++);
    setTermText(doc, id, 'name', 'Leads');
    setFragmentPlainText(definitionFragment(doc, id), 'Someone interested');
    doc.getText('title').insert(0, 'unrelated');
    stop();
    expect(calls).toBe(2);
  });
});

describe('merge', () => {
  it('keeps definitions, aliases and examples of both, turns the merged name into an alias, and undoes in one step', () => {
    const doc = new Y.Doc();
    const keep = addTerm(doc, { name: 'Opportunity', definition: 'Chance to sell.', aliases: [{ text: 'Deal', team: 'East' }] }, 'seed');
    const gone = addTerm(doc, { name: 'Pipeline deal', definition: 'Anything in the CRM pipeline.', aliases: [{ text: 'Deal', team: 'West' }, { text: 'Opp', team: 'West' }] }, 'seed');
    addExample(doc, gone, { text: 'Signed NDA', kind: 'is' }, 'seed');
    setTermText(doc, gone, 'owner', 'CRM team', 'seed');
    const undo = new Y.UndoManager(glossaryUndoScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    undo.addToScope(definitionFragment(doc, keep));
    mergeTerms(doc, keep, gone);
    const [merged] = listTerms(doc);
    expect(listTerms(doc)).toHaveLength(1);
    expect(merged!.definition).toBe('Chance to sell.\nAnything in the CRM pipeline.');
    expect(merged!.aliases.map((a) => `${a.team}:${a.text}`).sort()).toEqual([':Pipeline deal', 'East:Deal', 'West:Opp']);
    expect(merged!.examples.map((e) => e.text)).toEqual(['Signed NDA']);
    expect(merged!.owner).toBe('CRM team');
    undo.undo();
    expect(listTerms(doc).map((t) => [t.name, t.definition])).toEqual([
      ['Opportunity', 'Chance to sell.'],
      ['Pipeline deal', 'Anything in the CRM pipeline.'],
    ]);
  });

  it('converges when one person merges while another edits the merged term', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const keep = addTerm(a, { name: 'Customer' });
    const gone = addTerm(a, { name: 'Client' });
    sync(a, b);
    mergeTerms(a, keep, gone);
    addAlias(b, gone, { text: 'Account', team: 'North' });
    setTermStatus(b, keep, 'agreed');
    sync(a, b);
    expect(listTerms(a)).toEqual(listTerms(b));
    expect(listTerms(a).map((t) => t.name)).toEqual(['Customer']);
    expect(listTerms(a)[0]!.status).toBe('agreed');
  });

  it('converges under concurrent edits of names, aliases and statuses on three documents', () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const ids = ['Lead', 'Deal', 'Quote'].map((name) => addTerm(docs[0]!, { name }));
    sync(...docs);
    setTermText(docs[0]!, ids[0]!, 'name', 'Leads');
    setTermText(docs[1]!, ids[0]!, 'name', 'Lead (cold)');
    addAlias(docs[1]!, ids[1]!, { text: 'Opp', team: 'East' });
    addAlias(docs[2]!, ids[1]!, { text: 'Chance', team: 'West' });
    mergeTerms(docs[2]!, ids[1]!, ids[2]!);
    setTermStatus(docs[0]!, ids[2]!, 'parked');
    sync(...docs);
    sync(...docs);
    expect(listTerms(docs[1]!)).toEqual(listTerms(docs[0]!));
    expect(listTerms(docs[2]!)).toEqual(listTerms(docs[0]!));
  });
});
