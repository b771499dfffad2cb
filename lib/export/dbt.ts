// js-yaml writes the YAML (quoting, escaping, multi-line strings) rather than templates.
import yaml from 'js-yaml';
import type { Handbook, HandbookMetric } from './handbook';
import { statusLabel } from './csv-file';

/**
 * The metrics as dbt MetricFlow metric definitions: a starter file for the data team. Every
 * metric with a numerator and a denominator becomes a `ratio` metric over two `simple` metrics
 * (`<name>_numerator`, `<name>_denominator`), the others a `simple` metric; each simple metric
 * names a measure (`type_params.measure`) that the data team defines in a semantic model — the
 * workshop's words for it are in its description. Owner, target, cadence and data source go in
 * `meta`, as the dbt docs suggest for attributes MetricFlow does not model. The tests validate the
 * file against dbt-jsonschema's `latest` schema (dbt Core 1.8 and later), vendored in
 * fixtures/dbt; that schema lists no `meta` on a metric although dbt Core's parser takes it, the
 * one difference the test patches in and the header names.
 */
export const DBT_SPEC =
  'dbt Core 1.8 MetricFlow metric spec (the standalone `metrics:` YAML; see https://docs.getdbt.com/docs/build/metrics-overview), as in the dbt_yml_files schema of github.com/dbt-labs/dbt-jsonschema (schemas/latest), plus `meta` on a metric, which dbt Core accepts';

/**
 * A dbt name as dbt-jsonschema's pattern has it: lower-case letters, digits and single
 * underscores, starting with a letter, ending with a letter or digit, two characters at least.
 */
export function dbtName(text: string, taken: Set<string>): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/%/g, ' pct ')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(?=\d|[a-z]$)/, 'm_') || 'metric';
  const cut = (length: number) => base.slice(0, length).replace(/_+$/, '');
  let name = cut(200);
  for (let n = 2; taken.has(name) || taken.has(`${name}_numerator`) || taken.has(`${name}_denominator`); n++) name = `${cut(195)}_${n}`;
  taken.add(name);
  return name;
}

type DbtMetric = { name: string; label: string; description: string; type: 'simple' | 'ratio'; type_params: Record<string, string>; meta?: Record<string, string> };

function metaOf(m: HandbookMetric): Record<string, string> {
  const meta: Record<string, string> = { status: statusLabel(m.status), measures: m.measures };
  if (m.owner) meta.owner = m.owner;
  if (m.target) meta.target = m.target;
  if (m.cadence) meta.cadence = m.cadence;
  if (m.dataSource) meta.source = m.dataSource;
  if (m.unit) meta.unit = m.unit;
  return meta;
}

export function metricsToDbt(h: Pick<Handbook, 'title' | 'date' | 'metrics'>): string {
  const taken = new Set<string>();
  const metrics: DbtMetric[] = [];
  for (const m of h.metrics) {
    const name = dbtName(m.name, taken);
    const label = m.name.trim() || 'Untitled metric';
    const description = m.definition.trim() || label;
    if (m.numerator.trim() && m.denominator.trim()) {
      for (const [part, text] of [['numerator', m.numerator], ['denominator', m.denominator]] as const) {
        taken.add(`${name}_${part}`);
        metrics.push({ name: `${name}_${part}`, label: `${label} (${part})`, description: text.trim(), type: 'simple', type_params: { measure: `${name}_${part}` } });
      }
      metrics.push({ name, label, description, type: 'ratio', type_params: { numerator: `${name}_numerator`, denominator: `${name}_denominator` }, meta: metaOf(m) });
    } else {
      const only = m.numerator.trim() || m.denominator.trim();
      metrics.push({ name, label, description: only ? `${description} (${only})` : description, type: 'simple', type_params: { measure: name }, meta: metaOf(m) });
    }
  }
  const header = [
    `# Metrics agreed in the workshop "${h.title.replace(/[\r\n]+/g, ' ')}" (${h.date}), exported by Common Ground.`,
    `# Follows the ${DBT_SPEC}.`,
    '# A starter file: define each `type_params.measure` in a semantic model before `dbt parse`.',
  ];
  return `${header.join('\n')}\n${yaml.dump({ metrics }, { lineWidth: -1, noRefs: true, quotingType: '"' })}`;
}
