import { seedFacilitation } from '../doc/facilitation';
import { seedBoard } from '../doc/workshop';
import { isTemplateId } from './catalog';

export { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId, type TemplateInfo } from './catalog';

/**
 * The initial documents of a new workshop. Seeded once, by the server, when the workshop is
 * created; clients never insert template content (every client would insert it again).
 */
export function seedWorkshop(templateId: string, title: string): { board: Uint8Array; facilitation: Uint8Array } {
  if (!isTemplateId(templateId)) throw new Error(`unknown template "${templateId}"`);
  return { board: seedBoard(title), facilitation: seedFacilitation() };
}
