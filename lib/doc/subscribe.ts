import * as Y from 'yjs';

/**
 * The root types a view depends on: root maps (observed deeply: any change inside a record
 * counts) and families of root-level rich-text fragments named by prefix (`term:`, `metric:`),
 * which are root types of their own (see schema.ts) and so are not inside any map.
 */
export type RootSelection = {
  readonly maps?: readonly string[];
  readonly fragmentPrefixes?: readonly string[];
};

/**
 * Calls `onChange` once after each transaction (local or remote) that changed one of the
 * selected roots or anything inside them. Returns the unsubscribe.
 *
 * One `afterTransaction` listener rather than an observer per type: the fragments of a family
 * come and go with their records, and a listener on the document sees new ones without being
 * told about them.
 */
// Yjs types its shared types as AbstractType<YEvent<any>>; only their identity is used here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

/**
 * The name of a root type, or null when it is not a root of this document any more. Yjs creates a
 * root that arrives in a remote update as a plain type and swaps it for a typed one (same entries,
 * same `_map`) when someone first asks for it as, say, an XmlFragment; a transaction that was
 * running at that moment still names the old object, which `Y.findRootTypeKey` cannot find (it
 * throws "Unexpected case"). The swapped-in type shares the old one's `_map`, which finds it.
 */
export function rootName(doc: Y.Doc, type: AnyType): string | null {
  for (const [name, root] of doc.share) if (root === type || root._map === type._map) return name;
  return null;
}

export function subscribeRoots(doc: Y.Doc, roots: RootSelection, onChange: () => void): () => void {
  const maps = new Set<unknown>((roots.maps ?? []).map((name) => doc.getMap(name)));
  const prefixes = roots.fragmentPrefixes ?? [];
  const rootKeys = new WeakMap<AnyType, string | null>();
  const rootKey = (type: AnyType): string | null => {
    let key = rootKeys.get(type);
    if (key === undefined) rootKeys.set(type, (key = rootName(doc, type)));
    return key;
  };
  const watched = (changed: AnyType): boolean => {
    let type = changed;
    while (type.parent !== null) type = type.parent;
    if (maps.has(type)) return true;
    if (prefixes.length === 0) return false;
    const key = rootKey(type);
    return key !== null && prefixes.some((prefix) => key.startsWith(prefix));
  };
  const handler = (transaction: Y.Transaction) => {
    // changedParentTypes holds every changed type whose observers ran, with its ancestors;
    // `changed` adds the types whose observers were skipped (deleted in the same transaction).
    for (const type of transaction.changedParentTypes.keys()) if (watched(type)) return onChange();
    for (const type of transaction.changed.keys()) if (watched(type)) return onChange();
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
