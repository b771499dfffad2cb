import { seedBoard } from '../doc/workshop';

/**
 * Workshop templates. A template is seeded once, by the server, when a workshop is created;
 * clients never insert template content (every client would insert it again).
 */
export type TemplateInfo = { id: string; name: string; description: string };

export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'blank', name: 'Blank', description: 'An empty board: start from a title.' },
];

export const DEFAULT_TEMPLATE = 'blank';

export function isTemplateId(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATES.some((t) => t.id === value);
}

/** The initial board document of a new workshop, as one Yjs update. */
export function seedWorkshop(templateId: string, title: string): { board: Uint8Array } {
  if (!isTemplateId(templateId)) throw new Error(`unknown template "${templateId}"`);
  return { board: seedBoard(title) };
}
