import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMetric, setMetricText } from '../doc/metrics';
import { DBT_SPEC, metricsToDbt } from './dbt';
import { fixtureWorkshop } from './fixture';
import { buildHandbook } from './handbook';

const DATE = new Date('2026-11-26T10:00:00Z');
// dbt's own schema for properties YAML, vendored unchanged with its licence: lib/export/fixtures/dbt/README.md.
const dbtSchema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'dbt', 'dbt_yml_files-latest.json'), 'utf8')) as {
  properties: { metrics: { items: { properties: Record<string, unknown>; additionalProperties: boolean } } };
};
// The one patch: dbt-jsonschema lists no `meta` (nor `config`) on a metric, so it refuses the file
// ("/metrics/0 must NOT have additional properties"), while dbt Core accepts it — dbt-core's
// `UnparsedMetric` (core/dbt/contracts/graph/unparsed.py, 1.7 and 1.8) declares
// `meta: Dict[str, Any]`, and the issue asks for owner, target, cadence and source in `meta`.
// (Upstream gap: dbt-labs/dbt-jsonschema PR #216, open, adds `config` to metrics.) Everything
// else about a metric stays as dbt's schema says, `additionalProperties: false` included.
const metricItem = dbtSchema.properties.metrics.items;
expect(metricItem.additionalProperties).toBe(false);
expect(metricItem.properties.meta).toBeUndefined();
metricItem.properties.meta = { type: 'object' };
// The schema says draft-07 (and refers to its `$defs`), Ajv's default class; it uses no `format`.
const validate = new Ajv({ allErrors: true, strict: false }).compile(dbtSchema);

type Metric = { name: string; label: string; type: string; type_params: Record<string, string>; meta?: Record<string, string>; description?: string };

function checked(text: string): Metric[] {
  const data = yaml.load(text);
  expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  const metrics = (data as { metrics: Metric[] }).metrics;
  // What the schema leaves to dbt's parser: a ratio names a numerator and a denominator, and both
  // are metrics of this file.
  const names = new Set(metrics.map((m) => m.name));
  for (const ratio of metrics.filter((m) => m.type === 'ratio')) {
    expect(names.has(ratio.type_params.numerator!), ratio.name).toBe(true);
    expect(names.has(ratio.type_params.denominator!), ratio.name).toBe(true);
  }
  return metrics;
}

describe('metrics.dbt.yml', () => {
  it('names the spec it follows and validates against the schema; a ratio metric over two simple metrics, meta with owner, target, cadence, source', () => {
    const { board, facilitation } = fixtureWorkshop();
    const [conversion] = buildHandbook(board, facilitation, DATE).metrics.map((m) => m.id);
    setMetricText(board, conversion!, 'owner', 'Sales ops');
    setMetricText(board, conversion!, 'cadence', 'weekly');
    setMetricText(board, conversion!, 'dataSource', 'CRM: opportunities table');
    const text = metricsToDbt(buildHandbook(board, facilitation, DATE));
    expect(text.split('\n').slice(0, 3).join('\n')).toContain(`# Follows the ${DBT_SPEC}.`);
    expect(DBT_SPEC).toMatch(/dbt Core 1\.8/);
    const metrics = checked(text);
    expect(metrics.map((m) => `${m.type} ${m.name}`)).toEqual(['simple conversion_numerator', 'simple conversion_denominator', 'ratio conversion']);
    const ratio = metrics[2]!;
    expect(ratio).toMatchObject({
      label: 'Conversion',
      description: 'Share of opportunities that move on.',
      type_params: { numerator: 'conversion_numerator', denominator: 'conversion_denominator' },
      meta: { owner: 'Sales ops', target: '40 %', cadence: 'weekly', source: 'CRM: opportunities table', status: 'Proposed' },
    });
    expect(metrics[0]!.description).toBe('Opportunities reaching Propose');
  });

  it('stays valid for awkward names (accents, digits first, duplicates, YAML syntax) and metrics without a formula', () => {
    const doc = new Y.Doc();
    // '%' becomes '_pct', so this name is 283 characters long in dbt and cut at 200 just after an underscore.
    const long = `XYZ${'%'.repeat(70)}`;
    for (const name of ['Win rate %', 'Win rate %', '2nd-call rate', 'Überstunden: "ja"', '***', '- [x] {y}: #z', 'A', long, long]) addMetric(doc, { name });
    const half = addMetric(doc, { name: 'Half' });
    setMetricText(doc, half, 'numerator', 'only this');
    const metrics = checked(metricsToDbt(buildHandbook(doc, new Y.Doc(), DATE)));
    expect(metrics.map((m) => m.name).sort()).toEqual(['half', 'm_2nd_call_rate', 'm_a', 'metric', 'uberstunden_ja', 'win_rate_pct', 'win_rate_pct_2', 'x_y_z', `xyz${'_pct'.repeat(48)}_2`, `xyz${'_pct'.repeat(49)}`]);
    expect(new Set(metrics.map((m) => m.name)).size).toBe(metrics.length);
    expect(metrics.map((m) => m.label)).toContain('Überstunden: "ja"');
    expect(metrics.find((m) => m.name === 'half')).toMatchObject({ type: 'simple', description: 'Half (only this)' });
  });

  it('the schema refuses what dbt would refuse', () => {
    const ok = { name: 'ok_metric', label: 'x', type: 'simple', type_params: { measure: 'm' } };
    expect(validate({ metrics: [ok] })).toBe(true);
    expect(validate({ metrics: [{ ...ok, name: 'Bad Name' }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, name: 'double__underscore' }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, type: 'sum' }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, label: undefined }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, owner: 'Sales ops' }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, type: 'ratio' }] })).toBe(false);
    expect(validate({ metrics: [{ ...ok, meta: 'not a map' }] })).toBe(false);
  });
});
