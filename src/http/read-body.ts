// Reads a request body into an object: size limit, content type, JSON or YAML syntax, one object per body.

import { parseDocument } from "yaml";
import { badRequest, tooLarge, unsupportedMediaType } from "../api/errors.ts";
import { isPlainObject, type KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import { bodyFormat, type BodyFormat } from "./media-types.ts";

export const maxBodyBytes = 3 * 1024 * 1024;

export type ReadBody = { ok: true; value: unknown; format: BodyFormat } | { ok: false; status: Status };

/** The raw parsed body, for the formats this server reads. */
export async function readBody(req: Request, accepted: readonly BodyFormat[]): Promise<ReadBody> {
  const contentType = req.headers.get("content-type") ?? "application/json";
  const format = bodyFormat(contentType);
  if (!format || !accepted.includes(format)) return { ok: false, status: unsupportedMediaType(contentType) };
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBodyBytes) return { ok: false, status: tooLarge() };
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBodyBytes) return { ok: false, status: tooLarge() };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, status: badRequest("the request body is not valid UTF-8") };
  }
  if (text.trim() === "") return { ok: false, status: badRequest("the request body is empty") };
  if (format === "yaml" || format === "apply-patch") {
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length) return { ok: false, status: badRequest(`error converting YAML to JSON: ${doc.errors[0].message}`) };
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }), format };
  }
  try {
    return { ok: true, value: JSON.parse(text), format };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, status: badRequest(`the request body is not valid JSON: ${detail}`) };
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
