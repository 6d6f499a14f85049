import * as Y from "yjs";

/** What kind of shared type a place in a document is. */
export type TypeKind =
  | "root"
  | "xml-element"
  | "xml-text"
  | "xml-fragment"
  | "map"
  | "array"
  | "text"
  | "other";

/**
 * A shared type, described by where it sits: a root type of the document (named), or a type held
 * by another type under `key` (a map key, an XML attribute) or in its list (`key` null).
 */
export interface TypePlace {
  readonly kind: TypeKind;
  /** The root type's name, or an XML element's node name; null otherwise. */
  readonly name: string | null;
  /** The key under which this type sits in its parent, or null in a list (or for a root). */
  readonly key: string | null;
  readonly parent: TypePlace | null;
  /** Whether the update being read creates this type. */
  readonly isNew: boolean;
  /** The type itself when it exists in the document already (rules read its current values). */
  // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
  readonly type: Y.AbstractType<any> | null;
}

/** What a piece of content is, as far as the rules need to know. */
export type ContentValue =
  | { readonly kind: "string"; readonly text: string }
  | { readonly kind: "any"; readonly values: readonly unknown[] }
  | { readonly kind: "type"; readonly type: TypePlace }
  | { readonly kind: "format"; readonly key: string; readonly value: unknown }
  | { readonly kind: "deleted" }
  | { readonly kind: "other"; readonly what: string };

/** One piece of content the update inserts: into which type, under which key, what. */
export interface Insertion {
  readonly parent: TypePlace;
  readonly key: string | null;
  readonly content: ContentValue;
  /**
   * For a value under a key of a type that exists already: the value it replaces (Yjs deletes a
   * key's previous value when a new one is set), if that value is live.
   */
  readonly replaces: ContentValue | null;
}

/** One piece of the document's live content that the update deletes. */
export interface Deletion {
  readonly parent: TypePlace;
  readonly key: string | null;
  readonly content: ContentValue;
}

/** What an update would do to a document, read without changing it. */
export interface UpdateChanges {
  readonly insertions: readonly Insertion[];
  readonly deletions: readonly Deletion[];
  /** The client ids whose new structs the update carries, with the first new clock of each. */
  readonly clients: ReadonlyMap<number, number>;
  /** The deleted ranges that touch the document's live content, for remembering a refusal. */
  readonly deletedRanges: readonly {
    readonly client: number;
    readonly clock: number;
    readonly len: number;
  }[];
  /** Whether the update changes anything at all. */
  readonly isEmpty: boolean;
  /**
   * A copy of the document with the update applied, made on first call and kept: for the rare
   * rule that must see which of several values written under one key Yjs keeps. Costs a copy of
   * the document, so only for small documents or unusual updates.
   */
  after(): Y.Doc;
}

/** Thrown by {@link readUpdateChanges} for an update that would not apply cleanly to the document. */
export class MalformedUpdate extends Error {
  override readonly name = "MalformedUpdate";
}

/**
 * Thrown by {@link readUpdateChanges} for an update that builds on something the document does not
 * have yet (a client's edit that overtook the sync answer carrying what it builds on): it can be
 * read again once more has arrived.
 */
export class IncompleteUpdate extends Error {
  override readonly name = "IncompleteUpdate";
}

const MAX_DEPTH = 64;
/**
 * More structs than one update of a person's work holds (a day of offline coding is a few
 * thousand): beyond it, reading would hold the server up for seconds.
 */
const MAX_STRUCTS = 100_000;

/** A decoded update's delete set: per client, ranges of clocks. */
interface DeleteSet {
  readonly clients: Map<number, readonly { readonly clock: number; readonly len: number }[]>;
}

type Struct = Y.Item | Y.GC | Y.Skip;
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
type AnyType = Y.AbstractType<any>;

function kindOf(type: AnyType): TypeKind {
  // XmlText extends Text and XmlElement extends XmlFragment: test the subclasses first.
  if (type instanceof Y.XmlText) return "xml-text";
  if (type instanceof Y.XmlElement) return "xml-element";
  if (type instanceof Y.XmlFragment) return "xml-fragment";
  if (type instanceof Y.Text) return "text";
  if (type instanceof Y.Map) return "map";
  if (type instanceof Y.Array) return "array";
  return "other";
}

function contentValue(content: Y.Item["content"], typePlace: () => TypePlace): ContentValue {
  if (content instanceof Y.ContentString) return { kind: "string", text: content.str };
  if (content instanceof Y.ContentAny) return { kind: "any", values: content.arr };
  if (content instanceof Y.ContentType) return { kind: "type", type: typePlace() };
  if (content instanceof Y.ContentFormat) return { kind: "format", key: content.key, value: content.value };
  if (content instanceof Y.ContentDeleted) return { kind: "deleted" };
  return { kind: "other", what: content.constructor.name };
}

/**
 * Reads what `update` would insert and delete if applied to `doc`, without applying it, and checks
 * that it would apply cleanly: every struct continues its client's clock where the document stands,
 * everything it refers to (neighbours, parent) exists in the document or in the update, a parent is
 * a shared type, the left and right neighbours of an insertion sit in the same type, and it deletes
 * only what exists. Throws {@link MalformedUpdate} otherwise, or {@link IncompleteUpdate} for an
 * update that needs what has not arrived yet. Pass an update reduced to what the
 * document lacks (`Y.diffUpdate`).
 */
export function readUpdateChanges(doc: Y.Doc, update: Uint8Array): UpdateChanges {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch (error) {
    throw new MalformedUpdate(`the update does not decode: ${(error as Error).message}`);
  }
  if (decoded.structs.length > MAX_STRUCTS) {
    throw new MalformedUpdate(`the update holds more than ${MAX_STRUCTS} structs`);
  }
  const changes = new UpdateReader(doc, decoded.structs, decoded.ds).read();
  let copy: Y.Doc | null = null;
  return {
    ...changes,
    after() {
      if (!copy) {
        copy = new Y.Doc({ gc: false });
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        Y.applyUpdate(copy, update);
      }
      return copy;
    },
  };
}

interface Location {
  readonly parent: TypePlace;
  readonly key: string | null;
}

/** Where an update's item lands: a type and key, or nowhere (Yjs garbage-collects it on arrival). */
type Landing = Location | "garbage";

class UpdateReader {
  private readonly store: Y.Doc["store"];
  /** The update's structs by client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>();
  private readonly landings = new Map<Y.Item, Landing>();
  /** Each struct's predecessor of the same client in the update. */
  private readonly previous = new Map<Struct, Struct>();
  private readonly resolving = new Set<Y.Item>();
  private readonly newTypes = new Map<Y.Item, TypePlace>();
  private readonly existingTypes = new Map<AnyType, TypePlace>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
    private readonly ds: DeleteSet,
  ) {
    this.store = doc.store;
  }

  read(): Omit<UpdateChanges, "after"> {
    const clients = new Map<number, number>();
    for (const struct of this.structs) {
      if (struct instanceof Y.Skip) throw new MalformedUpdate("the update has a gap (a skipped range)");
      const { client, clock } = struct.id;
      const list = this.byClient.get(client);
      const expected = list
        ? (list.at(-1) as Struct).id.clock + (list.at(-1) as Struct).length
        : Y.getState(this.store, client);
      if (clock > expected) throw new IncompleteUpdate(`client ${client}'s structs start after a gap`);
      if (clock !== expected) {
        throw new MalformedUpdate(`client ${client}'s structs do not continue at clock ${expected}`);
      }
      if (struct.length < 1) throw new MalformedUpdate("a struct without length");
      if (list) {
        this.previous.set(struct, list.at(-1) as Struct);
        list.push(struct);
      } else {
        this.byClient.set(client, [struct]);
        clients.set(client, clock);
      }
    }
    const insertions: Insertion[] = [];
    // In the order Yjs can integrate them, so that whatever a struct lands next to is read first.
    for (const struct of this.integrationOrder()) {
      if (!(struct instanceof Y.Item)) continue;
      const landing = this.landingOf(struct);
      if (landing === "garbage") continue;
      if (struct.content instanceof Y.ContentDoc) throw new MalformedUpdate("subdocuments are not allowed");
      insertions.push({
        parent: landing.parent,
        key: landing.key,
        content: contentValue(struct.content, () => this.placeOfNewType(struct, landing)),
        replaces: this.replacedBy(landing),
      });
    }
    const { deletions, deletedRanges } = this.readDeletions();
    return {
      insertions,
      deletions,
      clients,
      deletedRanges,
      isEmpty: this.structs.length === 0 && deletions.length === 0,
    };
  }

  /** The structs of the update that `struct` needs integrated first: its client's previous one, and
   * the update's structs holding its neighbours and parent. */
  private dependenciesOf(struct: Struct): Struct[] {
    const previous = this.previous.get(struct);
    const deps: Struct[] = previous ? [previous] : [];
    if (struct instanceof Y.Item) {
      for (const id of [
        struct.origin,
        struct.rightOrigin,
        struct.parent instanceof Y.ID ? struct.parent : null,
      ]) {
        if (!id || id.client === struct.id.client) continue;
        const theirs = this.byClient.get(id.client);
        if (theirs && id.clock >= (theirs[0] as Struct).id.clock) {
          const found = findIn(theirs, id.clock);
          if (found) deps.push(found);
        }
      }
    }
    return deps;
  }

  /**
   * The update's structs with every struct after what it needs (Yjs integrates a client's structs in
   * clock order, each once its neighbours and parent are in). Structs that need each other in a
   * circle could never be integrated: Yjs would keep them pending, to land later next to whatever
   * arrives at those clocks. Such an update is refused.
   */
  private integrationOrder(): Struct[] {
    const order: Struct[] = [];
    const state = new Map<Struct, "open" | "done">();
    for (const root of this.structs) {
      if (state.has(root)) continue;
      const stack: { struct: Struct; deps: Struct[]; next: number }[] = [
        { struct: root, deps: this.dependenciesOf(root), next: 0 },
      ];
      state.set(root, "open");
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as (typeof stack)[number];
        const dep = top.deps[top.next];
        if (dep) {
          top.next += 1;
          const seen = state.get(dep);
          if (seen === "open") throw new MalformedUpdate("structs need each other in a circle");
          if (!seen) {
            state.set(dep, "open");
            stack.push({ struct: dep, deps: this.dependenciesOf(dep), next: 0 });
          }
        } else {
          state.set(top.struct, "done");
          order.push(top.struct);
          stack.pop();
        }
      }
    }
    return order;
  }

  /** The live value under `landing.key` of an existing type, which a new value there replaces. */
  private replacedBy(landing: Location): ContentValue | null {
    const type = landing.parent.type;
    if (landing.key === null || !type) return null;
    const current = type._map.get(landing.key);
    if (!current || current.deleted) return null;
    return contentValue(current.content, () => this.placeOfType((current.content as Y.ContentType).type));
  }

  private placeOfNewType(item: Y.Item, landing: Location): TypePlace {
    let place = this.newTypes.get(item);
    if (!place) {
      const type = (item.content as Y.ContentType).type;
      place = {
        kind: kindOf(type),
        name: type instanceof Y.XmlElement ? type.nodeName : null,
        key: landing.key,
        parent: landing.parent,
        isNew: true,
        type: null,
      };
      this.newTypes.set(item, place);
    }
    return place;
  }

  private placeOfType(type: AnyType, depth = 0): TypePlace {
    const known = this.existingTypes.get(type);
    if (known) return known;
    if (depth > MAX_DEPTH) throw new MalformedUpdate("types nested too deeply");
    const item = type._item;
    const place: TypePlace =
      item === null
        ? { kind: "root", name: Y.findRootTypeKey(type), key: null, parent: null, isNew: false, type }
        : {
            kind: kindOf(type),
            name: type instanceof Y.XmlElement ? type.nodeName : null,
            key: item.parentSub,
            parent: this.placeOfType(item.parent as AnyType, depth + 1),
            isNew: false,
            type,
          };
    this.existingTypes.set(type, place);
    return place;
  }

  private readonly newRoots = new Map<string, TypePlace>();

  private rootPlace(name: string): TypePlace {
    const existing = this.doc.share.get(name);
    if (existing) return this.placeOfType(existing);
    let place = this.newRoots.get(name);
    if (!place) {
      place = { kind: "root", name, key: null, parent: null, isNew: true, type: null };
      this.newRoots.set(name, place);
    }
    return place;
  }

  /**
   * The struct holding `id`: the update's own, or the document's. Throws {@link IncompleteUpdate}
   * if neither has it yet.
   */
  private find(id: Y.ID, from: Y.Item): { struct: Struct; inUpdate: boolean } {
    // A struct may only refer to its own client's earlier structs (Yjs integrates them in order).
    if (id.client === from.id.client && id.clock >= from.id.clock) {
      throw new MalformedUpdate("an insertion refers to a later struct of its own client");
    }
    const list = this.byClient.get(id.client);
    if (list && id.clock >= (list[0] as Struct).id.clock) {
      const struct = findIn(list, id.clock);
      if (!struct) throw new IncompleteUpdate("an insertion builds on something not yet received");
      return { struct, inUpdate: true };
    }
    if (id.clock >= Y.getState(this.store, id.client)) {
      throw new IncompleteUpdate("an insertion builds on something not yet received");
    }
    return { struct: Y.getItem(this.store, id) as Struct, inUpdate: false };
  }

  private landingOf(item: Y.Item): Landing {
    const known = this.landings.get(item);
    if (known) return known;
    if (this.resolving.has(item)) throw new MalformedUpdate("structs refer to each other in a cycle");
    this.resolving.add(item);
    try {
      const landing = this.resolveLanding(item);
      this.landings.set(item, landing);
      return landing;
    } finally {
      this.resolving.delete(item);
    }
  }

  private neighbourLanding(id: Y.ID, item: Y.Item): Landing | null {
    const { struct, inUpdate } = this.find(id, item);
    if (!(struct instanceof Y.Item)) return "garbage";
    if (inUpdate) return this.landingOf(struct);
    if (!struct.parent || struct.parent instanceof Y.ID) return "garbage";
    return { parent: this.placeOfType(struct.parent), key: struct.parentSub };
  }

  private resolveLanding(item: Y.Item): Landing {
    const { origin, rightOrigin, parent } = item;
    if (origin || rightOrigin) {
      const left = origin ? this.neighbourLanding(origin, item) : null;
      const right = rightOrigin ? this.neighbourLanding(rightOrigin, item) : null;
      // Yjs garbage-collects an item next to garbage-collected content on arrival.
      if (left === "garbage" || right === "garbage") return "garbage";
      if (left && right && (left.parent !== right.parent || left.key !== right.key)) {
        throw new MalformedUpdate("an insertion's neighbours sit in different types");
      }
      return (left ?? right) as Location;
    }
    if (typeof parent === "string") return { parent: this.rootPlace(parent), key: item.parentSub };
    if (parent instanceof Y.ID) {
      const { struct, inUpdate } = this.find(parent, item);
      if (!(struct instanceof Y.Item)) return "garbage";
      if (!(struct.content instanceof Y.ContentType)) {
        throw new MalformedUpdate("an insertion's parent is not a shared type");
      }
      if (inUpdate) {
        const landing = this.landingOf(struct);
        if (landing === "garbage") return "garbage";
        return { parent: this.placeOfNewType(struct, landing), key: item.parentSub };
      }
      if (struct.deleted) return "garbage";
      return { parent: this.placeOfType(struct.content.type), key: item.parentSub };
    }
    throw new MalformedUpdate("an insertion without neighbours or parent");
  }

  private readDeletions(): Pick<UpdateChanges, "deletions" | "deletedRanges"> {
    const deletions: Deletion[] = [];
    const deletedRanges: { client: number; clock: number; len: number }[] = [];
    for (const [client, ranges] of this.ds.clients) {
      const known = Y.getState(this.store, client);
      const own = this.byClient.get(client);
      const ownEnd = own ? (own.at(-1) as Struct).id.clock + (own.at(-1) as Struct).length : known;
      for (const { clock, len } of ranges) {
        if (len < 1) continue;
        if (clock + len > ownEnd) throw new IncompleteUpdate("the update deletes what has not arrived yet");
        const end = Math.min(clock + len, known);
        if (clock >= end) continue;
        const structs = this.store.clients.get(client) as (Y.Item | Y.GC)[];
        let touched = false;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i] as Y.Item | Y.GC;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted || !struct.parent) continue;
          const parent = struct.parent as AnyType;
          touched = true;
          deletions.push({
            parent: this.placeOfType(parent),
            key: struct.parentSub,
            content: contentValue(struct.content, () =>
              this.placeOfType((struct.content as Y.ContentType).type),
            ),
          });
        }
        if (touched) deletedRanges.push({ client, clock, len: end - clock });
      }
    }
    return { deletions, deletedRanges };
  }
}

function findIn(list: readonly Struct[], clock: number): Struct | null {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid] as Struct;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return null;
}
