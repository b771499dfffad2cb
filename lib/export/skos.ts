// n3 (the RDF/JS Turtle library) writes the Turtle: IRIs, escaping and prefixes done right.
import { DataFactory, Writer } from 'n3';
import type { Handbook } from './handbook';
import { blocksToPlainText } from './plain-text';

/**
 * The glossary as W3C SKOS in Turtle: a concept scheme, one concept per term (`prefLabel`,
 * `altLabel` for aliases without a team, `definition`, `example`, and the "this is NOT"
 * examples as `scopeNote`), team-tagged aliases as SKOS-XL labels with `cg:team`, the status as
 * `cg:status`. Labels carry no language tag: the workshop does not say which language it uses.
 */
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const SKOSXL = 'http://www.w3.org/2008/05/skos-xl#';
/** Our own small vocabulary (status, team), declared in the file itself. */
export const CG = 'urn:x-common-ground:vocab#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const DCTERMS = 'http://purl.org/dc/terms/';

const { namedNode, literal, quad } = DataFactory;
const iri = (ns: string, local: string) => namedNode(`${ns}${local}`);
const idPart = (id: string) => encodeURIComponent(id).replace(/[!'()*~.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function glossaryToSkos(h: Pick<Handbook, 'title' | 'date' | 'terms'>): Promise<string> {
  const writer = new Writer({ prefixes: { skos: SKOS, skosxl: SKOSXL, cg: CG, rdfs: RDFS, owl: OWL, dcterms: DCTERMS } });
  const add = (s: ReturnType<typeof namedNode>, p: ReturnType<typeof namedNode>, o: ReturnType<typeof namedNode> | ReturnType<typeof literal>) => writer.addQuad(quad(s, p, o));
  const a = iri(RDF, 'type');

  for (const [name, label, comment] of [
    ['status', 'status', 'Where the workshop stands on this term: Proposed, Discussing, Agreed or Parked.'],
    ['team', 'team', 'The team that uses this label for the concept.'],
  ] as const) {
    add(iri(CG, name), a, iri(OWL, 'DatatypeProperty'));
    add(iri(CG, name), iri(RDFS, 'label'), literal(label));
    add(iri(CG, name), iri(RDFS, 'comment'), literal(comment));
  }

  const scheme = namedNode('urn:x-common-ground:glossary');
  add(scheme, a, iri(SKOS, 'ConceptScheme'));
  add(scheme, iri(DCTERMS, 'title'), literal(`${h.title || 'Untitled workshop'} — glossary`));
  add(scheme, iri(DCTERMS, 'created'), literal(h.date, iri('http://www.w3.org/2001/XMLSchema#', 'date')));

  for (const t of h.terms) {
    const concept = namedNode(`urn:x-common-ground:term:${idPart(t.id)}`);
    add(concept, a, iri(SKOS, 'Concept'));
    add(concept, iri(SKOS, 'inScheme'), scheme);
    add(concept, iri(SKOS, 'topConceptOf'), scheme);
    add(scheme, iri(SKOS, 'hasTopConcept'), concept);
    add(concept, iri(SKOS, 'prefLabel'), literal(t.name));
    const definition = blocksToPlainText(t.definitionBlocks) || t.definition;
    if (definition) add(concept, iri(SKOS, 'definition'), literal(definition));
    add(concept, iri(CG, 'status'), literal(t.status));
    for (const alias of t.aliases) {
      // An alias equal to the name adds nothing and would make a label both preferred and alternative.
      if (alias.text === t.name) continue;
      if (!alias.team) {
        add(concept, iri(SKOS, 'altLabel'), literal(alias.text));
        continue;
      }
      const label = namedNode(`urn:x-common-ground:label:${idPart(t.id)}:${idPart(alias.id)}`);
      add(concept, iri(SKOSXL, 'altLabel'), label);
      add(label, a, iri(SKOSXL, 'Label'));
      add(label, iri(SKOSXL, 'literalForm'), literal(alias.text));
      add(label, iri(CG, 'team'), literal(alias.team));
    }
    for (const e of t.examples) {
      if (e.kind === 'is') add(concept, iri(SKOS, 'example'), literal(e.text));
      else add(concept, iri(SKOS, 'scopeNote'), literal(`Not an example: ${e.text}`));
    }
  }
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
