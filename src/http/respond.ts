// Writing answers: objects in JSON or YAML (pretty when asked), and the one place a Status becomes a response.

import { stringify as toYaml } from "yaml";
import type { Status } from "../api/status.ts";
import type { ResponseFormat } from "./media-types.ts";

export interface Encoding {
  format: ResponseFormat;
  pretty: boolean;
}

export function encodeBody(value: unknown, encoding: Encoding): { body: string; contentType: string } {
  if (encoding.format.type === "yaml") return { body: toYaml(value), contentType: "application/yaml" };
  const body = encoding.pretty ? JSON.stringify(value, null, 2) + "\n" : JSON.stringify(value);
  return { body, contentType: "application/json" };
}

export function respond(value: unknown, code: number, encoding: Encoding, headers?: Record<string, string>): Response {
  const { body, contentType } = encodeBody(value, encoding);
  return new Response(body, { status: code, headers: { "Content-Type": contentType, ...headers } });
}

const jsonEncoding: Encoding = { format: { type: "json" }, pretty: false };

/** A Status as the response: its code is the HTTP status. YAML when the client asked for YAML. */
export function respondStatus(status: Status, encoding: Encoding = jsonEncoding): Response {
  const asStatus = encoding.format.type === "table" ? jsonEncoding : encoding;
  const headers: Record<string, string> = {};
  if (status.details?.retryAfterSeconds) headers["Retry-After"] = String(status.details.retryAfterSeconds);
  return respond(status, status.code, asStatus, headers);
}
