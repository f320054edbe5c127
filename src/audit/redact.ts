// What the audit log never holds, whatever the policy's level: a Secret's data and stringData (and the
// last-applied configuration kubectl copies them into), and bearer tokens (TokenReview's spec.token,
// TokenRequest's status.token). Values are replaced, keys kept, in objects, lists, tables and watch-free
// answers alike; a request body sent to the secrets resource is redacted whatever its shape (a patch too).

import type { AccessAttributes } from "../auth/rbac/policy-rule.ts";

export const redacted = "<redacted>";
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
const maxDepth = 64;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function redactMap(value: unknown): unknown {
  if (!isObject(value)) return value === undefined || value === null ? value : redacted;
  return Object.fromEntries(Object.keys(value).map((key) => [key, redacted]));
}

function redactLastApplied(metadata: unknown): unknown {
  if (!isObject(metadata) || !isObject(metadata.annotations) || !(lastApplied in metadata.annotations)) return metadata;
  return { ...metadata, annotations: { ...metadata.annotations, [lastApplied]: redacted } };
}

/** A Secret (or a body meant for one): data and stringData values, and the last-applied annotation. */
function redactSecret(secret: Json): Json {
  const out: Json = { ...secret };
  if ("data" in out) out.data = redactMap(out.data);
  if ("stringData" in out) out.stringData = redactMap(out.stringData);
  if ("metadata" in out) out.metadata = redactLastApplied(out.metadata);
  return out;
}

function redactField(object: Json, field: string, key: string): Json {
  const inner = object[field];
  if (!isObject(inner) || !(key in inner)) return object;
  return { ...object, [field]: { ...inner, [key]: redacted } };
}

function walk(value: unknown, depth: number, secretScope: boolean): unknown {
  if (depth > maxDepth) return redacted;
  if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, secretScope));
  if (!isObject(value)) return value;
  let out: Json = {};
  for (const [key, item] of Object.entries(value)) out[key] = walk(item, depth + 1, secretScope);
  const kind = out.kind;
  // In a request for secrets, the body, its items and table rows are secrets whether or not they say so.
  if (kind === "Secret" || (secretScope && (depth === 0 || "data" in out || "stringData" in out))) out = redactSecret(out);
  else if (secretScope && "metadata" in out) out.metadata = redactLastApplied(out.metadata);
  if (kind === "SecretList" && Array.isArray(out.items)) out.items = out.items.map((item) => (isObject(item) ? redactSecret(item) : item));
  if (kind === "TokenReview") out = redactField(out, "spec", "token");
  if (kind === "TokenRequest") out = redactField(out, "status", "token");
  return out;
}

/** A JSON patch sent to a secret: every value and every path it copies from is hidden. */
function redactJsonPatch(ops: unknown[]): unknown[] {
  return ops.map((op) => (isObject(op) ? Object.fromEntries(Object.entries(op).map(([k, v]) => [k, k === "op" || k === "path" || k === "from" ? v : redacted])) : redacted));
}

/** Whether requests for these attributes act on Secrets (core group). */
export function isSecretRequest(attrs: AccessAttributes): boolean {
  return attrs.resourceRequest && (attrs.apiGroup ?? "") === "" && attrs.resource === "secrets";
}

/**
 * A request or response object as the audit log may hold it. `secretScope`: the request is for the secrets
 * resource, so the top-level body is a Secret (or a patch of one) whether or not it says so.
 */
export function redactForAudit(value: unknown, secretScope: boolean): unknown {
  if (secretScope && Array.isArray(value)) return redactJsonPatch(value);
  return walk(value, 0, secretScope);
}
