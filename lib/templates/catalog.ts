/**
 * The list of templates, without their content: cheap to import in the browser for the
 * "create a workshop" form. Content is seeded by the server (see ./index.ts).
 */
export type TemplateInfo = { id: string; name: string; description: string };

export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'blank', name: 'Blank', description: 'An empty board: start from a title.' },
];

export const DEFAULT_TEMPLATE = 'blank';

export function isTemplateId(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATES.some((t) => t.id === value);
}
