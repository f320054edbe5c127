// Writing answers: objects in JSON, YAML (pretty when asked) or protobuf, and the one place a Status becomes a
// response.

import { stringify as toYaml } from "yaml";
import type { Status } from "../api/status.ts";
import { protobufMediaType, type ResponseFormat } from "./media-types.ts";
import { encodeProtobufAnswer } from "./protobuf-answer.ts";

export interface Encoding {
  format: ResponseFormat;
  pretty: boolean;
}

/** The body as text: JSON or YAML (protobuf is not text; see respond). */
export function encodeBody(value: unknown, encoding: Encoding): { body: string; contentType: string } {
  if (encoding.format.type === "yaml") return { body: toYaml(value), contentType: "application/yaml" };
  const body = encoding.pretty ? JSON.stringify(value, null, 2) + "\n" : JSON.stringify(value);
  return { body, contentType: "application/json" };
}

/**
 * An answer in the negotiated format. Protobuf finds the message type from the value's apiVersion and kind;
 * a value without a protobuf form (a Table) is answered in JSON, which clients that accept protobuf also read.
 */
export function respond(value: unknown, code: number, encoding: Encoding, headers?: Record<string, string>): Response {
  if (encoding.format.type === "protobuf") {
    const bytes = encodeProtobufAnswer(value);
    if (bytes) return new Response(bytes, { status: code, headers: { "Content-Type": protobufMediaType, ...headers } });
  }
  const { body, contentType } = encodeBody(value, encoding);
  return new Response(body, { status: code, headers: { "Content-Type": contentType, ...headers } });
}

const jsonEncoding: Encoding = { format: { type: "json" }, pretty: false };

/** A Status as the response: its code is the HTTP status. YAML or protobuf when the client asked for them. */
export function respondStatus(status: Status, encoding: Encoding = jsonEncoding): Response {
  const asStatus = encoding.format.type === "table" ? jsonEncoding : encoding;
  const headers: Record<string, string> = {};
  if (status.details?.retryAfterSeconds) headers["Retry-After"] = String(status.details.retryAfterSeconds);
  return respond(status, status.code, asStatus, headers);
}
