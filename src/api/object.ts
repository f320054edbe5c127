// The shape every Kubernetes object shares on the wire, as plain JSON values.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: JsonValue[];
  [key: string]: unknown;
}

/** A Kubernetes object: apiVersion, kind, metadata, and whatever the kind adds (spec, status, data...). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a path of field names ("spec", "replicas"); undefined when the path leaves the objects. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const part of path) node = isPlainObject(node) ? node[part] : undefined;
  return node;
}

/** Deep copy of a JSON value (objects here are always JSON-safe). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
