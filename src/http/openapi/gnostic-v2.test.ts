// The protobuf form of /openapi/v2 decodes, with field numbers read from gnostic's OpenAPIv2.proto (written
// out again here, independently of the encoder), back into the JSON document it was made from.

import { describe, expect, it } from "vitest";
import { kinds } from "../../resources/catalog.ts";
import { openAPIDocuments } from "./documents.ts";
import { encodeSwaggerDocument } from "./gnostic-v2.ts";
import type { SwaggerDocument } from "./swagger-v2.ts";

// ---- A protobuf reader driven by message descriptors.

type FieldKind = "string" | "bool" | "varint" | string; // other strings name a message
type Descriptor = Record<number, [name: string, kind: FieldKind, repeated?: "repeated"]>;

const messages: Record<string, Descriptor> = {
  Document: { 1: ["swagger", "string"], 2: ["info", "Info"], 8: ["paths", "Paths"], 9: ["definitions", "Definitions"], 12: ["security", "SecurityRequirement", "repeated"], 13: ["security_definitions", "SecurityDefinitions"] },
  Info: { 1: ["title", "string"], 2: ["version", "string"] },
  Paths: { 1: ["vendor_extension", "NamedAny", "repeated"], 2: ["path", "NamedPathItem", "repeated"] },
  NamedPathItem: { 1: ["name", "string"], 2: ["value", "PathItem"] },
  PathItem: { 2: ["get", "Operation"], 3: ["put", "Operation"], 4: ["post", "Operation"], 5: ["delete", "Operation"], 8: ["patch", "Operation"], 9: ["parameters", "ParametersItem", "repeated"] },
  Operation: {
    1: ["tags", "string", "repeated"],
    3: ["description", "string"],
    5: ["operation_id", "string"],
    6: ["produces", "string", "repeated"],
    7: ["consumes", "string", "repeated"],
    8: ["parameters", "ParametersItem", "repeated"],
    9: ["responses", "Responses"],
    10: ["schemes", "string", "repeated"],
    13: ["vendor_extension", "NamedAny", "repeated"],
  },
  ParametersItem: { 1: ["parameter", "Parameter"], 2: ["json_reference", "JsonReference"] },
  JsonReference: { 1: ["_ref", "string"], 2: ["description", "string"] },
  Parameter: { 1: ["body_parameter", "BodyParameter"], 2: ["non_body_parameter", "NonBodyParameter"] },
  BodyParameter: { 1: ["description", "string"], 2: ["name", "string"], 3: ["in", "string"], 4: ["required", "bool"], 5: ["schema", "Schema"] },
  NonBodyParameter: { 1: ["header", "Unknown"], 2: ["form_data", "Unknown"], 3: ["query", "QueryParameterSubSchema"], 4: ["path", "PathParameterSubSchema"] },
  QueryParameterSubSchema: { 1: ["required", "bool"], 2: ["in", "string"], 3: ["description", "string"], 4: ["name", "string"], 6: ["type", "string"], 7: ["format", "string"], 20: ["unique_items", "bool"] },
  PathParameterSubSchema: { 1: ["required", "bool"], 2: ["in", "string"], 3: ["description", "string"], 4: ["name", "string"], 5: ["type", "string"], 6: ["format", "string"], 19: ["unique_items", "bool"] },
  Responses: { 1: ["response_code", "NamedResponseValue", "repeated"] },
  NamedResponseValue: { 1: ["name", "string"], 2: ["value", "ResponseValue"] },
  ResponseValue: { 1: ["response", "Response"] },
  Response: { 1: ["description", "string"], 2: ["schema", "SchemaItem"] },
  SchemaItem: { 1: ["schema", "Schema"] },
  Schema: {
    1: ["_ref", "string"],
    2: ["format", "string"],
    4: ["description", "string"],
    19: ["required", "string", "repeated"],
    20: ["enum", "Any", "repeated"],
    21: ["additional_properties", "AdditionalPropertiesItem"],
    22: ["type", "TypeItem"],
    23: ["items", "ItemsItem"],
    24: ["all_of", "Schema", "repeated"],
    25: ["properties", "Properties"],
    31: ["vendor_extension", "NamedAny", "repeated"],
  },
  AdditionalPropertiesItem: { 1: ["schema", "Schema"], 2: ["boolean", "bool"] },
  TypeItem: { 1: ["value", "string", "repeated"] },
  ItemsItem: { 1: ["schema", "Schema", "repeated"] },
  Properties: { 1: ["additional_properties", "NamedSchema", "repeated"] },
  Definitions: { 1: ["additional_properties", "NamedSchema", "repeated"] },
  NamedSchema: { 1: ["name", "string"], 2: ["value", "Schema"] },
  NamedAny: { 1: ["name", "string"], 2: ["value", "Any"] },
  Any: { 2: ["yaml", "string"] },
  SecurityRequirement: { 1: ["additional_properties", "NamedStringArray", "repeated"] },
  NamedStringArray: { 1: ["name", "string"], 2: ["value", "StringArray"] },
  StringArray: { 1: ["value", "string", "repeated"] },
  SecurityDefinitions: { 1: ["additional_properties", "NamedSecurityDefinitionsItem", "repeated"] },
  NamedSecurityDefinitionsItem: { 1: ["name", "string"], 2: ["value", "SecurityDefinitionsItem"] },
  SecurityDefinitionsItem: { 2: ["api_key_security", "ApiKeySecurity"] },
  ApiKeySecurity: { 1: ["type", "string"], 2: ["name", "string"], 3: ["in", "string"], 4: ["description", "string"] },
  Unknown: {},
};

type Decoded = Record<string, unknown>;

function decode(bytes: Uint8Array, message: string): Decoded {
  const descriptor = messages[message];
  const out: Decoded = {};
  let pos = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (pos < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let raw: number | Uint8Array;
    if (wire === 0) raw = varint();
    else if (wire === 2) {
      const length = varint();
      raw = bytes.subarray(pos, pos + length);
      pos += length;
    } else throw new Error(`unexpected wire type ${wire} in ${message}`);
    const spec = descriptor[field];
    if (!spec) throw new Error(`unknown field ${field} in ${message}`);
    const [name, kind, repeated] = spec;
    const value =
      kind === "string" ? new TextDecoder().decode(raw as Uint8Array) : kind === "bool" ? raw === 1 : kind === "varint" ? raw : decode(raw as Uint8Array, kind);
    if (repeated) ((out[name] ??= []) as unknown[]).push(value);
    else out[name] = value;
  }
  return out;
}

// ---- From gnostic's message shapes back to Swagger JSON.

const list = (value: unknown) => (value ?? []) as Decoded[];
const yamlValue = (any: Decoded) => JSON.parse(any.yaml as string) as unknown;

function extensions(named: unknown): Decoded {
  return Object.fromEntries(list(named).map((n) => [n.name, yamlValue(n.value as Decoded)]));
}

function schemaJson(s: Decoded): Decoded {
  const out: Decoded = {};
  if (s.description) out.description = s.description;
  if (s.type) out.type = ((s.type as Decoded).value as string[])[0];
  if (s.format) out.format = s.format;
  if (s.required) out.required = s.required;
  if (s.items) out.items = schemaJson(list((s.items as Decoded).schema)[0]);
  if (s.properties) {
    out.properties = Object.fromEntries(list((s.properties as Decoded).additional_properties).map((n) => [n.name, schemaJson(n.value as Decoded)]));
  }
  if (s.additional_properties) out.additionalProperties = schemaJson((s.additional_properties as Decoded).schema as Decoded);
  if (s.enum) out.enum = list(s.enum).map(yamlValue);
  if (s._ref) out.$ref = s._ref;
  return { ...out, ...extensions(s.vendor_extension) };
}

function parameterJson(item: Decoded): Decoded {
  const p = item.parameter as Decoded;
  if (p.body_parameter) {
    const b = p.body_parameter as Decoded;
    return { name: b.name, in: b.in, ...(b.required ? { required: true } : {}), schema: schemaJson(b.schema as Decoded) };
  }
  const nb = p.non_body_parameter as Decoded;
  const sub = (nb.query ?? nb.path) as Decoded;
  return { uniqueItems: sub.unique_items, type: sub.type, description: sub.description, name: sub.name, in: sub.in, ...(sub.required ? { required: true } : {}) };
}

function operationJson(op: Decoded): Decoded {
  const out: Decoded = { description: op.description, consumes: op.consumes, produces: op.produces, schemes: op.schemes, tags: op.tags, operationId: op.operation_id };
  if (op.parameters) out.parameters = list(op.parameters).map(parameterJson);
  out.responses = Object.fromEntries(
    list((op.responses as Decoded).response_code).map((n) => {
      const r = ((n.value as Decoded).response ?? {}) as Decoded;
      const schema = r.schema ? { schema: schemaJson((r.schema as Decoded).schema as Decoded) } : {};
      return [n.name, { description: r.description, ...schema }];
    }),
  );
  return { ...out, ...extensions(op.vendor_extension) };
}

function documentJson(d: Decoded): Decoded {
  const paths = list((d.paths as Decoded).path).map((n) => {
    const item = n.value as Decoded;
    const out: Decoded = {};
    for (const method of ["get", "put", "post", "delete", "patch"]) if (item[method]) out[method] = operationJson(item[method] as Decoded);
    if (item.parameters) out.parameters = list(item.parameters).map(parameterJson);
    return [n.name, out];
  });
  return {
    swagger: d.swagger,
    info: d.info,
    paths: Object.fromEntries(paths),
    definitions: Object.fromEntries(list((d.definitions as Decoded).additional_properties).map((n) => [n.name, schemaJson(n.value as Decoded)])),
    securityDefinitions: Object.fromEntries(
      list((d.security_definitions as Decoded).additional_properties).map((n) => {
        const k = (n.value as Decoded).api_key_security as Decoded;
        return [n.name, { description: k.description, type: k.type, name: k.name, in: k.in }];
      }),
    ),
    security: list(d.security).map((req) => Object.fromEntries(list(req.additional_properties).map((n) => [n.name, (n.value as Decoded).value ?? []]))),
  };
}

describe("the v2 document as gnostic protobuf", () => {
  it("decodes back into the JSON document, for the whole catalog", async () => {
    const docs = openAPIDocuments(kinds);
    const json = JSON.parse((await docs.v2()).body) as SwaggerDocument;
    const proto = await docs.v2Protobuf();
    expect(proto.etag).toBe((await docs.v2()).etag);
    expect(documentJson(decode(proto.body, "Document"))).toEqual(json);
  });

  it("writes vendor extensions as YAML text and path parameters as path sub-schemas", () => {
    const doc: SwaggerDocument = {
      swagger: "2.0",
      info: { title: "Kubernetes", version: "v1.35.0" },
      paths: {
        "/api/v1/namespaces/{name}": {
          parameters: [{ uniqueItems: true, type: "string", description: "the name", name: "name", in: "path", required: true }],
        },
      },
      definitions: { X: { type: "object", properties: { a: { type: "string", "x-kubernetes-patch-strategy": "merge" } }, "x-kubernetes-group-version-kind": [{ group: "", kind: "X", version: "v1" }] } },
      securityDefinitions: {},
      security: [],
    };
    const decoded = decode(encodeSwaggerDocument(doc), "Document");
    const param = ((decoded.paths as Decoded).path as Decoded[])[0].value as Decoded;
    expect(((param.parameters as Decoded[])[0].parameter as Decoded).non_body_parameter).toEqual({
      path: { required: true, in: "path", description: "the name", name: "name", type: "string", unique_items: true },
    });
    const x = ((decoded.definitions as Decoded).additional_properties as Decoded[])[0].value as Decoded;
    expect(x.vendor_extension).toEqual([{ name: "x-kubernetes-group-version-kind", value: { yaml: '[{"group":"","kind":"X","version":"v1"}]\n' } }]);
  });
});
