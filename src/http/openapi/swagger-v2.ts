// The Swagger 2.0 document served at /openapi/v2: every path and every definition, in the JSON shape
// kube-openapi writes (references as "#/definitions/NAME" with their description beside them). Its types
// are what gnostic-v2.ts encodes as protobuf.

import type { Parameter } from "./parameters.ts";
import type { Operation, PathItem } from "./paths.ts";
import { byCodeUnit, extension, operationGvkValue, sortedRecord, type Schema } from "./schema.ts";

export interface SwaggerSchema {
  description?: string;
  type?: string;
  format?: string;
  required?: string[];
  items?: SwaggerSchema;
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema;
  enum?: (string | number | boolean)[];
  $ref?: string;
  /** Vendor extensions ("x-..." keys). */
  [key: `x-${string}`]: unknown;
}

export interface SwaggerNonBodyParameter {
  uniqueItems: true;
  type: string;
  description: string;
  name: string;
  in: "query" | "path";
  required?: boolean;
}

export interface SwaggerBodyParameter {
  name: "body";
  in: "body";
  required?: boolean;
  schema: SwaggerSchema;
}

export type SwaggerParameter = SwaggerNonBodyParameter | SwaggerBodyParameter;

export interface SwaggerResponse {
  description: string;
  schema?: SwaggerSchema;
}

export interface SwaggerOperation {
  description: string;
  consumes: string[];
  produces: string[];
  schemes: string[];
  tags: string[];
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  [key: `x-${string}`]: unknown;
}

export interface SwaggerPathItem {
  get?: SwaggerOperation;
  put?: SwaggerOperation;
  post?: SwaggerOperation;
  delete?: SwaggerOperation;
  patch?: SwaggerOperation;
  parameters?: SwaggerParameter[];
}

export interface SwaggerDocument {
  swagger: "2.0";
  info: { title: string; version: string };
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
  securityDefinitions: Record<string, { description: string; type: "apiKey"; name: string; in: "header" }>;
  security: Record<string, string[]>[];
}

export const bearerToken = { description: "A bearer token in the Authorization header.", type: "apiKey" as const, name: "authorization", in: "header" as const };

export function swaggerSchema(schema: Schema): SwaggerSchema {
  const out: SwaggerSchema = {};
  if (schema.description) out.description = schema.description;
  if (schema.ref) {
    out.$ref = `#/definitions/${schema.ref}`;
  } else {
    if (schema.type) out.type = schema.type;
    if (schema.format) out.format = schema.format;
    // A loose object is published as a map of anything: kubectl's v2 validation then accepts every field.
    const modeled = !schema.loose;
    if (modeled && schema.required?.length) out.required = schema.required;
    if (schema.items) out.items = swaggerSchema(schema.items);
    if (modeled && schema.properties) {
      out.properties = {};
      for (const [key, value] of Object.entries(sortedRecord(schema.properties))) out.properties[key] = swaggerSchema(value);
    }
    if (schema.additionalProperties) out.additionalProperties = swaggerSchema(schema.additionalProperties);
    if (schema.enum) out.enum = schema.enum;
  }
  for (const [key, value] of Object.entries(sortedRecord(schema.extensions ?? {}))) out[key as `x-${string}`] = value;
  return out;
}

function swaggerParameter(p: Parameter): SwaggerNonBodyParameter {
  const out: SwaggerNonBodyParameter = { uniqueItems: true, type: p.type, description: p.description, name: p.name, in: p.in };
  if (p.required) out.required = true;
  return out;
}

function swaggerOperation(op: Operation): SwaggerOperation {
  const params: SwaggerParameter[] = [];
  if (op.body) {
    const body: SwaggerBodyParameter = { name: "body", in: "body", schema: { $ref: `#/definitions/${op.body.ref}` } };
    if (op.body.required) body.required = true;
    params.push(body);
  }
  params.push(...op.parameters.map(swaggerParameter));
  const responses: Record<string, SwaggerResponse> = {};
  for (const r of op.responses) responses[r.code] = r.ref ? { description: r.description, schema: { $ref: `#/definitions/${r.ref}` } } : { description: r.description };
  return {
    description: op.description,
    consumes: op.consumes,
    produces: op.produces,
    schemes: ["https"],
    tags: [op.tag],
    operationId: op.operationId,
    ...(params.length ? { parameters: params } : {}),
    responses,
    [extension.action]: op.action,
    [extension.gvk]: operationGvkValue(op.gvk),
  };
}

export function swaggerPathItem(item: PathItem): SwaggerPathItem {
  const out: SwaggerPathItem = {};
  for (const method of ["get", "put", "post", "delete", "patch"] as const) {
    const op = item.operations.find((o) => o.method === method);
    if (op) out[method] = swaggerOperation(op);
  }
  if (item.parameters.length) out.parameters = item.parameters.map(swaggerParameter);
  return out;
}

export function swaggerDocument(version: string, paths: PathItem[], definitions: Record<string, Schema>): SwaggerDocument {
  const swaggerPaths: Record<string, SwaggerPathItem> = {};
  for (const item of paths.slice().sort((a, b) => byCodeUnit(a.path, b.path))) swaggerPaths[item.path] = swaggerPathItem(item);
  const swaggerDefinitions: Record<string, SwaggerSchema> = {};
  for (const [name, schema] of Object.entries(sortedRecord(definitions))) swaggerDefinitions[name] = swaggerSchema(schema);
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version },
    paths: swaggerPaths,
    definitions: swaggerDefinitions,
    securityDefinitions: { BearerToken: bearerToken },
    security: [{ BearerToken: [] }],
  };
}
