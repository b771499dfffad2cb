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
// The schema and where it comes from: lib/export/fixtures/dbt/README.md.
const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'dbt', 'metrics-schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

type Metric = { name: string; label: string; type: string; type_params: Record<string, string>; meta?: Record<string, string>; description?: string };

function checked(text: string): Metric[] {
  const data = yaml.load(text);
  expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return (data as { metrics: Metric[] }).metrics;
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
    for (const name of ['Win rate %', 'Win rate %', '2nd-call rate', 'Überstunden: "ja"', '***', '- [x] {y}: #z']) addMetric(doc, { name });
    const half = addMetric(doc, { name: 'Half' });
    setMetricText(doc, half, 'numerator', 'only this');
    const metrics = checked(metricsToDbt(buildHandbook(doc, new Y.Doc(), DATE)));
    expect(metrics.map((m) => m.name).sort()).toEqual(['half', 'm_2nd_call_rate', 'metric', 'uberstunden_ja', 'win_rate_pct', 'win_rate_pct_2', 'x_y_z']);
    expect(new Set(metrics.map((m) => m.name)).size).toBe(metrics.length);
    expect(metrics.map((m) => m.label)).toContain('Überstunden: "ja"');
    expect(metrics.find((m) => m.name === 'half')).toMatchObject({ type: 'simple', description: 'Half (only this)' });
  });

  it('the schema refuses what dbt would refuse', () => {
    expect(validate({ metrics: [{ name: 'Bad Name', label: 'x', type: 'simple', type_params: { measure: 'm' } }] })).toBe(false);
    expect(validate({ metrics: [{ name: 'r', label: 'x', type: 'ratio', type_params: { numerator: 'a' } }] })).toBe(false);
    expect(validate({ metrics: [{ name: 'r', label: 'x', type: 'sum', type_params: {} }] })).toBe(false);
  });
});
