// What a watcher asked for, and which events it gets: its kind, scope, selectors and output format. An object
// moving into a watch's selectors arrives as ADDED, moving out as DELETED, as kube-apiserver sends them.

import { parseFieldSelector } from "../api/field-selector.ts";
import { parseLabelSelector } from "../api/label-selector.ts";
import type { KubeObject } from "../api/object.ts";
import type { KindDefinition } from "../resources/definition.ts";
import type { KindRef } from "./contract.ts";
import { fieldsOf } from "./field-attributes.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchSpec {
  kind: KindRef;
  /** The namespace watched; undefined for all namespaces (cluster-scoped kinds watch namespace ""). */
  namespace?: string;
  labelSelector: string;
  fieldSelector: string;
  format: { type: "json" } | { type: "protobuf" } | { type: "table"; version: "v1" | "v1beta1"; includeObject: "None" | "Metadata" | "Object" };
  bookmarks: boolean;
}

export interface WatchMatcher {
  def: KindDefinition;
  /** The event this watcher gets for a change, if any, and the object it carries. */
  decide(type: "ADDED" | "MODIFIED" | "DELETED", obj: KubeObject, previous: () => KubeObject | undefined): { type: WatchEventType; object: KubeObject } | undefined;
  /** A MODIFIED event needs the previous state only when selectors could flip. */
  needsPrevious: boolean;
}

/** `find` resolves the spec's kind (the kind catalog's find). */
export function watchMatcher(spec: WatchSpec, find: (group: string, version: string, plural: string) => KindDefinition | undefined): WatchMatcher {
  const def = find(spec.kind.group, spec.kind.version, spec.kind.plural);
  if (!def) throw new Error(`no kind ${spec.kind.group}/${spec.kind.version}/${spec.kind.plural}`);
  const labels = parseLabelSelector(spec.labelSelector);
  const fields = parseFieldSelector(spec.fieldSelector);
  const filtered = !labels.isEmpty() || !fields.isEmpty();
  const matches = (obj: KubeObject) => {
    if (spec.namespace !== undefined && (obj.metadata.namespace ?? "") !== spec.namespace) return false;
    if (!labels.matches(obj.metadata.labels)) return false;
    const get = fieldsOf(def, obj);
    return fields.matches((field) => get(field));
  };
  return {
    def,
    needsPrevious: filtered,
    decide(type, obj, previous) {
      const now = matches(obj);
      if (type !== "MODIFIED" || !filtered) return now ? { type, object: obj } : undefined;
      const before = previous();
      const was = before !== undefined && matches(before);
      if (now) return { type: was ? "MODIFIED" : "ADDED", object: obj };
      if (!was || !before) return undefined;
      return { type: "DELETED", object: { ...before, metadata: { ...before.metadata, resourceVersion: obj.metadata.resourceVersion } } };
    },
  };
}
