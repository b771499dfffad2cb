import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAlias, addExample, addTerm, setTermStatus } from '../doc/glossary';
import { readCsv } from '../glossary/csv';
import { ATLAS_COLUMNS, PURVIEW_COLUMNS, glossaryToAtlasCsv, glossaryToPurviewCsv } from './catalog-csv';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';

const DATE = new Date('2026-11-26T10:00:00Z');

function parse(text: string) {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  // The reader our glossary CSV import uses (BOM, quoting, formula-escaped cells).
  const read = readCsv(text);
  if (!read.ok) throw new Error(read.error);
  const { header, body } = read;
  expect(body.every((r) => r.length === header.length)).toBe(true);
  return { header, records: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

describe('catalog glossaries', () => {
  const doc = fixtureWorkshop();
  const tricky = addTerm(doc.board, { name: 'Churn, "net"', definition: 'Customers lost.\nCounted monthly | by region.' });
  addAlias(doc.board, tricky, { text: 'Attrition', team: 'Finance' });
  addExample(doc.board, tricky, { text: 'A cancelled contract', kind: 'is' });
  addExample(doc.board, tricky, { text: 'A paused contract', kind: 'isNot' });
  setTermStatus(doc.board, tricky, 'parked');
  // Cells a spreadsheet would run as formulas are written escaped and read back as typed.
  addTerm(doc.board, { name: '+Upsell', definition: '=A1+B1, not a formula' });
  const h = buildHandbook(doc.board, doc.facilitation, DATE);

  it('Purview (classic): the import header row, and every term round-trips through the CSV parser', () => {
    const { header, records } = parse(glossaryToPurviewCsv(h));
    expect(header.join(',')).toBe('Name,Nick Name,Status,Definition,Acronym,Resources,Related Terms,Synonyms,Stewards,Experts,Parent Term Name,IsDefinitionRichText,Term Template Names');
    expect(header).toEqual([...PURVIEW_COLUMNS]);
    expect(records.map((r) => [r.Name, r.Status])).toEqual(h.terms.map((t) => [t.name, { agreed: 'Approved', parked: 'Alert', proposed: 'Draft', discussing: 'Draft' }[t.status]]));
    const churn = records.find((r) => r.Name === 'Churn, "net"')!;
    expect(churn.Definition).toBe('Customers lost.\n\nCounted monthly | by region.\nAlso called: Finance: Attrition\nExample: A cancelled contract\nNot an example: A paused contract');
    expect(churn['Term Template Names']).toBe('System default');
    expect(records.find((r) => r.Name === '+Upsell')!.Definition).toBe('=A1+B1, not a formula');
  });

  it('Atlas: the import template’s columns, and every term round-trips through the CSV parser', () => {
    const { header, records } = parse(glossaryToAtlasCsv(h));
    expect(header.join(',')).toBe(
      'GlossaryName,TermName,ShortDescription,LongDescription,Examples,Abbreviation,Usage,AdditionalAttributes,TranslationTerms,ValidValuesFor,Synonyms,ReplacedBy,ValidValues,ReplacementTerms,SeeAlso,TranslatedTerms,IsA,Antonyms,Classifies,PreferredToTerms,PreferredTerms',
    );
    expect(header).toEqual([...ATLAS_COLUMNS]);
    expect(records.map((r) => r.TermName)).toEqual(h.terms.map((t) => t.name));
    expect(new Set(records.map((r) => r.GlossaryName))).toEqual(new Set(['Sales process *EMEA* glossary']));
    const churn = records.find((r) => r.TermName === 'Churn, "net"')!;
    expect(churn).toMatchObject({
      ShortDescription: 'Customers lost.',
      LongDescription: 'Customers lost.\n\nCounted monthly | by region.',
      Examples: 'A cancelled contract',
      Usage: 'Not: A paused contract',
      AdditionalAttributes: 'status:parked|aliases:Finance: Attrition',
    });
    expect(records.find((r) => r.TermName === '+Upsell')).toMatchObject({ ShortDescription: '=A1+B1, not a formula' });
  });

  it('an empty glossary is a header row only', () => {
    const empty = buildHandbook(new Y.Doc(), new Y.Doc(), DATE);
    expect(parse(glossaryToPurviewCsv(empty)).records).toEqual([]);
    expect(parse(glossaryToAtlasCsv(empty)).records).toEqual([]);
  });
});
