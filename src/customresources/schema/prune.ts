// Structural pruning (apiextensions-apiserver pkg/apiserver/schema/pruning): removes the fields of an object the
// schema does not specify. A field is specified by `properties`; any key of a map whose schema has
// `additionalProperties` is kept (its value pruned by that schema; `additionalProperties: true` has no schema,
// so everything inside such a value goes); x-kubernetes-preserve-unknown-fields keeps a node's unknown fields
// (its specified ones are still pruned); an x-kubernetes-embedded-resource node, and the resource root, keep
// apiVersion, kind and metadata untouched. allOf/anyOf/oneOf/not specify nothing: in a structural schema every
// field they mention is also in the node's own properties.

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { structural, type SchemaNode } from "./structural.ts";

export interface PruneOptions {
  /** The value is a whole resource: apiVersion, kind and metadata at its root are kept. Default true. */
  isResourceRoot?: boolean;
}

function isMetaField(key: string): boolean {
  return key === "apiVersion" || key === "kind" || key === "metadata";
}

class Pruner {
  readonly removed: string[] = [];
  /** The path to the current node, as segments: "spec", ".", "list", "[", "0", "]" joined without separators. */
  private readonly path: string[] = [];

  private enter(key: string): number {
    const depth = this.path.length;
    if (depth > 0) this.path.push(".");
    this.path.push(key);
    return depth;
  }

  private enterIndex(i: number): number {
    const depth = this.path.length;
    this.path.push("[", String(i), "]");
    return depth;
  }

  private leave(depth: number): void {
    this.path.length = depth;
  }

  private record(key: string): void {
    const depth = this.enter(key);
    this.removed.push(this.path.join(""));
    this.leave(depth);
  }

  prune(x: unknown, schema: JSONSchemaProps | undefined, embedded: boolean): void {
    const node = schema ? structural(schema) : undefined;
    if (node?.preserveUnknownFields) {
      this.skip(x, schema as JSONSchemaProps, embedded);
      return;
    }
    if (Array.isArray(x)) {
      const items = node?.items;
      for (let i = 0; i < x.length; i++) {
        const depth = this.enterIndex(i);
        this.prune(x[i], items, items ? structural(items).embeddedResource : false);
        this.leave(depth);
      }
      return;
    }
    if (!isPlainObject(x)) return;
    if (!node) {
      for (const key of Object.keys(x)) {
        this.record(key);
        delete x[key];
      }
      return;
    }
    this.fields(x, node, embedded, true);
  }

  /**
   * The fields of an object: specified ones (properties, additionalProperties) are pruned by their schema;
   * unspecified ones are removed (and recorded) unless the node keeps unknown fields.
   */
  private fields(x: Record<string, unknown>, node: SchemaNode, embedded: boolean, dropUnknown: boolean): void {
    const props = node.properties;
    const additional = node.additional;
    for (const key of Object.keys(x)) {
      if (embedded && isMetaField(key)) continue;
      if (props && Object.hasOwn(props, key)) {
        const depth = this.enter(key);
        this.prune(x[key], props[key], structural(props[key]).embeddedResource);
        this.leave(depth);
      } else if (additional !== undefined) {
        const sub = typeof additional === "object" ? additional : undefined;
        const depth = this.enter(key);
        this.prune(x[key], sub, sub ? structural(sub).embeddedResource : false);
        this.leave(depth);
      } else if (dropUnknown) {
        if (!isMetaField(key) || this.path.length > 0) this.record(key);
        delete x[key];
      }
    }
  }

  /** A node with x-kubernetes-preserve-unknown-fields: unknown fields stay, specified ones are pruned. */
  private skip(x: unknown, schema: JSONSchemaProps, embedded: boolean): void {
    const node = structural(schema);
    if (Array.isArray(x)) {
      const items = node.items;
      if (!items) return;
      for (let i = 0; i < x.length; i++) {
        const depth = this.enterIndex(i);
        this.skip(x[i], items, structural(items).embeddedResource);
        this.leave(depth);
      }
      return;
    }
    if (!isPlainObject(x)) return;
    this.fields(x, node, embedded, false);
  }
}

/**
 * Prunes `value` in place by `schema` and returns the paths of the removed fields, sorted ("spec.foo",
 * "spec.items[0].bar"), for fieldValidation=Strict/Warn to report as `unknown field "spec.foo"`. Unknown fields
 * inside metadata are not pruned here (kube decodes metadata as ObjectMeta separately).
 */
export function pruneUnknown(schema: JSONSchemaProps | undefined, value: unknown, opts: PruneOptions = {}): string[] {
  const root = opts.isResourceRoot ?? true;
  const pruner = new Pruner();
  // At the resource root an absent schema still keeps apiVersion, kind and metadata.
  const rootSchema = schema ?? (root ? {} : undefined);
  const embedded = root || (schema ? structural(schema).embeddedResource : false);
  pruner.prune(value, rootSchema, embedded);
  return pruner.removed.sort();
}
