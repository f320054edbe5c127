// What a resource path names: group, version, namespace, resource, name, subresource. kube's path rules:
// /api/v1/... and /apis/{group}/{version}/...; "namespaces/{ns}/" scopes a resource unless the next segment is
// a namespace subresource (status, finalize); a legacy "watch/" segment makes the request a watch.

import { badRequest } from "../api/errors.ts";
import type { Status } from "../api/status.ts";

export interface ResourceRequest {
  group: string;
  version: string;
  /** Present when the path is scoped to a namespace. */
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  legacyWatch: boolean;
}

const namespaceSubresources = new Set(["status", "finalize"]);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Parses a resource path; undefined when the path is not one, a Status when it is but is malformed. */
export function parseResourcePath(pathname: string): ResourceRequest | Status | undefined {
  const raw = pathname.split("/").filter((s, i) => i > 0 || s !== "");
  if (raw.length && raw[raw.length - 1] === "") raw.pop();
  const parts: string[] = [];
  for (const segment of raw) {
    const value = decode(segment);
    if (value === undefined) return badRequest(`invalid path segment ${JSON.stringify(segment)}`);
    parts.push(value);
  }
  let group: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    rest = parts.slice(1);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1];
    rest = parts.slice(2);
  } else {
    return undefined;
  }
  const version = rest[0];
  let tail = rest.slice(1);
  let legacyWatch = false;
  if (tail[0] === "watch") {
    legacyWatch = true;
    tail = tail.slice(1);
  }
  let namespace: string | undefined;
  if (tail[0] === "namespaces" && tail.length > 2 && !namespaceSubresources.has(tail[2])) {
    namespace = tail[1];
    tail = tail.slice(2);
  }
  if (tail.length === 0 || tail.length > 3) return undefined;
  const [resource, name, subresource] = tail;
  for (const value of [namespace, name]) {
    if (value === undefined) continue;
    if (value === "" || value === "." || value === ".." || value.includes("/") || value.includes("%")) {
      return badRequest(`invalid resource name ${JSON.stringify(value)}: may not be '.', '..', or contain '/' or '%'`);
    }
  }
  return { group, version, namespace, resource, name, subresource, legacyWatch };
}
