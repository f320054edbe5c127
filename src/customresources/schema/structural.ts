// What the validator, pruner and defaulter read of one schema node, worked out once per node and cached in a
// WeakMap: the effective types (x-kubernetes-int-or-string is integer or string), the format kube still checks
// (unsupported ones are stripped, as apiextensions strips them), the compiled pattern (RE2 syntax, compiled
// lazily with re2js, so a pattern behaves and fails to compile exactly as Go's regexp does) and the node's
// children. Nothing here allocates per validated value.

import { RE2JS } from "re2js";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { formatChecker } from "./string-formats.ts";

export interface CompiledPattern {
  /** The pattern, when it compiled. */
  regexp?: RE2JS;
  /** Go's compile error ("error parsing regexp: ..."), when it did not. */
  error?: string;
}

export interface SchemaNode {
  readonly schema: JSONSchemaProps;
  /** The types a value may have ([] when the schema sets none). */
  readonly types: readonly string[];
  /** The types joined with ",", as kube-openapi names them in messages. */
  readonly typeText: string;
  readonly nullable: boolean;
  /** The format as written, or "" when kube does not check it. */
  readonly format: string;
  readonly checkFormat: ((s: string) => boolean) | undefined;
  readonly properties: Readonly<Record<string, JSONSchemaProps>> | undefined;
  /** The one item schema (items as an array of schemas is only in `tupleItems`). */
  readonly items: JSONSchemaProps | undefined;
  readonly tupleItems: readonly JSONSchemaProps[] | undefined;
  /** additionalProperties: a schema, a boolean, or undefined when absent. */
  readonly additional: JSONSchemaProps | boolean | undefined;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly listType: string | undefined;
  readonly listMapKeys: readonly string[];
  /** The properties as [name, schema] pairs, in the schema's order. */
  readonly propertyList: readonly (readonly [string, JSONSchemaProps])[];
  /** Whether the node has anyOf, oneOf, allOf or not. */
  readonly hasCombinators: boolean;
  /** The compiled pattern (undefined when the schema has none); compiled on first use. */
  pattern(): CompiledPattern | undefined;
  /** Whether the node or a node below it (through properties, items, additionalProperties) has a list type. */
  hasListTypes(): boolean;
  /** Whether the node or a node below it is an x-kubernetes-embedded-resource. */
  hasEmbeddedResources(): boolean;
}

const cache = new WeakMap<JSONSchemaProps, SchemaNode>();

class Node implements SchemaNode {
  readonly types: readonly string[];
  readonly typeText: string;
  readonly nullable: boolean;
  readonly format: string;
  readonly checkFormat: ((s: string) => boolean) | undefined;
  readonly properties: Readonly<Record<string, JSONSchemaProps>> | undefined;
  readonly items: JSONSchemaProps | undefined;
  readonly tupleItems: readonly JSONSchemaProps[] | undefined;
  readonly additional: JSONSchemaProps | boolean | undefined;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly listType: string | undefined;
  readonly listMapKeys: readonly string[];
  readonly propertyList: readonly (readonly [string, JSONSchemaProps])[];
  readonly hasCombinators: boolean;
  private compiled: CompiledPattern | undefined;
  private listTypesBelow: boolean | undefined;
  private embeddedBelow: boolean | undefined;

  constructor(readonly schema: JSONSchemaProps) {
    if (schema["x-kubernetes-int-or-string"]) this.types = ["integer", "string"];
    else this.types = schema.type ? [schema.type] : [];
    this.typeText = this.types.join(",");
    this.nullable = schema.nullable === true;
    this.checkFormat = formatChecker(schema.format ?? "");
    this.format = this.checkFormat ? (schema.format ?? "") : "";
    this.properties = schema.properties;
    this.items = Array.isArray(schema.items) ? undefined : schema.items;
    this.tupleItems = Array.isArray(schema.items) ? schema.items : undefined;
    this.additional = schema.additionalProperties;
    this.preserveUnknownFields = schema["x-kubernetes-preserve-unknown-fields"] === true;
    this.embeddedResource = schema["x-kubernetes-embedded-resource"] === true;
    this.listType = schema["x-kubernetes-list-type"];
    this.listMapKeys = schema["x-kubernetes-list-map-keys"] ?? [];
    this.propertyList = schema.properties ? Object.entries(schema.properties) : [];
    this.hasCombinators = (schema.anyOf?.length ?? 0) > 0 || (schema.oneOf?.length ?? 0) > 0 || (schema.allOf?.length ?? 0) > 0 || schema.not !== undefined;
  }

  /** The structural children: properties, the item schema, the additionalProperties schema. */
  private children(): JSONSchemaProps[] {
    const out = this.propertyList.map(([, sub]) => sub);
    if (this.items) out.push(this.items);
    if (typeof this.additional === "object") out.push(this.additional);
    return out;
  }

  hasListTypes(): boolean {
    this.listTypesBelow ??=
      this.listType === "set" || this.listType === "map" || this.children().some((sub) => structural(sub).hasListTypes());
    return this.listTypesBelow;
  }

  hasEmbeddedResources(): boolean {
    this.embeddedBelow ??= this.embeddedResource || this.children().some((sub) => structural(sub).hasEmbeddedResources());
    return this.embeddedBelow;
  }

  pattern(): CompiledPattern | undefined {
    const source = this.schema.pattern;
    if (source === undefined || source === "") return undefined;
    if (!this.compiled) {
      try {
        this.compiled = { regexp: RE2JS.compile(source) };
      } catch (err) {
        this.compiled = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    return this.compiled;
  }
}

/** The compiled view of a schema node (cached for the node's lifetime). */
export function structural(schema: JSONSchemaProps): SchemaNode {
  let node = cache.get(schema);
  if (!node) {
    node = new Node(schema);
    cache.set(schema, node);
  }
  return node;
}
