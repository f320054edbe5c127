// A kind's list in protobuf: the XList message {metadata ListMeta = 1, repeated X items = 2} inside the k8s
// envelope. Built from the item kind's own schema, so every kind has its list without a schema of its own.

import { isPlainObject } from "../object.ts";
import { dropUnsetObjectMeta, listMeta } from "../../resources/object-meta-schema.ts";
import { decodeMessage, EncodeError, encodeMessage } from "./codec.ts";
import { decodeEnvelope, encodeEnvelope } from "./envelope.ts";
import type { ExpectedType } from "./kube-object.ts";
import { WireError, WireReader, WireType, WireWriter } from "./wire.ts";

export interface ListJson {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  items?: Record<string, unknown>[];
}

/** The list type of a kind: its apiVersion, and the kind with "List" appended. */
export function listKindOf(item: ExpectedType): string {
  return `${item.kind}List`;
}

/** A list answer in protobuf, envelope included (throws EncodeError when an item does not fit the schema). */
export function encodeList(list: ListJson, item: ExpectedType, options: { lossless?: boolean } = {}): Uint8Array {
  const w = new WireWriter();
  // Go writes the embedded ListMeta always, empty or not.
  w.tag(1, WireType.bytes).bytes(encodeMessage(list.metadata ?? {}, listMeta, { lossless: options.lossless }));
  (list.items ?? []).forEach((object, i) => {
    try {
      w.tag(2, WireType.bytes).bytes(encodeMessage(object, item.schema, { topLevel: true, lossless: options.lossless }));
    } catch (error) {
      throw new EncodeError(`items[${i}].${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return encodeEnvelope({ apiVersion: list.apiVersion ?? item.apiVersion, kind: list.kind ?? listKindOf(item) }, w.finish());
}

export type DecodedList = { ok: true; list: Required<ListJson> } | { ok: false; error: string };

/**
 * A protobuf list as its JSON form. Items carry no TypeMeta on the wire; they get the item type's apiVersion
 * and kind, as a typed client knows them.
 */
export function decodeList(bytes: Uint8Array, item: ExpectedType): DecodedList {
  const unwrapped = decodeEnvelope(bytes);
  if (!unwrapped.ok) return unwrapped;
  const { envelope } = unwrapped;
  const kind = envelope.kind || listKindOf(item);
  if (kind !== listKindOf(item)) return { ok: false, error: `expected ${listKindOf(item)}, got ${kind}` };
  const list: Required<ListJson> = { apiVersion: envelope.apiVersion || item.apiVersion, kind, metadata: {}, items: [] };
  try {
    const reader = new WireReader(envelope.raw);
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      if ((field === 1 || field === 2) && wireType !== WireType.bytes) throw new WireError(`wrong wireType = ${wireType} for field ${field} of ${kind}`);
      if (field === 1) {
        const meta = decodeMessage(reader.bytes(), listMeta, { omitEmpty: true });
        if (!meta.ok) return meta;
        list.metadata = meta.value;
      } else if (field === 2) {
        const decoded = decodeMessage(reader.bytes(), item.schema, { topLevel: true, omitEmpty: true });
        if (!decoded.ok) return decoded;
        if (isPlainObject(decoded.value.metadata)) dropUnsetObjectMeta(decoded.value.metadata);
        list.items.push({ apiVersion: item.apiVersion, kind: item.kind, ...decoded.value });
      } else reader.skip(wireType, field);
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, list };
}
