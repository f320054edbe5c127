// The OpenAPI 3.0 documents served under /openapi/v3: one per group version, holding that group version's
// paths and every schema they reach, in the JSON shape kube-openapi writes (a reference with a description
// or extensions beside it is wrapped in allOf). kubectl explain reads these, and kubectl decides from the
// PATCH operations' parameters that the server validates fields itself.

import type { Parameter } from "./parameters.ts";
import type { Operation, PathItem } from "./paths.ts";
import { bearerToken } from "./swagger-v2.ts";
import { byCodeUnit, extension, operationGvkValue, refsOf, sortedRecord, type Schema } from "./schema.ts";

type Json = Record<string, unknown>;

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function v3Schema(schema: Schema): Json {
  const out: Json = {};
  if (schema.description) out.description = schema.description;
  if (schema.ref) {
    const siblings = schema.description || schema.extensions;
    if (siblings) out.allOf = [refTo(schema.ref)];
    else Object.assign(out, refTo(schema.ref));
  } else {
    if (schema.type && !schema.oneOf) out.type = schema.type;
    if (schema.format) out.format = schema.format;
    if (schema.oneOf) out.oneOf = schema.oneOf.map(v3Schema);
    if (schema.required?.length) out.required = schema.required;
    if (schema.items) out.items = v3Schema(schema.items);
    if (schema.properties) {
      const properties: Json = {};
      for (const [key, value] of Object.entries(sortedRecord(schema.properties))) properties[key] = v3Schema(value);
      out.properties = properties;
    }
    if (schema.additionalProperties) out.additionalProperties = v3Schema(schema.additionalProperties);
    if (schema.enum) out.enum = schema.enum;
  }
  Object.assign(out, sortedRecord(schema.extensions ?? {}));
  return out;
}

function v3Parameter(p: Parameter): Json {
  const out: Json = { name: p.name, in: p.in, description: p.description };
  if (p.required) out.required = true;
  out.schema = { type: p.type, uniqueItems: true };
  return out;
}

function content(mediaTypes: string[], ref: string): Json {
  const out: Json = {};
  for (const type of mediaTypes.slice().sort()) out[type] = { schema: refTo(ref) };
  return out;
}

function v3Operation(op: Operation): Json {
  const out: Json = { tags: [op.tag], description: op.description, operationId: op.operationId };
  if (op.parameters.length) out.parameters = op.parameters.map(v3Parameter);
  if (op.body) {
    const body: Json = { content: content(op.consumes, op.body.ref) };
    if (op.body.required) body.required = true;
    out.requestBody = body;
  }
  const responses: Json = {};
  for (const r of op.responses) responses[r.code] = r.ref ? { description: r.description, content: content(op.produces, r.ref) } : { description: r.description };
  out.responses = responses;
  out[extension.action] = op.action;
  out[extension.gvk] = operationGvkValue(op.gvk);
  return out;
}

function v3PathItem(item: PathItem): Json {
  const out: Json = {};
  for (const method of ["get", "put", "post", "delete", "patch"] as const) {
    const op = item.operations.find((o) => o.method === method);
    if (op) out[method] = v3Operation(op);
  }
  if (item.parameters.length) out.parameters = item.parameters.map(v3Parameter);
  return out;
}

/** Names of the definitions the paths refer to, and every definition those refer to in turn. */
export function reachableDefinitions(paths: PathItem[], definitions: Record<string, Schema>): string[] {
  const pending: string[] = [];
  for (const item of paths) {
    for (const op of item.operations) {
      if (op.body) pending.push(op.body.ref);
      for (const r of op.responses) if (r.ref) pending.push(r.ref);
    }
  }
  const seen = new Set<string>();
  while (pending.length) {
    const name = pending.pop()!;
    if (seen.has(name) || !definitions[name]) continue;
    seen.add(name);
    pending.push(...refsOf(definitions[name]));
  }
  return [...seen].sort();
}

/** The document of one group version: its paths and the schemas they reach. */
export function openAPIV3Document(version: string, paths: PathItem[], definitions: Record<string, Schema>): Json {
  const jsonPaths: Json = {};
  for (const item of paths.slice().sort((a, b) => byCodeUnit(a.path, b.path))) jsonPaths[item.path] = v3PathItem(item);
  const schemas: Json = {};
  for (const name of reachableDefinitions(paths, definitions)) schemas[name] = v3Schema(definitions[name]);
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version },
    paths: jsonPaths,
    components: { schemas, securitySchemes: { BearerToken: bearerToken } },
  };
}

/** The index at /openapi/v3: each group version's document, by its path, at a URL that names its hash. */
export function openAPIV3Index(hashes: Record<string, string>): Json {
  const paths: Json = {};
  for (const [gv, hash] of Object.entries(sortedRecord(hashes))) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` };
  return { paths };
}
