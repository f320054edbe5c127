// Request and response bodies as the JSON values an audit event carries: JSON and YAML parsed, protobuf
// decoded with the schema of the type its envelope names (a kind, its list, Scale, Status, DeleteOptions).
// Anything else, or anything that does not decode, is left out of the event rather than logged raw.

import { parse as parseYaml } from "yaml";
import { decodeEnvelope } from "../api/protobuf/envelope.ts";
import { decodeObject, deleteOptionsType } from "../api/protobuf/kube-object.ts";
import { decodeList } from "../api/protobuf/list.ts";
import { answerTypeOf } from "../http/protobuf-answer.ts";
import { bodyFormat } from "../http/media-types.ts";

/** Bodies larger than this are not read for the log (requests larger than 3 MiB are refused anyway). */
const maxBodyBytes = 3 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function decodeProtobuf(bytes: Uint8Array): unknown {
  const unwrapped = decodeEnvelope(bytes);
  if (!unwrapped.ok) return undefined;
  const { apiVersion, kind } = unwrapped.envelope;
  if (kind === "DeleteOptions") {
    const decoded = decodeObject(bytes, deleteOptionsType);
    return decoded.ok ? decoded.object : undefined;
  }
  const type = answerTypeOf({ apiVersion, kind });
  if (!type) return undefined;
  if ("object" in type) {
    const decoded = decodeObject(bytes, type.object);
    return decoded.ok ? decoded.object : undefined;
  }
  const decoded = decodeList(bytes, type.listOf);
  return decoded.ok ? decoded.list : undefined;
}

/** Reads at most maxBodyBytes; undefined if the body is longer. */
async function readBytes(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array | undefined> {
  if (!body) return undefined;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body of a request or response (a clone: the original goes to its handler or client) as a JSON value. */
export async function readAuditBody(message: Request | Response): Promise<unknown> {
  const bytes = await readBytes(message.body);
  if (!bytes || bytes.byteLength === 0) return undefined;
  const format = bodyFormat(message.headers.get("content-type") ?? undefined);
  if (format === "protobuf") return decodeProtobuf(bytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  try {
    if (format === "yaml" || format === "apply-patch") return parseYaml(text, { maxAliasCount: 100 }) as unknown;
    if (format !== undefined) return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  return undefined;
}

/** kube's omitManagedFields: the object's, its list items' and its table rows' managedFields dropped. */
export function withoutManagedFields(value: unknown): unknown {
  if (!isObject(value)) return value;
  const strip = (object: unknown): unknown => {
    if (!isObject(object) || !isObject(object.metadata) || !("managedFields" in object.metadata)) return object;
    const { managedFields: _dropped, ...metadata } = object.metadata;
    return { ...object, metadata };
  };
  let out = strip(value) as Json;
  if (Array.isArray(out.items)) out = { ...out, items: out.items.map(strip) };
  if (Array.isArray(out.rows)) out = { ...out, rows: out.rows.map((row) => (isObject(row) && "object" in row ? { ...row, object: strip(row.object) } : row)) };
  return out;
}

/** The metadata fields kube copies from a request object into the event's objectRef when it lacks them. */
export function objectMetaOf(value: unknown): { name?: string; namespace?: string; uid?: string; resourceVersion?: string } {
  if (!isObject(value) || !isObject(value.metadata)) return {};
  const m = value.metadata;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return { name: str(m.name), namespace: str(m.namespace), uid: str(m.uid), resourceVersion: str(m.resourceVersion) };
}
