import * as Y from 'yjs';
import { RICH_TEXT_MARKS, RICH_TEXT_NODES, rootShape, type DocumentShape, type Shape, type TypeShape } from './shape';

/**
 * Checks an incoming Yjs update against a document's declared shape *before* it is applied,
 * so that nothing badly shaped is ever stored or relayed (Yjs has no rollback).
 *
 * How: decode the update's structs without applying them; resolve each item's parent — a root
 * by name, a type created earlier in the same update, or a type already in the document (for
 * items that only carry an origin, the parent and map key are those of the origin item); then
 * check the item's content against what the shape allows at that place. Plain-text and
 * rich-text lengths are counted net of what the update deletes. An update that depends on
 * structs neither the document nor the update holds (Yjs would keep it "pending") is refused
 * as `missing`: a client that sends one has lost track and should resync.
 */
export type UpdateVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'missing' | 'shape' | 'limit'; readonly reason: string };

type Container =
  | { readonly kind: 'record' | 'collection' | 'text' | 'rich'; readonly shape: TypeShape; readonly id: string; readonly type: Y.AbstractType<unknown> | null }
  | { readonly kind: 'richElement' | 'richText'; readonly rootId: string; readonly rootShape: TypeShape; readonly id: string; readonly type: Y.AbstractType<unknown> | null };

type Decoded = { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };

class Refusal extends Error {
  constructor(
    readonly kind: 'missing' | 'shape' | 'limit',
    message: string,
  ) {
    super(message);
  }
}

const MAX_ATTRIBUTE_JSON = 2000;

function typeLabel(content: unknown): string {
  if (content instanceof Y.ContentType) return content.type.constructor.name;
  return (content as object)?.constructor?.name ?? typeof content;
}

/** An update read into its structs and delete set; throws when the bytes are not an update. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Whether `update` may be applied to `doc`. `decoded` is `Y.decodeUpdate(update)` when the
 * caller has already read it (the sync server reads each update once, to refuse malformed bytes
 * before anything else).
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, shape: DocumentShape, decoded?: DecodedUpdate): UpdateVerdict {
  try {
    new Validation(doc, (decoded ?? Y.decodeUpdate(update)) as unknown as Decoded, shape).run();
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, kind: error.kind, reason: error.message };
    if (process.env.DEBUG_VALIDATE) console.error(error);
    return { ok: false, kind: 'shape', reason: 'the update could not be read' };
  }
}

class Validation {
  private readonly items = new Map<number, Y.Item[]>();
  private readonly itemContainers = new Map<Y.Item, { container: Container; key: string | null }>();
  private readonly typeContainers = new Map<Y.AbstractType<unknown>, Container>();
  private readonly newTypeContainers = new Map<Y.Item, Container>();
  /** Net length change per text container id (and per rich-text root). */
  private readonly lengths = new Map<string, { base: () => number; max: number; delta: number; label: string }>();
  private readonly newKeys = new Map<string, { container: Container; keys: Set<string> }>();
  private readonly endClock = new Map<number, number>();
  private nextId = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: Decoded,
    private readonly shape: DocumentShape,
  ) {}

  run(): void {
    for (const struct of this.update.structs) {
      const client = struct.id.client;
      if (struct instanceof Y.Skip) throw new Refusal('missing', 'the update has a gap (it depends on a missing update)');
      if (!this.endClock.has(client) && struct.id.clock > Y.getState(this.doc.store, client)) {
        throw new Refusal('missing', `the update depends on client ${client}'s earlier updates, which the server does not have`);
      }
      this.endClock.set(client, struct.id.clock + struct.length);
      if (struct instanceof Y.Item) {
        let list = this.items.get(client);
        if (!list) this.items.set(client, (list = []));
        list.push(struct);
      }
    }
    for (const [client, ranges] of this.update.ds.clients) {
      const known = Math.max(Y.getState(this.doc.store, client), this.endClock.get(client) ?? 0);
      for (const range of ranges) if (range.clock + range.len > known) throw new Refusal('missing', 'the update deletes content the server does not have');
    }
    for (const list of this.items.values()) for (const item of list) this.check(item);
    this.countDeletions();
    for (const [, length] of this.lengths) {
      if (length.delta > 0 && length.base() + length.delta > length.max) {
        throw new Refusal('limit', `${length.label} would be longer than ${length.max} characters`);
      }
    }
    for (const { container, keys } of this.newKeys.values()) {
      if (container.kind !== 'collection' || container.shape.kind !== 'collection') continue;
      const existing = container.type ? mapSize(container.type) : 0;
      if (existing + keys.size > container.shape.maxEntries) throw new Refusal('limit', `${container.id} would hold more than ${container.shape.maxEntries} entries`);
    }
  }

  /** An item of this update or of the document, by id; null when neither has it. */
  private find(id: Y.ID): { decoded: Y.Item | null; stored: Y.Item | Y.GC | null } | null {
    const list = this.items.get(id.client);
    if (list) {
      for (const item of list) if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return { decoded: item, stored: null };
    }
    if (id.clock < Y.getState(this.doc.store, id.client)) return { decoded: null, stored: Y.getItem(this.doc.store, id) as Y.Item | Y.GC };
    const end = this.endClock.get(id.client);
    if (end !== undefined && id.clock < end) return { decoded: null, stored: null }; // a GC range of this update
    return null;
  }

  private freshId(): string {
    return `#${this.nextId++}`;
  }

  private containerOfRoot(name: string, type: Y.AbstractType<unknown> | null): Container {
    const shape = rootShape(this.shape, name);
    if (!shape) throw new Refusal('shape', `unknown root "${name}"`);
    const existing = type ?? ((this.doc.share.get(name) ?? null) as Y.AbstractType<unknown> | null);
    return { kind: shape.kind, shape, id: name, type: existing };
  }

  /** The container a type already in the document is, found by walking up to its root. */
  private containerOfType(type: Y.AbstractType<unknown>): Container {
    const known = this.typeContainers.get(type);
    if (known) return known;
    let container: Container;
    if (type._item === null) {
      container = this.containerOfRoot(Y.findRootTypeKey(type), type);
    } else {
      const parent = this.containerOfType(type._item.parent as Y.AbstractType<unknown>);
      container = this.childContainer(parent, type._item.parentSub, type, type);
    }
    this.typeContainers.set(type, container);
    return container;
  }

  /** The container that a type stored under `key` of `parent` is. */
  private childContainer(parent: Container, key: string | null, type: Y.AbstractType<unknown>, existing: Y.AbstractType<unknown> | null): Container {
    const id = this.freshId();
    switch (parent.kind) {
      case 'record':
      case 'collection': {
        const shape = this.valueShape(parent, key);
        if (!shape || !('fields' in shape || 'entry' in shape || shape.kind === 'text' || shape.kind === 'rich')) {
          throw new Refusal('shape', `a ${type.constructor.name} is not allowed at ${parent.id}.${key}`);
        }
        return { kind: shape.kind as 'record' | 'collection' | 'text' | 'rich', shape: shape as TypeShape, id: `${parent.id}.${key}`, type: existing };
      }
      case 'rich':
      case 'richElement': {
        const rootId = 'rootId' in parent ? parent.rootId : parent.id;
        const rootShape = 'rootShape' in parent ? parent.rootShape : parent.shape;
        if (type instanceof Y.XmlText) return { kind: 'richText', rootId, rootShape, id, type: existing };
        if (type instanceof Y.XmlElement) return { kind: 'richElement', rootId, rootShape, id, type: existing };
        throw new Refusal('shape', `a ${type.constructor.name} is not allowed in rich text`);
      }
      default:
        throw new Refusal('shape', `nothing can be nested in ${parent.id}`);
    }
  }

  private valueShape(container: Container, key: string | null): Shape | null {
    if (key === null) return null;
    if (container.kind === 'record' && container.shape.kind === 'record') return Object.hasOwn(container.shape.fields, key) ? container.shape.fields[key]! : null;
    if (container.kind === 'collection' && container.shape.kind === 'collection') return key.length <= container.shape.maxKeyLength ? container.shape.entry : null;
    return null;
  }

  /** Where an item of this update goes: its parent container and map key. */
  private placeOf(item: Y.Item): { container: Container; key: string | null } | null {
    const known = this.itemContainers.get(item);
    if (known) return known;
    let place: { container: Container; key: string | null } | null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      place = { container: this.containerOfRoot(parent, null), key: item.parentSub };
    } else if (parent instanceof Y.ID) {
      const found = this.find(parent);
      if (!found) throw new Refusal('missing', 'the update names a parent the server does not have');
      place = { container: this.containerHeldBy(found), key: item.parentSub };
    } else {
      const neighbour = item.origin ?? item.rightOrigin;
      if (!neighbour) throw new Refusal('shape', 'an item without a parent');
      const found = this.find(neighbour);
      if (!found) throw new Refusal('missing', 'the update depends on content the server does not have');
      if (found.decoded) place = this.placeOf(found.decoded);
      else if (found.stored instanceof Y.Item) {
        place = { container: this.containerOfType(found.stored.parent as Y.AbstractType<unknown>), key: found.stored.parentSub };
      } else place = null; // next to garbage-collected content: Yjs discards the item
    }
    if (place) this.itemContainers.set(item, place);
    return place;
  }

  /** The container of the type that an item (of this update or of the document) holds. */
  private containerHeldBy(found: { decoded: Y.Item | null; stored: Y.Item | Y.GC | null }): Container {
    if (found.decoded) {
      const known = this.newTypeContainers.get(found.decoded);
      if (known) return known;
      const content = found.decoded.content;
      if (!(content instanceof Y.ContentType)) throw new Refusal('shape', 'a parent that is not a shared type');
      const place = this.placeOf(found.decoded);
      if (!place) throw new Refusal('shape', 'a parent that was discarded');
      const container = this.childContainer(place.container, place.key, content.type as Y.AbstractType<unknown>, null);
      this.newTypeContainers.set(found.decoded, container);
      return container;
    }
    const stored = found.stored;
    if (!(stored instanceof Y.Item) || !(stored.content instanceof Y.ContentType)) throw new Refusal('shape', 'a parent that is not a shared type');
    return this.containerOfType(stored.content.type as Y.AbstractType<unknown>);
  }

  private check(item: Y.Item): void {
    const place = this.placeOf(item);
    if (!place) return;
    const { container, key } = place;
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return;
    const where = key === null ? container.id : `${container.id}.${key}`;
    switch (container.kind) {
      case 'record':
      case 'collection': {
        const shape = this.valueShape(container, key);
        if (!shape) throw new Refusal('shape', `"${key}" is not a field of ${container.id}`);
        this.checkValue(shape, content, where);
        if (container.kind === 'collection' && key !== null && !(container.type && mapHas(container.type, key))) {
          let entry = this.newKeys.get(container.id);
          if (!entry) this.newKeys.set(container.id, (entry = { container, keys: new Set() }));
          entry.keys.add(key);
        }
        if (content instanceof Y.ContentType) this.newTypeContainers.set(item, this.childContainer(container, key, content.type as Y.AbstractType<unknown>, null));
        return;
      }
      case 'text': {
        if (key !== null || !(content instanceof Y.ContentString)) throw new Refusal('shape', `${where} holds plain text only, not ${typeLabel(content)}`);
        this.addLength(container.id, container.type, container.shape, this.liveLength(item), where);
        return;
      }
      case 'rich':
      case 'richElement': {
        if (key !== null) {
          if (container.kind !== 'richElement' || !(content instanceof Y.ContentAny)) throw new Refusal('shape', `${where}: not an attribute`);
          if (JSON.stringify(content.arr).length > MAX_ATTRIBUTE_JSON) throw new Refusal('limit', `${where}: attribute too large`);
          return;
        }
        if (!(content instanceof Y.ContentType)) throw new Refusal('shape', `${where} holds paragraphs, not ${typeLabel(content)}`);
        const type = content.type;
        if (type instanceof Y.XmlElement && !RICH_TEXT_NODES.has(type.nodeName)) throw new Refusal('shape', `${where}: unknown rich-text node "${type.nodeName}"`);
        if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlText)) throw new Refusal('shape', `${where} holds paragraphs, not ${typeLabel(content)}`);
        this.newTypeContainers.set(item, this.childContainer(container, null, type as Y.AbstractType<unknown>, null));
        return;
      }
      case 'richText': {
        if (key !== null) throw new Refusal('shape', `${where}: text has no attributes`);
        if (content instanceof Y.ContentString) {
          const root = (this.doc.share.get(container.rootId) ?? null) as Y.AbstractType<unknown> | null;
          this.addLength(container.rootId, root, container.rootShape, this.liveLength(item), container.rootId);
          return;
        }
        if (content instanceof Y.ContentFormat) {
          if (!RICH_TEXT_MARKS.has(content.key.replace(/--[A-Za-z0-9+/=]{8}$/, ''))) throw new Refusal('shape', `${where}: unknown mark "${content.key}"`);
          if (JSON.stringify(content.value ?? null).length > MAX_ATTRIBUTE_JSON) throw new Refusal('limit', `${where}: mark too large`);
          return;
        }
        throw new Refusal('shape', `${where} holds text, not ${typeLabel(content)}`);
      }
    }
  }

  private checkValue(shape: Shape, content: Y.Item['content'], where: string): void {
    switch (shape.kind) {
      case 'string':
      case 'number':
      case 'boolean': {
        const values = content instanceof Y.ContentAny ? content.arr : null;
        const value = values?.length === 1 ? values[0] : undefined;
        if (shape.kind === 'string') {
          if (typeof value !== 'string') throw new Refusal('shape', `${where} must be a string, not ${typeLabel(content)}`);
          if (value.length > shape.maxLength) throw new Refusal('limit', `${where} is longer than ${shape.maxLength} characters`);
          if (shape.oneOf && !shape.oneOf.includes(value)) throw new Refusal('shape', `${where} must be one of ${shape.oneOf.join(', ')}`);
        } else if (shape.kind === 'number' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'boolean') {
          throw new Refusal('shape', `${where} must be a ${shape.kind}`);
        }
        return;
      }
      case 'record':
      case 'collection':
        if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) throw new Refusal('shape', `${where} must be a map, not ${typeLabel(content)}`);
        return;
      case 'text':
        if (!(content instanceof Y.ContentType) || content.type.constructor !== Y.Text) throw new Refusal('shape', `${where} must be text, not ${typeLabel(content)}`);
        return;
      case 'rich':
        throw new Refusal('shape', `${where}: rich text lives in root fragments only`);
    }
  }

  /** An inserted run's length minus what this same update deletes of it. */
  private liveLength(item: Y.Item): number {
    return item.length - this.deletedOverlap(item.id.client, item.id.clock, item.length);
  }

  private deletedOverlap(client: number, clock: number, length: number): number {
    let overlap = 0;
    for (const range of this.update.ds.clients.get(client) ?? []) {
      const from = Math.max(clock, range.clock);
      const to = Math.min(clock + length, range.clock + range.len);
      if (to > from) overlap += to - from;
    }
    return overlap;
  }

  private addLength(id: string, type: Y.AbstractType<unknown> | null, shape: TypeShape, delta: number, label: string): void {
    if (shape.kind !== 'text' && shape.kind !== 'rich') return;
    let entry = this.lengths.get(id);
    if (!entry) {
      const base = () => (type ? plainLength(type) : 0);
      this.lengths.set(id, (entry = { base, max: shape.maxLength, delta: 0, label }));
    }
    entry.delta += delta;
  }

  /** Subtracts what the update deletes of existing text from the counted lengths. */
  private countDeletions(): void {
    if (this.lengths.size === 0) return;
    for (const [client, ranges] of this.update.ds.clients) {
      const structs = (this.doc.store as unknown as { clients: Map<number, Array<Y.Item | Y.GC>> }).clients.get(client);
      if (!structs) continue;
      for (const range of ranges) {
        const state = Y.getState(this.doc.store, client);
        if (range.clock >= state) continue;
        let index = Y.findIndexSS(structs as never, range.clock);
        for (; index < structs.length; index++) {
          const struct = structs[index]!;
          if (struct.id.clock >= range.clock + range.len) break;
          if (!(struct instanceof Y.Item) || struct.deleted || !struct.countable || !(struct.content instanceof Y.ContentString)) continue;
          const overlap = Math.min(struct.id.clock + struct.length, range.clock + range.len) - Math.max(struct.id.clock, range.clock);
          if (overlap <= 0) continue;
          const container = this.containerOfType(struct.parent as Y.AbstractType<unknown>);
          const id = container.kind === 'richText' || container.kind === 'richElement' ? container.rootId : container.id;
          const entry = this.lengths.get(id);
          if (entry) entry.delta -= overlap;
        }
      }
    }
  }
}

/*
 * Readers over a type's items rather than its class: on the server, a root nobody has asked
 * for by kind (getText, getMap) is a bare AbstractType, without Y.Text's or Y.Map's methods.
 */

/** Characters of plain or rich text (formatting excluded). */
function plainLength(type: Y.AbstractType<unknown>): number {
  let total = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentString) total += item.length;
    else if (item.content instanceof Y.ContentType) total += plainLength(item.content.type as Y.AbstractType<unknown>);
  }
  return total;
}

function mapSize(type: Y.AbstractType<unknown>): number {
  let size = 0;
  for (const item of type._map.values()) if (!item.deleted) size++;
  return size;
}

function mapHas(type: Y.AbstractType<unknown>, key: string): boolean {
  const item = type._map.get(key);
  return item !== undefined && !item.deleted;
}
