// How a structural schema looks to CEL (kube's SchemaDeclType, k8s.io/apiserver/pkg/cel/common/schemas.go): an
// object with properties is a type of its own with one field per escapable property, additionalProperties a
// map(string, T), an array a list(T), int-or-string dyn, strings of format byte/duration/date/date-time bytes,
// duration and timestamp. A resource root (the custom resource, an embedded resource) always has apiVersion,
// kind and metadata.name/generateName. Schemas CEL cannot see (no type, unknown fields only) are left out.

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { escapeName } from "./escaping.ts";

/** The runtime class of an object type's values: a Map from escaped field name to CEL value. */
export type CelObjectClass = new (entries?: Iterable<readonly [string, unknown]>) => Map<string, unknown>;

export type CelNode =
  | { kind: "object"; schema: JSONSchemaProps; type: string; ctor: CelObjectClass; fields: Map<string, CelField> }
  | { kind: "map"; schema: JSONSchemaProps; type: string; values: CelNode }
  | { kind: "list"; schema: JSONSchemaProps; type: string; items: CelNode }
  | { kind: "scalar"; schema: JSONSchemaProps; type: string; scalar: ScalarKind };

export type ScalarKind = "int" | "double" | "bool" | "string" | "bytes" | "duration" | "timestamp" | "int-or-string";

export interface CelField {
  /** The property name in the data. */
  name: string;
  node: CelNode;
}

const stringSchema: JSONSchemaProps = { type: "string" };
const objectMetaSchema: JSONSchemaProps = {
  type: "object",
  properties: { name: stringSchema, generateName: stringSchema },
};

/** The schema with apiVersion, kind, metadata.name and metadata.generateName declared (WithTypeAndObjectMeta). */
export function withTypeAndObjectMeta(schema: JSONSchemaProps): JSONSchemaProps {
  const props = schema.properties ?? {};
  const meta = props.metadata;
  if (
    props.kind?.type === "string" &&
    props.apiVersion?.type === "string" &&
    meta?.type === "object" &&
    meta.properties?.name?.type === "string" &&
    meta.properties?.generateName?.type === "string"
  ) {
    return schema;
  }
  return { ...schema, properties: { ...props, kind: stringSchema, apiVersion: stringSchema, metadata: objectMetaSchema } };
}

function itemsSchema(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  return Array.isArray(schema.items) ? schema.items[0] : schema.items;
}

function additionalSchema(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  const additional = schema.additionalProperties;
  return typeof additional === "object" ? additional : undefined;
}

function scalarOf(schema: JSONSchemaProps): ScalarKind | undefined {
  switch (schema.type) {
    case "integer":
      return "int";
    case "number":
      return "double";
    case "boolean":
      return "bool";
    case "string":
      switch (schema.format) {
        case "byte":
          return "bytes";
        case "duration":
          return "duration";
        case "date":
        case "date-time":
          return "timestamp";
        default:
          return "string";
      }
    default:
      return undefined;
  }
}

const scalarTypes: Record<ScalarKind, string> = {
  int: "int",
  double: "double",
  bool: "bool",
  string: "string",
  bytes: "bytes",
  duration: "google.protobuf.Duration",
  timestamp: "google.protobuf.Timestamp",
  "int-or-string": "dyn",
};

/**
 * The CEL view of a schema node, or undefined when CEL cannot see it. `typeName` names the node's object type
 * (kube's style: selfType, selfType.spec, selfType.spec.items.__idx__, ...); every object node gets a class of its
 * own, so values built for one node are understood by every environment that declares it.
 */
export function celNodeOf(schema: JSONSchemaProps, isResourceRoot: boolean, typeName = "selfType"): CelNode | undefined {
  if (schema["x-kubernetes-int-or-string"]) {
    return { kind: "scalar", schema, type: "dyn", scalar: "int-or-string" };
  }
  if (isResourceRoot) schema = withTypeAndObjectMeta(schema);
  switch (schema.type) {
    case "array": {
      const itemSchema = itemsSchema(schema);
      const items = itemSchema && celNodeOf(itemSchema, !!itemSchema["x-kubernetes-embedded-resource"], `${typeName}.__idx__`);
      return items && { kind: "list", schema, type: `list<${items.type}>`, items };
    }
    case "object": {
      const valueSchema = additionalSchema(schema);
      if (valueSchema) {
        const values = celNodeOf(valueSchema, !!valueSchema["x-kubernetes-embedded-resource"], `${typeName}.__elem__`);
        return values && { kind: "map", schema, type: `map<string, ${values.type}>`, values };
      }
      const fields = new Map<string, CelField>();
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        const escaped = escapeName(name);
        if (escaped === undefined) continue;
        const node = celNodeOf(prop, !!prop["x-kubernetes-embedded-resource"], `${typeName}.${escaped}`);
        if (node) fields.set(escaped, { name, node });
      }
      const ctor = class extends Map<string, unknown> {};
      Object.defineProperty(ctor, "name", { value: typeName });
      return { kind: "object", schema, type: typeName, ctor, fields };
    }
    default: {
      const scalar = scalarOf(schema);
      return scalar && { kind: "scalar", schema, type: scalarTypes[scalar], scalar };
    }
  }
}

/** Every object node under (and including) node, children before their parents. */
export function objectNodes(node: CelNode, into: Extract<CelNode, { kind: "object" }>[] = []): Extract<CelNode, { kind: "object" }>[] {
  switch (node.kind) {
    case "object":
      for (const field of node.fields.values()) objectNodes(field.node, into);
      into.push(node);
      break;
    case "map":
      objectNodes(node.values, into);
      break;
    case "list":
      objectNodes(node.items, into);
      break;
  }
  return into;
}
