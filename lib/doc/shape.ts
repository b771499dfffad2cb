/**
 * The vocabulary in which `schema.ts` declares the shape of each shared document, once. The
 * server's update validator (`validate-update.ts`) checks every incoming update against it,
 * and the accessors take their field lists, enums and limits from the same declaration.
 */

/** A value stored directly in a map entry (Yjs ContentAny). */
export type PrimitiveShape =
  | { readonly kind: 'string'; readonly maxLength: number; readonly oneOf?: readonly string[] }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' };

/** A shared type. */
export type TypeShape =
  /** Y.Map with known keys (a record); unknown keys are refused. */
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Shape>> }
  /** Y.Map keyed by ids; every value has the same shape. */
  | { readonly kind: 'collection'; readonly maxKeyLength: number; readonly maxEntries: number; readonly entry: Shape }
  /** Y.Text holding plain text only (no formatting, no embeds). */
  | { readonly kind: 'text'; readonly maxLength: number }
  /** Y.XmlFragment holding rich text (paragraphs, lists, marks). */
  | { readonly kind: 'rich'; readonly maxLength: number };

export type Shape = PrimitiveShape | TypeShape;

/** A document: fixed roots, plus roots named by a prefix and an id (`step:<id>`). */
export type DocumentShape = {
  readonly roots: Readonly<Record<string, TypeShape>>;
  readonly prefixedRoots: Readonly<Record<string, TypeShape>>;
};

/** Block and inline node names a rich-text fragment may hold (the editor's schema). */
export const RICH_TEXT_NODES: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
  'hardBreak',
]);

/** Marks (formatting attributes on rich text). */
export const RICH_TEXT_MARKS: ReadonlySet<string> = new Set(['bold', 'italic', 'strike', 'code', 'underline', 'link']);

export function rootShape(shape: DocumentShape, name: string): TypeShape | null {
  const fixed = Object.hasOwn(shape.roots, name) ? shape.roots[name] : undefined;
  if (fixed) return fixed;
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) return null;
  const prefix = name.slice(0, colon + 1);
  return Object.hasOwn(shape.prefixedRoots, prefix) ? shape.prefixedRoots[prefix]! : null;
}
