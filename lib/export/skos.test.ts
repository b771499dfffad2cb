import { DataFactory, Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { addAlias, addExample, addTerm } from '../doc/glossary';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';
import { CG, SKOS, SKOSXL, glossaryToSkos } from './skos';

const DATE = new Date('2026-11-26T10:00:00Z');
const { namedNode, literal } = DataFactory;

/** One prefLabel per language (at most one without a tag: `maxCount 1` covers untagged labels, which `uniqueLang` ignores), and no label both preferred and alternative. */
const SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <${SKOS}> .
@prefix skosxl: <${SKOSXL}> .
@prefix cg: <${CG}> .
@prefix ex: <urn:x-test:> .
ex:ConceptShape a sh:NodeShape ;
  sh:targetClass skos:Concept ;
  sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ; sh:maxCount 1 ; sh:uniqueLang true ; sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] ;
  sh:property [ sh:path skos:prefLabel ; sh:disjoint skos:altLabel ] ;
  sh:property [ sh:path skos:inScheme ; sh:minCount 1 ] ;
  sh:property [ sh:path cg:status ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( "proposed" "discussing" "agreed" "parked" ) ] .
ex:LabelShape a sh:NodeShape ;
  sh:targetClass skosxl:Label ;
  sh:property [ sh:path skosxl:literalForm ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path cg:team ; sh:minCount 1 ; sh:maxCount 1 ] .
`;

const store = (turtle: string) => new Store(new Parser().parse(turtle));
const validator = new SHACLValidator(store(SHAPES));

describe('glossary.ttl (SKOS)', () => {
  it('n3 parses it; the SHACL shapes hold; terms, aliases, examples, status and team labels are there', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const h = buildHandbook(board, facilitation, DATE);
    const data = store(await glossaryToSkos(h));
    const report = await validator.validate(data);
    expect(report.results.map((r) => `${r.focusNode?.value} ${r.message.map((m) => m.value).join(' ')}`)).toEqual([]);
    expect(report.conforms).toBe(true);

    const concepts = data.getSubjects(namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${SKOS}Concept`), null);
    expect(concepts.map((c) => data.getObjects(c, namedNode(`${SKOS}prefLabel`), null)[0]!.value).sort()).toEqual(h.terms.map((t) => t.name).sort());
    const [lead] = data.getSubjects(namedNode(`${SKOS}prefLabel`), literal('Lead'), null);
    expect(data.getObjects(lead!, namedNode(`${SKOS}altLabel`), null).map((o) => o.value)).toEqual(['Prospect']);
    expect(data.getObjects(lead!, namedNode(`${SKOS}definition`), null).map((o) => o.value)).toEqual(['Someone interested.']);
    const [opportunity] = data.getSubjects(namedNode(`${SKOS}prefLabel`), literal('Opportunity'), null);
    expect(data.getObjects(opportunity!, namedNode(`${CG}status`), null).map((o) => o.value)).toEqual(['agreed']);
    expect(data.getObjects(opportunity!, namedNode(`${SKOS}example`), null).map((o) => o.value)).toEqual(['Budget confirmed, demo booked']);
    const labels = data.getObjects(opportunity!, namedNode(`${SKOSXL}altLabel`), null);
    const teamWords = labels.map((l) => `${data.getObjects(l, namedNode(`${CG}team`), null)[0]!.value}: ${data.getObjects(l, namedNode(`${SKOSXL}literalForm`), null)[0]!.value}`);
    expect(teamWords.sort()).toEqual(['East: Deal', 'West: Opp']);
  });

  it('negative examples become scope notes; quotes, newlines and "<>" in text survive; an alias equal to the name is left out', async () => {
    const { board, facilitation } = fixtureWorkshop();
    const id = addTerm(board, { name: 'Quote "this" <now>', definition: 'Line one\nline two """' });
    addExample(board, id, { text: 'Not a draft', kind: 'isNot' });
    addAlias(board, id, { text: 'Quote "this" <now>', team: '' });
    const data = store(await glossaryToSkos(buildHandbook(board, facilitation, DATE)));
    expect((await validator.validate(data)).conforms).toBe(true);
    const [term] = data.getSubjects(namedNode(`${SKOS}prefLabel`), literal('Quote "this" <now>'), null);
    expect(term).toBeDefined();
    expect(data.getObjects(term!, namedNode(`${SKOS}altLabel`), null)).toEqual([]);
    expect(data.getObjects(term!, namedNode(`${SKOS}scopeNote`), null).map((o) => o.value)).toEqual(['Not an example: Not a draft']);
    expect(data.getObjects(term!, namedNode(`${SKOS}definition`), null).map((o) => o.value)).toEqual(['Line one\n\nline two """']);
  });

  it('the shapes catch a second prefLabel and a label both preferred and alternative', async () => {
    const bad = store(`@prefix skos: <${SKOS}> . @prefix cg: <${CG}> .
      <urn:a> a skos:Concept ; skos:inScheme <urn:s> ; cg:status "agreed" ; skos:prefLabel "A", "B" .
      <urn:b> a skos:Concept ; skos:inScheme <urn:s> ; cg:status "agreed" ; skos:prefLabel "C" ; skos:altLabel "C" .`);
    const report = await validator.validate(bad);
    expect(report.conforms).toBe(false);
    expect(new Set(report.results.map((r) => r.focusNode?.value))).toEqual(new Set(['urn:a', 'urn:b']));
  });
});
