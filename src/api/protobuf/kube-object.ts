// A request body in protobuf as the JSON object it stands for: the envelope's typeMeta checked against what
// the URL expects and filled in, the raw message decoded with the kind's schema. Errors are 400 Status values.

import type { z } from "zod";
import { badRequest } from "../errors.ts";
import { isPlainObject } from "../object.ts";
import type { Status } from "../status.ts";
import { apiVersionOf, type KindDefinition } from "../../resources/definition.ts";
import { deleteOptions, dropUnsetObjectMeta, scale, status } from "../../resources/object-meta-schema.ts";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { decodeEnvelope, encodeEnvelope } from "./envelope.ts";

/** What a body must be: the kind and version the URL names, and the schema that reads it. */
export interface ExpectedType {
  apiVersion: string;
  kind: string;
  schema: z.core.$ZodType;
  /** Accept any apiVersion (DeleteOptions is registered in every group version). */
  anyVersion?: boolean;
}

export type DecodedObject = { ok: true; object: Record<string, unknown> } | { ok: false; status: Status };

const protobufContentType = "application/vnd.kubernetes.protobuf";

/** Decodes a protobuf body as `expected`; a missing kind or apiVersion is the expected one, as kube fills it. */
export function decodeObject(body: Uint8Array, expected: ExpectedType): DecodedObject {
  const fail = (message: string): DecodedObject => ({ ok: false, status: badRequest(message) });
  const unwrapped = decodeEnvelope(body);
  if (!unwrapped.ok) return fail(unwrapped.error);
  const { envelope } = unwrapped;
  if (envelope.contentEncoding !== "") return fail(`unsupported content encoding ${JSON.stringify(envelope.contentEncoding)} in the protobuf envelope`);
  if (envelope.contentType !== "" && envelope.contentType !== protobufContentType) {
    return fail(`unsupported content type ${JSON.stringify(envelope.contentType)} in the protobuf envelope`);
  }
  const kind = envelope.kind || expected.kind;
  const apiVersion = envelope.apiVersion || expected.apiVersion;
  // The same words as for a JSON body that names another type (registry/schema-check.ts).
  if (kind !== expected.kind) return fail(`the object provided is unrecognized (must be of type ${expected.kind}): kind ${kind} does not match the URL`);
  if (!expected.anyVersion && apiVersion !== expected.apiVersion) {
    return fail(`the API version in the data (${apiVersion}) does not match the expected API version (${expected.apiVersion})`);
  }
  const decoded = decodeMessage(envelope.raw, expected.schema, { topLevel: true, omitEmpty: true });
  if (!decoded.ok) return fail(`the body is not a valid protobuf ${expected.kind}: ${decoded.error}`);
  const object: Record<string, unknown> = { apiVersion, kind, ...decoded.value };
  if (isPlainObject(object.metadata)) dropUnsetObjectMeta(object.metadata);
  return { ok: true, object };
}

/** The type a kind's own URL expects (create, update, /status). */
export function kindType(def: KindDefinition): ExpectedType {
  return { apiVersion: apiVersionOf(def), kind: def.kind, schema: def.schema };
}

export const scaleType: ExpectedType = { apiVersion: "autoscaling/v1", kind: "Scale", schema: scale };
export const statusType: ExpectedType = { apiVersion: "v1", kind: "Status", schema: status };
export const deleteOptionsType: ExpectedType = { apiVersion: "meta.k8s.io/v1", kind: "DeleteOptions", schema: deleteOptions, anyVersion: true };

export function decodeKubeObject(body: Uint8Array, def: KindDefinition): DecodedObject {
  return decodeObject(body, kindType(def));
}

/**
 * An object in protobuf, envelope included (throws EncodeError when it does not fit the schema, or with
 * `lossless` when it has a field the schema gives no number).
 */
export function encodeObject(object: Record<string, unknown>, type: ExpectedType, options: { lossless?: boolean } = {}): Uint8Array {
  const apiVersion = typeof object.apiVersion === "string" ? object.apiVersion : type.apiVersion;
  const kind = typeof object.kind === "string" ? object.kind : type.kind;
  return encodeEnvelope({ apiVersion, kind }, encodeMessage(object, type.schema, { topLevel: true, lossless: options.lossless }));
}

export function encodeKubeObject(object: Record<string, unknown>, def: KindDefinition): Uint8Array {
  return encodeObject(object, kindType(def));
}
