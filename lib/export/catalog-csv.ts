import Papa from 'papaparse';
import type { TermStatus } from '../doc/schema';
import { formatAliases } from '../glossary/csv';
import { CSV_WRITE_OPTIONS } from './csv-cells';
import { csvFile } from './csv-file';
import type { Handbook } from './handbook';
import { blocksToPlainText } from './plain-text';

/**
 * The glossary in the import columns of two data catalogs, so a data governance team can take
 * it in directly.
 *
 * Microsoft Purview (classic data catalog), "Import terms" with the System default term
 * template: the header of the sample file the Purview portal offers. `Synonyms` and `Related
 * Terms` must name terms that exist in Purview, and `Stewards`/`Experts` take e-mail addresses,
 * so our aliases and owner (names, not addresses) go into the definition instead.
 *
 * Apache Atlas, `POST /api/atlas/v2/glossary/import`: the columns of the template Atlas itself
 * serves (`GET /api/atlas/v2/glossary/import/template`, GlossaryTermUtils.getGlossaryTermHeaders
 * — there separated by ", "; written here as a plain CSV header). Multi-valued cells use "|",
 * `AdditionalAttributes` holds "key:value" pairs.
 */
export const PURVIEW_COLUMNS = ['Name', 'Nick Name', 'Status', 'Definition', 'Acronym', 'Resources', 'Related Terms', 'Synonyms', 'Stewards', 'Experts', 'Parent Term Name', 'IsDefinitionRichText', 'Term Template Names'] as const;
export const ATLAS_COLUMNS = [
  'GlossaryName', 'TermName', 'ShortDescription', 'LongDescription', 'Examples', 'Abbreviation', 'Usage', 'AdditionalAttributes', 'TranslationTerms', 'ValidValuesFor',
  'Synonyms', 'ReplacedBy', 'ValidValues', 'ReplacementTerms', 'SeeAlso', 'TranslatedTerms', 'IsA', 'Antonyms', 'Classifies', 'PreferredToTerms', 'PreferredTerms',
] as const;

/** Purview's term statuses: Draft, Approved, Alert, Expired. A parked term needs attention: Alert. */
export const PURVIEW_STATUS: Readonly<Record<TermStatus, string>> = { proposed: 'Draft', discussing: 'Draft', agreed: 'Approved', parked: 'Alert' };

type Term = Handbook['terms'][number];
const definitionOf = (t: Term) => blocksToPlainText(t.definitionBlocks) || t.definition;
const oneLine = (text: string) => text.replace(/\s*\n+\s*/g, ' ').trim();
/** Atlas splits multi-valued cells on "|": one inside a value would split it. */
const atlasValue = (text: string) => oneLine(text).replace(/\|/g, '/');

function unparse(columns: readonly string[], rows: string[][]): string {
  return csvFile(Papa.unparse({ fields: [...columns], data: rows }, CSV_WRITE_OPTIONS));
}

export function glossaryToPurviewCsv(h: Pick<Handbook, 'terms'>): string {
  return unparse(
    PURVIEW_COLUMNS,
    h.terms.map((t) => {
      const definition = [
        definitionOf(t),
        t.aliases.length ? `Also called: ${formatAliases(t.aliases)}` : '',
        ...t.examples.map((e) => `${e.kind === 'is' ? 'Example' : 'Not an example'}: ${e.text}`),
        t.owner ? `Owner: ${t.owner}` : '',
      ].filter(Boolean).join('\n');
      return [t.name, '', PURVIEW_STATUS[t.status], definition, '', '', '', '', '', '', '', 'false', 'System default'];
    }),
  );
}

export function glossaryToAtlasCsv(h: Pick<Handbook, 'title' | 'terms'>): string {
  const glossary = atlasValue(`${h.title || 'Untitled workshop'} glossary`);
  return unparse(
    ATLAS_COLUMNS,
    h.terms.map((t) => {
      const definition = definitionOf(t);
      const attributes = [['status', t.status], ['owner', t.owner], ['aliases', formatAliases(t.aliases)]]
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}:${atlasValue(v!)}`)
        .join('|');
      const row: Record<(typeof ATLAS_COLUMNS)[number], string> = Object.fromEntries(ATLAS_COLUMNS.map((c) => [c, ''])) as Record<(typeof ATLAS_COLUMNS)[number], string>;
      row.GlossaryName = glossary;
      row.TermName = t.name;
      row.ShortDescription = oneLine(definition.split(/(?<=[.!?])\s|\n/)[0] ?? '');
      row.LongDescription = definition;
      row.Examples = t.examples.filter((e) => e.kind === 'is').map((e) => atlasValue(e.text)).join('|');
      row.Usage = t.examples.filter((e) => e.kind === 'isNot').map((e) => `Not: ${oneLine(e.text)}`).join('; ');
      row.AdditionalAttributes = attributes;
      return ATLAS_COLUMNS.map((c) => row[c]);
    }),
  );
}
