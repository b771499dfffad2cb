import * as Y from 'yjs';
import { seedFacilitation } from '../doc/facilitation';
import { addTerm } from '../doc/glossary';
import { addMetric, setMetricText } from '../doc/metrics';
import { addStep, setStepText } from '../doc/process';
import { setFragmentPlainText } from '../doc/rich-text';
import { SEED_ORIGIN, metricDefinitionField, stepDescriptionField, type MetricAttachment, type MetricTextField, type StepId, type StepTextField, type TermStatus } from '../doc/schema';
import { seedBoardBase } from '../doc/workshop';
import { isTemplateId } from './catalog';
import b2bSales from './data/b2b-sales.json';
import customerOnboarding from './data/customer-onboarding.json';
import maintenanceWorkOrder from './data/maintenance-work-order.json';

export { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId, type TemplateInfo } from './catalog';

/** The shape of a template data file (lib/templates/data/*.json). Add a file and list it below. */
export type TemplateData = {
  id: string;
  name: string;
  description: string;
  steps: Array<{ title: string; ownerRole?: string; entryCriteria?: string; exitCriteria?: string; inputs?: string; outputs?: string; description?: string }>;
  terms: Array<{ name: string; definition?: string; status?: string; aliases?: Array<{ text: string; team: string }> }>;
  /** `step` (and `toStep` for a boundary) are indexes into `steps`. */
  metrics: Array<{ name: string; definition?: string; step?: number; toStep?: number } & Partial<Record<MetricTextField, string>>>;
};

export const TEMPLATE_DATA: Readonly<Record<string, TemplateData>> = {
  'b2b-sales': b2bSales,
  'maintenance-work-order': maintenanceWorkOrder,
  'customer-onboarding': customerOnboarding,
};

const STEP_FIELDS: StepTextField[] = ['ownerRole', 'entryCriteria', 'exitCriteria', 'inputs', 'outputs'];
const METRIC_FIELDS: MetricTextField[] = ['numerator', 'denominator', 'unit', 'target', 'cadence', 'dataSource', 'owner'];

function seedTemplateContent(doc: Y.Doc, data: TemplateData): void {
  const stepIds: StepId[] = data.steps.map((step) => {
    const id = addStep(doc, { title: step.title }, SEED_ORIGIN);
    for (const field of STEP_FIELDS) if (step[field]) setStepText(doc, id, field, step[field]!, SEED_ORIGIN);
    if (step.description) setFragmentPlainText(doc.getXmlFragment(stepDescriptionField(id)), step.description);
    return id;
  });
  for (const term of data.terms) {
    addTerm(doc, { name: term.name, definition: term.definition, status: (term.status as TermStatus) ?? 'proposed', aliases: term.aliases ?? [] }, SEED_ORIGIN);
  }
  for (const metric of data.metrics) {
    const from = metric.step !== undefined ? stepIds[metric.step] : undefined;
    const to = metric.toStep !== undefined ? stepIds[metric.toStep] : undefined;
    const attachment: MetricAttachment = from && to ? { kind: 'boundary', fromStepId: from, toStepId: to } : from ? { kind: 'step', stepId: from } : { kind: 'none' };
    const id = addMetric(doc, { name: metric.name, attachment }, SEED_ORIGIN);
    for (const field of METRIC_FIELDS) if (metric[field]) setMetricText(doc, id, field, metric[field]!, SEED_ORIGIN);
    if (metric.definition) setFragmentPlainText(doc.getXmlFragment(metricDefinitionField(id)), metric.definition);
  }
}

/**
 * The initial documents of a new workshop. Seeded once, by the server, when the workshop is
 * created; clients never insert template content (every client would insert it again).
 */
export function seedWorkshop(templateId: string, title: string): { board: Uint8Array; facilitation: Uint8Array } {
  if (!isTemplateId(templateId)) throw new Error(`unknown template "${templateId}"`);
  const doc = seedBoardBase(title);
  const data = TEMPLATE_DATA[templateId];
  if (data) doc.transact(() => seedTemplateContent(doc, data), SEED_ORIGIN);
  const board = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { board, facilitation: seedFacilitation() };
}
