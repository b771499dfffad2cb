import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixtureWorkshop } from '../export/fixture';
import { TEMPLATE_DATA, seedWorkshop } from '../templates';
import { addTerm, addAlias } from './glossary';
import { addStep, setStepText } from './process';
import { BOARD_SHAPE, BoardRoot, FACILITATION_SHAPE, FacilitationRoot, stepDescriptionField, type StepId } from './schema';
import { validateUpdate } from './validate-update';
import { setTitle } from './workshop';

/**
 * A server document and a client's edits of it: each edit's update is validated, then applied
 * if accepted. A refused edit is dropped by the client too (it starts over from the server).
 */
function pair(start?: Uint8Array) {
  const server = new Y.Doc();
  if (start) Y.applyUpdate(server, start);
  let client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const edit = (change: (doc: Y.Doc) => void, shape = BOARD_SHAPE) => {
    const before = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const verdict = validateUpdate(server, update, shape);
    if (verdict.ok) Y.applyUpdate(server, update);
    else {
      client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    }
    return verdict;
  };
  return { server, edit };
}

describe('updates that fit the schema are accepted', () => {
  it('every template and the export fixture, as one update each', () => {
    for (const id of ['blank', ...Object.keys(TEMPLATE_DATA)]) {
      const seeded = seedWorkshop(id, 'A workshop');
      expect(validateUpdate(new Y.Doc(), seeded.board, BOARD_SHAPE), id).toEqual({ ok: true });
      expect(validateUpdate(new Y.Doc(), seeded.facilitation, FACILITATION_SHAPE), id).toEqual({ ok: true });
    }
    const { board, facilitation } = fixtureWorkshop();
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(board), BOARD_SHAPE)).toEqual({ ok: true });
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(facilitation), FACILITATION_SHAPE)).toEqual({ ok: true });
  });

  it('edits of existing content, keystroke by keystroke', () => {
    const { server, edit } = pair(seedWorkshop('b2b-sales', 'Sales').board);
    expect(edit((doc) => setTitle(doc, 'Sales process'))).toEqual({ ok: true });
    const verdict = edit((doc) => addStep(doc, { title: 'Qualify' }));
    expect(verdict).toEqual({ ok: true });
    let step = '' as StepId;
    expect(edit((doc) => (step = addStep(doc, { title: 'Qualify' })))).toEqual({ ok: true });
    for (const value of ['O', 'Ow', 'Own', 'Owner']) expect(edit((doc) => setStepText(doc, step, 'ownerRole', value))).toEqual({ ok: true });
    expect(edit((doc) => addAlias(doc, addTerm(doc, { name: 'Deal' }), { text: 'Opp', team: 'East' }))).toEqual({ ok: true });
    expect(
      edit((doc) => {
        const paragraph = doc.getXmlFragment(stepDescriptionField(step)).get(0) as Y.XmlElement;
        (paragraph.get(0) as Y.XmlText).insert(0, 'Bold', { bold: true });
      }),
    ).toEqual({ ok: true });
    expect(server.getXmlFragment(stepDescriptionField(step)).toString()).toContain('Bold');
  });

  it('a replacement at the length limit counts what it deletes', () => {
    const { edit } = pair();
    expect(edit((doc) => setTitle(doc, 'x'.repeat(200)))).toEqual({ ok: true });
    expect(edit((doc) => doc.getText(BoardRoot.title).delete(0, 200) ?? doc.getText(BoardRoot.title).insert(0, 'y'.repeat(200)))).toEqual({ ok: true });
    expect(
      edit((doc) =>
        doc.transact(() => {
          doc.getText(BoardRoot.title).delete(0, doc.getText(BoardRoot.title).length);
          doc.getText(BoardRoot.title).insert(0, 'z'.repeat(200));
        }),
      ),
    ).toEqual({ ok: true });
  });
});

describe('updates that do not fit are refused whole', () => {
  const refused = (verdict: ReturnType<typeof validateUpdate>) => (verdict.ok ? 'accepted' : verdict.kind);

  it('a wrong type under any root of the board', () => {
    for (const root of Object.values(BoardRoot)) {
      const { edit, server } = pair(seedWorkshop('b2b-sales', 'Sales').board);
      const before = Y.encodeStateVector(server);
      // A map where text is expected, a string where a map is expected, text where a map is expected.
      const verdict = edit((doc) => {
        if (root === BoardRoot.title) doc.getText(root).format(0, 1, { bold: true });
        else doc.getMap(root).set('zzz', root === BoardRoot.meta ? 'not a number' : root === BoardRoot.flags ? 7 : new Y.Array());
      });
      expect(refused(verdict), root).toBe('shape');
      expect(Y.encodeStateVector(server), root).toEqual(before);
    }
  });

  it('the metrics type confusion that broke exports', () => {
    const { edit } = pair();
    expect(refused(edit((doc) => doc.getMap('metrics').set('zzz', 'not a map')))).toBe('shape');
  });

  it('a wrong type inside a record, and an unknown field', () => {
    const { edit } = pair(seedWorkshop('b2b-sales', 'Sales').board);
    let step = '' as StepId;
    edit((doc) => (step = addStep(doc, { title: 'Qualify' })));
    expect(refused(edit((doc) => (doc.getMap(BoardRoot.steps).get(step) as Y.Map<unknown>).set('title', 'a plain string')))).toBe('shape');
    expect(refused(edit((doc) => (doc.getMap(BoardRoot.steps).get(step) as Y.Map<unknown>).set('status', 'done')))).toBe('shape');
    expect(refused(edit((doc) => (doc.getMap(BoardRoot.steps).get(step) as Y.Map<unknown>).set('evil', 1)))).toBe('shape');
    expect(refused(edit((doc) => ((doc.getMap(BoardRoot.steps).get(step) as Y.Map<unknown>).get('title') as Y.Text).insert(0, 'x', { bold: true })))).toBe('shape');
  });

  it('unknown roots and unknown rich-text nodes', () => {
    const { edit } = pair();
    expect(refused(edit((doc) => doc.getMap('evil').set('a', 1)))).toBe('shape');
    expect(refused(edit((doc) => doc.getText('step').insert(0, 'x')))).toBe('shape');
    expect(refused(edit((doc) => doc.getXmlFragment('step:abc').insert(0, [new Y.XmlElement('script')])))).toBe('shape');
    expect(refused(edit((doc) => doc.getXmlFragment('step:abc').insert(0, [new Y.XmlText('loose text')])))).toBe('accepted');
    expect(refused(edit((doc) => doc.getMap('step:def').set('a', 1)))).toBe('shape');
  });

  it('every limit: text length, rich-text length, entries per collection', () => {
    const { edit } = pair();
    expect(refused(edit((doc) => doc.getText(BoardRoot.title).insert(0, 'x'.repeat(201))))).toBe('limit');
    expect(refused(edit((doc) => doc.getXmlFragment('step:abc').insert(0, [new Y.XmlText('x'.repeat(20_001))])))).toBe('limit');
    // The accessor refuses the 201st step itself; a crafted client goes around it.
    for (let i = 0; i < 200; i++) expect(edit((doc) => addStep(doc, { title: `Step ${i}` }))).toEqual({ ok: true });
    expect(refused(edit((doc) => doc.getMap(BoardRoot.steps).set('one-too-many', new Y.Map())))).toBe('limit');
    expect(refused(edit((doc) => doc.getMap(BoardRoot.participants).set('p', 'x'.repeat(1001))))).toBe('limit');
  });

  it('the facilitation document: wrong types, enums and roots', () => {
    const { edit } = pair();
    const f = FACILITATION_SHAPE;
    expect(refused(edit((doc) => doc.getMap(FacilitationRoot.agenda).set('a', 'x'), f))).toBe('shape');
    expect(refused(edit((doc) => doc.getMap(FacilitationRoot.locks).set('step:a', 'yes'), f))).toBe('shape');
    expect(refused(edit((doc) => doc.getMap(FacilitationRoot.facilitation).set('timer', 5), f))).toBe('shape');
    expect(refused(edit((doc) => doc.getMap(BoardRoot.steps).set('a', new Y.Map()), f))).toBe('shape');
    const timer = edit((doc) => {
      const t = new Y.Map<unknown>();
      doc.getMap(FacilitationRoot.facilitation).set('timer', t);
      t.set('status', 'exploded');
    }, f);
    expect(refused(timer)).toBe('shape');
  });

  it('an update that depends on state the server does not have ("pending")', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const first = Y.encodeStateVector(client);
    setTitle(client, 'Hello');
    const missing = Y.encodeStateAsUpdate(client, first);
    const second = Y.encodeStateVector(client);
    setTitle(client, 'Hello world');
    const dependent = Y.encodeStateAsUpdate(client, second);
    expect(refused(validateUpdate(server, dependent, BOARD_SHAPE))).toBe('missing');
    expect(validateUpdate(server, missing, BOARD_SHAPE)).toEqual({ ok: true });
    // A delete of content nobody has, and a struct from a client that never existed.
    const ghost = new Y.Doc();
    ghost.getText(BoardRoot.title).insert(0, 'ab');
    const ghostUpdate = Y.encodeStateAsUpdate(ghost);
    const later = Y.encodeStateVector(ghost);
    ghost.getText(BoardRoot.title).insert(1, 'c');
    expect(refused(validateUpdate(server, Y.encodeStateAsUpdate(ghost, later), BOARD_SHAPE))).toBe('missing');
    expect(validateUpdate(server, ghostUpdate, BOARD_SHAPE)).toEqual({ ok: true });
  });

  it('garbage is refused, never thrown', () => {
    const server = new Y.Doc();
    for (const bytes of [[0], [1, 2, 3], [255, 255, 255, 255, 15], []]) {
      const verdict = validateUpdate(server, new Uint8Array(bytes), BOARD_SHAPE);
      expect(verdict.ok === true || verdict.kind !== undefined).toBe(true);
    }
  });
});
