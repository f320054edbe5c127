// Reads a request body into an object: size limit, content type, JSON or YAML syntax, one object per body.
// A protobuf body comes back as its bytes: only the URL's kind can read it (api/protobuf/kube-object.ts).

import { parseDocument } from "yaml";
import { badRequest, tooLarge, unsupportedMediaType } from "../api/errors.ts";
import { jsonDuplicateFields } from "../api/json-duplicates.ts";
import { isPlainObject, type KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import { yamlDuplicateKeys } from "../api/yaml-duplicates.ts";
import { bodyFormat, type BodyFormat } from "./media-types.ts";

export const maxBodyBytes = 3 * 1024 * 1024;

/**
 * A body read, or why not. `duplicates` are the keys a JSON or YAML text repeats (the last value is kept), for
 * fieldValidation: JSON's as paths ("spec.paused"), YAML's as yaml.v2 words them ("line 3: key \"a\" already set in map").
 */
export type ReadBody = { ok: true; value: unknown; format: BodyFormat; duplicates?: string[] } | { ok: false; status: Status };

/** The raw parsed body, for the formats this server reads; for "protobuf", the body's bytes (a Uint8Array). */
export async function readBody(req: Request, accepted: readonly BodyFormat[]): Promise<ReadBody> {
  const contentType = req.headers.get("content-type") ?? "application/json";
  const format = bodyFormat(contentType);
  if (!format || !accepted.includes(format)) return { ok: false, status: unsupportedMediaType(contentType) };
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBodyBytes) return { ok: false, status: tooLarge() };
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBodyBytes) return { ok: false, status: tooLarge() };
  if (format === "protobuf") {
    if (bytes.byteLength === 0) return { ok: false, status: badRequest("the request body is empty") };
    return { ok: true, value: bytes, format };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, status: badRequest("the request body is not valid UTF-8") };
  }
  if (text.trim() === "") return { ok: false, status: badRequest("the request body is empty") };
  if (format === "yaml" || format === "apply-patch") {
    // kubectl and helm send apply bodies as JSON, which is YAML too: read it as JSON when it is (the YAML
    // parser costs ~15% of an apply's CPU). Repeated keys go the YAML way, for yaml.v2's wording.
    const json = text.trimStart().startsWith("{") ? parsedJson(text) : undefined;
    if (json !== undefined && jsonDuplicateFields(text).length === 0) return { ok: true, value: json, format, duplicates: [] };
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length) return { ok: false, status: badRequest(`error converting YAML to JSON: ${doc.errors[0].message}`) };
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }), format, duplicates: yamlDuplicateKeys(doc, text) };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value, format, duplicates: jsonDuplicateFields(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, status: badRequest(`the request body is not valid JSON: ${detail}`) };
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A body that must be one Kubernetes object: a JSON object whose metadata, if any, is an object. */
export function asObject(value: unknown, kind: string): KubeObject | Status {
  if (!isPlainObject(value)) {
    return badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${Array.isArray(value) ? "array" : typeof value} into Go value of type ${kind}`);
  }
  const metadata = value.metadata ?? {};
  if (!isPlainObject(metadata)) {
    return badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${Array.isArray(metadata) ? "array" : typeof metadata} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  }
  return { ...value, metadata } as KubeObject;
}
