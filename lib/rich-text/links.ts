/**
 * Which typed or pasted text becomes a link in rich text. Only text that spells out its own
 * http(s):// becomes a link: Tiptap's default also links bare names such as "buy.book" or
 * "e.g" (as http://buy.book), which then travel into every export as links nobody meant.
 */
const EXPLICIT_WEB_ADDRESS = /^https?:\/\/[^\s/?#]+\.[^\s]*$|^https?:\/\/localhost(?::\d+)?(?:[/?#]\S*)?$/i;

export function shouldAutoLink(text: string): boolean {
  return EXPLICIT_WEB_ADDRESS.test(text);
}

/** Links we keep at all (typed, pasted or in stored data): web and mail addresses, never `javascript:`. */
export function isAllowedLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}
