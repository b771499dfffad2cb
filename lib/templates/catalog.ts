/**
 * The list of templates, without their content: cheap to import in the browser for the
 * "create a workshop" form. Content lives in ./data/*.json and is seeded by the server (see
 * ./index.ts); a test keeps this list and the data files in step.
 */
export type TemplateInfo = { id: string; name: string; description: string };

export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'blank', name: 'Blank', description: 'An empty board: start from a title.' },
  {
    id: 'b2b-sales',
    name: 'B2B sales process',
    description: 'Seven stages from lead to renewal, a starter glossary of sales terms and the usual pipeline metrics.',
  },
  {
    id: 'maintenance-work-order',
    name: 'Maintenance work order process',
    description: 'From a reported fault to a closed work order, with the words maintenance teams argue about and the classic maintenance KPIs.',
  },
  {
    id: 'customer-onboarding',
    name: 'Customer onboarding process',
    description: 'From signed contract to a customer getting value, with onboarding vocabulary and time-to-value metrics.',
  },
];

export const DEFAULT_TEMPLATE = 'blank';

export function isTemplateId(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATES.some((t) => t.id === value);
}
