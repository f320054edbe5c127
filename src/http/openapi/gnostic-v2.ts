// The Swagger 2.0 document as protobuf: gnostic's openapi_v2.Document message, which kubectl and helm
// download (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf) before they write. Field
// numbers are gnostic's (openapiv2/OpenAPIv2.proto). As gnostic does, maps become lists of named entries in
// document order, and vendor extensions and enum values carry their value as YAML text; this writes JSON,
// which every YAML parser reads the same way (strings always quoted).

import { ProtoWriter } from "./proto-writer.ts";
import type {
  SwaggerDocument,
  SwaggerNonBodyParameter,
  SwaggerOperation,
  SwaggerParameter,
  SwaggerPathItem,
  SwaggerSchema,
} from "./swagger-v2.ts";

/** Field numbers of the messages written here, from gnostic's OpenAPIv2.proto. */
const F = {
  document: { swagger: 1, info: 2, paths: 8, definitions: 9, security: 12, securityDefinitions: 13 },
  info: { title: 1, version: 2 },
  paths: { path: 2 },
  named: { name: 1, value: 2 },
  pathItem: { get: 2, put: 3, post: 4, delete: 5, patch: 8, parameters: 9 },
  operation: { tags: 1, description: 3, operationId: 5, produces: 6, consumes: 7, parameters: 8, responses: 9, schemes: 10, vendorExtension: 13 },
  parametersItem: { parameter: 1 },
  parameter: { bodyParameter: 1, nonBodyParameter: 2 },
  bodyParameter: { name: 2, in: 3, required: 4, schema: 5 },
  nonBodyParameter: { query: 3, path: 4 },
  // QueryParameterSubSchema and PathParameterSubSchema share their first numbers; then the query one has
  // allow_empty_value = 5 and every later field one higher.
  querySubSchema: { required: 1, in: 2, description: 3, name: 4, type: 6, format: 7, uniqueItems: 20 },
  pathSubSchema: { required: 1, in: 2, description: 3, name: 4, type: 5, format: 6, uniqueItems: 19 },
  responses: { responseCode: 1 },
  responseValue: { response: 1 },
  response: { description: 1, schema: 2 },
  schemaItem: { schema: 1 },
  schema: {
    ref: 1,
    format: 2,
    description: 4,
    required: 19,
    enum: 20,
    additionalProperties: 21,
    type: 22,
    items: 23,
    properties: 25,
    vendorExtension: 31,
  },
  additionalPropertiesItem: { schema: 1 },
  typeItem: { value: 1 },
  itemsItem: { schema: 1 },
  namedList: { additionalProperties: 1 },
  any: { yaml: 2 },
  stringArray: { value: 1 },
  securityDefinitionsItem: { apiKey: 2 },
  apiKeySecurity: { type: 1, name: 2, in: 3, description: 4 },
} as const;

/** Encodes the document; the bytes decode as openapi_v2.Document. */
export function encodeSwaggerDocument(doc: SwaggerDocument): Uint8Array<ArrayBuffer> {
  const w = new ProtoWriter();
  w.string(F.document.swagger, doc.swagger);
  w.message(F.document.info, (info) => info.string(F.info.title, doc.info.title).string(F.info.version, doc.info.version));
  w.message(F.document.paths, (paths) => {
    for (const [path, item] of Object.entries(doc.paths)) {
      paths.message(F.paths.path, (named) => named.string(F.named.name, path).message(F.named.value, (v) => pathItem(v, item)));
    }
  });
  w.message(F.document.definitions, (defs) => {
    for (const [name, schema] of Object.entries(doc.definitions)) {
      defs.message(F.namedList.additionalProperties, (named) => named.string(F.named.name, name).message(F.named.value, (v) => writeSchema(v, schema)));
    }
  });
  for (const requirement of doc.security) {
    w.message(F.document.security, (req) => {
      for (const [name, scopes] of Object.entries(requirement)) {
        req.message(F.namedList.additionalProperties, (named) =>
          named.string(F.named.name, name).message(F.named.value, (v) => v.strings(F.stringArray.value, scopes)),
        );
      }
    });
  }
  w.message(F.document.securityDefinitions, (defs) => {
    for (const [name, sec] of Object.entries(doc.securityDefinitions)) {
      defs.message(F.namedList.additionalProperties, (named) =>
        named.string(F.named.name, name).message(F.named.value, (item) =>
          item.message(F.securityDefinitionsItem.apiKey, (k) =>
            k.string(F.apiKeySecurity.type, sec.type).string(F.apiKeySecurity.name, sec.name).string(F.apiKeySecurity.in, sec.in).string(F.apiKeySecurity.description, sec.description),
          ),
        ),
      );
    }
  });
  return w.finish();
}

function pathItem(w: ProtoWriter, item: SwaggerPathItem): void {
  for (const method of ["get", "put", "post", "delete", "patch"] as const) {
    const op = item[method];
    if (op) w.message(F.pathItem[method], (o) => operation(o, op));
  }
  for (const p of item.parameters ?? []) w.message(F.pathItem.parameters, (v) => parametersItem(v, p));
}

function operation(w: ProtoWriter, op: SwaggerOperation): void {
  w.strings(F.operation.tags, op.tags);
  w.string(F.operation.description, op.description);
  w.string(F.operation.operationId, op.operationId);
  w.strings(F.operation.produces, op.produces);
  w.strings(F.operation.consumes, op.consumes);
  for (const p of op.parameters ?? []) w.message(F.operation.parameters, (v) => parametersItem(v, p));
  w.message(F.operation.responses, (responses) => {
    for (const [code, response] of Object.entries(op.responses)) {
      responses.message(F.responses.responseCode, (named) =>
        named.string(F.named.name, code).message(F.named.value, (value) =>
          value.message(F.responseValue.response, (r) => {
            r.string(F.response.description, response.description);
            if (response.schema) r.message(F.response.schema, (item) => item.message(F.schemaItem.schema, (s) => writeSchema(s, response.schema!)));
          }),
        ),
      );
    }
  });
  w.strings(F.operation.schemes, op.schemes);
  vendorExtensions(w, F.operation.vendorExtension, op);
}

function parametersItem(w: ProtoWriter, p: SwaggerParameter): void {
  w.message(F.parametersItem.parameter, (param) => {
    if (p.in === "body") {
      param.message(F.parameter.bodyParameter, (b) => {
        b.string(F.bodyParameter.name, p.name).string(F.bodyParameter.in, p.in).bool(F.bodyParameter.required, p.required);
        b.message(F.bodyParameter.schema, (s) => writeSchema(s, p.schema));
      });
    } else {
      param.message(F.parameter.nonBodyParameter, (nb) => nonBody(nb, p));
    }
  });
}

function nonBody(w: ProtoWriter, p: SwaggerNonBodyParameter): void {
  const f = p.in === "path" ? F.pathSubSchema : F.querySubSchema;
  w.message(p.in === "path" ? F.nonBodyParameter.path : F.nonBodyParameter.query, (s) => {
    s.bool(f.required, p.required).string(f.in, p.in).string(f.description, p.description).string(f.name, p.name);
    s.string(f.type, p.type).bool(f.uniqueItems, p.uniqueItems);
  });
}

export function writeSchema(w: ProtoWriter, schema: SwaggerSchema): void {
  const f = F.schema;
  w.string(f.ref, schema.$ref);
  w.string(f.format, schema.format);
  w.string(f.description, schema.description);
  w.strings(f.required, schema.required);
  for (const value of schema.enum ?? []) w.message(f.enum, (any) => any.string(F.any.yaml, yamlText(value)));
  if (schema.additionalProperties) {
    const additional = schema.additionalProperties;
    w.message(f.additionalProperties, (item) => item.message(F.additionalPropertiesItem.schema, (s) => writeSchema(s, additional)));
  }
  if (schema.type) w.message(f.type, (t) => t.strings(F.typeItem.value, [schema.type!]));
  if (schema.items) {
    const items = schema.items;
    w.message(f.items, (item) => item.message(F.itemsItem.schema, (s) => writeSchema(s, items)));
  }
  if (schema.properties) {
    const properties = schema.properties;
    w.message(f.properties, (props) => {
      for (const [name, value] of Object.entries(properties)) {
        props.message(F.namedList.additionalProperties, (named) => named.string(F.named.name, name).message(F.named.value, (s) => writeSchema(s, value)));
      }
    });
  }
  vendorExtensions(w, f.vendorExtension, schema);
}

/** Every "x-" key of an object as a NamedAny, its value as YAML text. */
function vendorExtensions(w: ProtoWriter, field: number, object: object): void {
  for (const [name, value] of Object.entries(object)) {
    if (!name.startsWith("x-")) continue;
    w.message(field, (named) => named.string(F.named.name, name).message(F.named.value, (any) => any.string(F.any.yaml, yamlText(value))));
  }
}

/** YAML text for a value: its JSON, which YAML 1.1 and 1.2 parsers both read as the same value. */
function yamlText(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
