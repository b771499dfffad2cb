import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { listTerms } from '../doc/glossary';
import { listMetrics } from '../doc/metrics';
import { listSteps } from '../doc/process';
import { getTitle } from '../doc/workshop';
import { TEMPLATES, TEMPLATE_DATA, seedWorkshop } from './index';

function seeded(templateId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedWorkshop(templateId, 'T').board);
  return doc;
}

describe('templates', () => {
  it('lists exactly the templates that have data (plus blank)', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual(['blank', ...Object.keys(TEMPLATE_DATA)].sort());
    for (const t of TEMPLATES.filter((t) => t.id !== 'blank')) {
      expect(TEMPLATE_DATA[t.id]).toMatchObject({ id: t.id, name: t.name, description: t.description });
    }
  });

  it('seeds the B2B sales process: six or more stages with owners and criteria, 15+ terms, the pipeline metrics', () => {
    const doc = seeded('b2b-sales');
    expect(getTitle(doc)).toBe('T');
    const steps = listSteps(doc);
    expect(steps.length).toBeGreaterThanOrEqual(6);
    for (const step of steps) {
      expect(step.ownerRole).not.toBe('');
      expect(step.entryCriteria).not.toBe('');
      expect(step.exitCriteria).not.toBe('');
    }
    const terms = listTerms(doc);
    expect(terms.length).toBeGreaterThanOrEqual(15);
    expect(terms.every((t) => t.definition.length > 10)).toBe(true);
    const names = terms.map((t) => t.name.toLowerCase());
    for (const required of ['lead', 'qualified lead', 'opportunity', 'pipeline', 'forecast']) expect(names).toContain(required);
    const metrics = listMetrics(doc).map((m) => m.name.toLowerCase());
    for (const required of ['stage conversion rate', 'win rate', 'sales-cycle length', 'average deal size']) expect(metrics).toContain(required);
    const conversion = listMetrics(doc).find((m) => m.name === 'Stage conversion rate')!;
    expect(conversion.attachment.kind).toBe('boundary');
  });

  it.each(['maintenance-work-order', 'customer-onboarding'])('seeds %s with steps, terms and metrics', (id) => {
    const doc = seeded(id);
    expect(listSteps(doc).length).toBeGreaterThanOrEqual(5);
    expect(listTerms(doc).length).toBeGreaterThanOrEqual(5);
    expect(listMetrics(doc).length).toBeGreaterThanOrEqual(3);
  });

  it('blank has a title and nothing else', () => {
    const doc = seeded('blank');
    expect(listSteps(doc)).toEqual([]);
    expect(listTerms(doc)).toEqual([]);
  });
});
