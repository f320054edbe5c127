// The Worker ↔ Durable Object contract. RPC carries values, never thrown errors: a failure is a Status.

import type { KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";

/** Which kind a request is for, by the names the catalog is keyed on. */
export interface KindRef {
  group: string;
  version: string;
  plural: string;
  /** For custom kinds: the revision of the kind catalog the Worker found the kind in (kind-catalog.ts). */
  revision?: string;
}

export interface Requester {
  name: string;
  uid?: string;
  groups: string[];
  /** kube's user.Info extra: what an authenticator knows beyond the groups (e.g. the pod a token is bound to). */
  extra?: Record<string, string[]>;
}

interface WriteBase {
  kind: KindRef;
  /** "" for cluster-scoped kinds. */
  namespace: string;
  dryRun: boolean;
  user: Requester;
  /** Who managedFields records the write for: the query's fieldManager, else the User-Agent's first segment. */
  fieldManager?: string;
}

/**
 * kube's fieldValidation for a body: the directive (Warn when the query names none), and what only the body's
 * text shows: the keys it repeats. Absent on internal writes, which are not checked.
 */
export interface FieldValidation {
  directive: "Strict" | "Warn" | "Ignore";
  format: "json" | "yaml";
  /** JSON: paths of repeated keys ("spec.paused"); YAML: yaml.v2's lines ("line 12: key \"paused\" already set in map"). */
  duplicates: string[];
}

export interface CreateRequest extends WriteBase {
  op: "create";
  body: KubeObject;
  fieldValidation?: FieldValidation;
}

export interface UpdateRequest extends WriteBase {
  op: "update";
  name: string;
  body: KubeObject;
  subresource?: "status" | "scale";
  fieldValidation?: FieldValidation;
}

export interface PatchRequest extends WriteBase {
  op: "patch";
  name: string;
  patchType: "json" | "merge" | "strategic" | "apply";
  patch: unknown;
  /** Apply only: take the fields that conflict with other managers. */
  force?: boolean;
  subresource?: "status" | "scale";
  /** Checks the patch's own text (its repeated keys) and the patched object. */
  fieldValidation?: FieldValidation;
}

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
}

export interface DeleteRequest extends WriteBase {
  op: "delete";
  name: string;
  options: DeleteOptions;
}

export interface DeleteCollectionRequest extends WriteBase {
  op: "deletecollection";
  labelSelector?: string;
  fieldSelector?: string;
  options: DeleteOptions;
}

export type WriteRequest = CreateRequest | UpdateRequest | PatchRequest | DeleteRequest | DeleteCollectionRequest;

export type WriteResult = (
  | { ok: true; code: 200 | 201 | 202; object: KubeObject }
  | { ok: true; code: 200; items: KubeObject[] }
  | { ok: false; status: Status }
) & {
  /** Texts of the Warning headers to answer with (fieldValidation=Warn: `unknown field "spec.foo"`). */
  warnings?: string[];
};
