// An answer in protobuf: the message type is found from the answer's own apiVersion and kind, as kube's scheme
// finds an object's type (a served kind, its list, autoscaling/v1 Scale, or a Status). Undefined when there is
// no protobuf form (a Table), or the value does not fit its schema or has a field protobuf would drop; the
// caller then answers in JSON, which every client that accepts protobuf also accepts.

import { EncodeError } from "../api/protobuf/codec.ts";
import { SchemaError } from "../api/protobuf/descriptor.ts";
import { encodeObject, kindType, scaleType, statusType, type ExpectedType } from "../api/protobuf/kube-object.ts";
import { encodeList, listKindOf, type ListJson } from "../api/protobuf/list.ts";
import { WireError } from "../api/protobuf/wire.ts";
import { isPlainObject } from "../api/object.ts";
import { kinds } from "../resources/catalog.ts";

type AnswerType = { object: ExpectedType } | { listOf: ExpectedType };

const byTypeMeta = new Map<string, AnswerType>();
const typeKey = (apiVersion: string, kind: string) => `${apiVersion}\n${kind}`;
for (const def of kinds) {
  const type = kindType(def);
  byTypeMeta.set(typeKey(type.apiVersion, type.kind), { object: type });
  byTypeMeta.set(typeKey(type.apiVersion, listKindOf(type)), { listOf: type });
}
for (const type of [scaleType, statusType]) byTypeMeta.set(typeKey(type.apiVersion, type.kind), { object: type });

/** The protobuf message type of an answer, by its apiVersion and kind. */
export function answerTypeOf(value: unknown): AnswerType | undefined {
  if (!isPlainObject(value) || typeof value.apiVersion !== "string" || typeof value.kind !== "string") return undefined;
  return byTypeMeta.get(typeKey(value.apiVersion, value.kind));
}

/** The answer's protobuf bytes, envelope included; undefined when it has no protobuf form. */
export function encodeProtobufAnswer(value: unknown): Uint8Array | undefined {
  const type = answerTypeOf(value);
  if (!type) return undefined;
  try {
    const object = value as Record<string, unknown>;
    // Lossless: a field without a protobuf number (a schema not yet complete) means a JSON answer instead.
    return "object" in type ? encodeObject(object, type.object, { lossless: true }) : encodeList(object as ListJson, type.listOf, { lossless: true });
  } catch (error) {
    if (error instanceof EncodeError || error instanceof SchemaError || error instanceof WireError) return undefined;
    throw error;
  }
}
