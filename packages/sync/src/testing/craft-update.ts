import * as encoding from "lib0/encoding";

/** One hand-made item: a string inserted after `origin`, or into a root type or a parent item's type. */
export interface CraftedItem {
  readonly client: number;
  readonly clock: number;
  readonly text: string;
  readonly origin?: readonly [client: number, clock: number];
  readonly root?: string;
  readonly parent?: readonly [client: number, clock: number];
  readonly key?: string;
}

const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;
const HAS_PARENT_SUB = 0x20;

/**
 * Encodes a one-item Yjs update (version 1) by hand, as a hostile client could write it: the stock
 * encoder never makes most of these, which is why tests need them.
 */
export function craftUpdate(item: CraftedItem): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, item.client);
  encoding.writeVarUint(encoder, item.clock);
  const withKey = !item.origin && item.key !== undefined;
  encoding.writeUint8(
    encoder,
    CONTENT_STRING | (item.origin ? HAS_ORIGIN : 0) | (withKey ? HAS_PARENT_SUB : 0),
  );
  if (item.origin) {
    encoding.writeVarUint(encoder, item.origin[0]);
    encoding.writeVarUint(encoder, item.origin[1]);
  } else if (item.root !== undefined) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, item.root);
  } else {
    const [client, clock] = item.parent ?? [0, 0];
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  if (withKey) encoding.writeVarString(encoder, item.key as string);
  encoding.writeVarString(encoder, item.text);
  // An empty delete set.
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** A delete-only update: removes `len` clocks of `client` from `clock`. */
export function craftDeletion(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, len);
  return encoding.toUint8Array(encoder);
}

/** A hand-made item of {@link craftStructs}: a value (`any`) or deleted content, placed like {@link CraftedItem}. */
export interface CraftedStruct {
  readonly client: number;
  readonly clock: number;
  readonly origin?: readonly [client: number, clock: number];
  readonly root?: string;
  /** The item whose type it goes into, instead of a root (a code's map, say). */
  readonly parent?: readonly [client: number, clock: number];
  readonly key?: string;
  /** One JSON-like value (ContentAny), or, when absent, one deleted unit (ContentDeleted). */
  readonly value?: unknown;
}

const CONTENT_DELETED = 1;
const CONTENT_ANY = 8;

/** Encodes several items, of one or more clients, as one Yjs update (version 1), as a hostile client could. */
export function craftStructs(items: readonly CraftedStruct[]): Uint8Array {
  const byClient = new Map<number, CraftedStruct[]>();
  for (const item of items) byClient.set(item.client, [...(byClient.get(item.client) ?? []), item]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, list.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, (list[0] as CraftedStruct).clock);
    for (const item of list) {
      const withKey = !item.origin && item.key !== undefined;
      const content = item.value === undefined ? CONTENT_DELETED : CONTENT_ANY;
      encoding.writeUint8(encoder, content | (item.origin ? HAS_ORIGIN : 0) | (withKey ? HAS_PARENT_SUB : 0));
      if (item.origin) {
        encoding.writeVarUint(encoder, item.origin[0]);
        encoding.writeVarUint(encoder, item.origin[1]);
      } else if (item.parent) {
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, item.parent[0]);
        encoding.writeVarUint(encoder, item.parent[1]);
        if (withKey) encoding.writeVarString(encoder, item.key as string);
      } else {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, item.root ?? "");
        if (withKey) encoding.writeVarString(encoder, item.key as string);
      }
      if (item.value === undefined) encoding.writeVarUint(encoder, 1);
      else {
        encoding.writeVarUint(encoder, 1);
        encoding.writeAny(encoder, item.value as never);
      }
    }
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}
