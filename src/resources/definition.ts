// What one kind is: its names, its schema, and the few hooks where it differs from the generic flow.
// Every kind under resources/ exports one KindDefinition; nothing outside resources/ branches on a kind.

import type { z } from "zod";
import type { FieldError } from "../api/field-errors.ts";
import type { KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import type { Authorization, Authorizer } from "../auth/rbac/authorization.ts";
import type { JSONSchemaProps } from "../customresources/schema/json-schema-props.ts";

export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";
export const allVerbs: readonly Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** kube's rule for metadata.name of this kind. */
export type NameRule = "dns1123-subdomain" | "dns1123-label" | "dns1035-label" | "path-segment";

/** What a hook may know about the request: time and user come in here, never from globals. */
export interface StrategyContext {
  now: Date;
  /** On an update through a subresource ("status"), which one. */
  subresource?: string;
  user: { name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> };
}

/** kube's user.Info on the wire (authentication.k8s.io/v1 UserInfo). */
export interface UserInfoWire {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** What the API server itself offers to kinds answered without storing; the HTTP layer supplies it. */
export interface AnswerServices {
  /** Who a bearer token authenticates for the audiences (the API's own when none), as TokenReview asks. */
  reviewToken(token: string, audiences: string[]): Promise<{ authenticated: true; user: UserInfoWire; audiences: string[] } | { authenticated: false; error: string }>;
  /** Signs a service-account token bound to the account (and a pod or secret) for the audiences (the API's own when none). */
  issueServiceAccountToken(request: {
    namespace: string;
    serviceAccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
    secret?: { name: string; uid: string };
    audiences: string[];
    expirationSeconds: number;
  }): Promise<{ token: string; expirationTimestamp: string; audiences: string[] }>;
  /** Reads one object as stored (resource is the storage key, e.g. "pods"). */
  get(resource: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  /** RBAC, for any user: the access reviews ask it. */
  authorizer: Authorizer;
}

export interface AnswerContext extends StrategyContext {
  /** The request's namespace; "" for cluster-scoped kinds. */
  namespace: string;
  services: AnswerServices;
}

/** The type a request body must be, for a kind's own path or a subresource's. */
export type BodyType = Pick<KindDefinition, "group" | "version" | "kind" | "schema">;

/** A subresource created by POST on an object and answered at once, nothing stored (serviceaccounts/token). */
export interface SubresourceAction {
  /** The body's and answer's type (e.g. authentication.k8s.io/v1 TokenRequest). */
  type: BodyType;
  /** Answers for the parent object (already read), or refuses with a Status. */
  create(parent: KubeObject, body: KubeObject, ctx: AnswerContext): Promise<KubeObject | Status>;
}

/** What a kind may ask for after a commit; the storage layer carries it out. */
export interface CommitEffects {
  terminateNamespace(name: string): void;
  /** Fills in a legacy service-account token Secret of the committing shard's namespace. */
  populateServiceAccountToken(secretName: string): void;
  /** Recomputes the rules of aggregated ClusterRoles (a ClusterRole changed). */
  reconcileClusterRoleAggregation(): void;
  /** Accepts the names of CustomResourceDefinitions, marks them Established, cleans up deleted ones. */
  reconcileCustomResourceDefinitions(): void;
  /** Makes sure an active namespace has what kube's controllers put in every one (src/controllers/namespace-defaults.ts). */
  ensureNamespaceDefaults(namespace: string): void;
}

/** What a create's admission may read in the shard that runs it: the namespace's other objects. */
export interface ShardAdmissionContext {
  /** "" for cluster-scoped kinds. */
  namespace: string;
  /** A current object of this shard by storage key (e.g. "serviceaccounts") and name. */
  load(resource: string, name: string): Promise<KubeObject | undefined>;
  /** The current cluster-scoped objects of a resource, as last committed by the cluster shard. */
  clusterObjects(resource: string): Promise<KubeObject[]>;
  /** The stored object, on an update. */
  old?: KubeObject;
}

/** What an admission hook may ask: the request's namespace and the requesting user's authorization. */
export interface AdmissionContext {
  /** "" for cluster-scoped kinds. */
  namespace: string;
  authz: Authorization;
  now: Date;
}

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: string;
  description: string;
  /** 0: always shown; 1: shown with -o wide. */
  priority: 0 | 1;
}

export interface TableDefinition {
  /** All columns, the Name column first, as kube prints them for this kind. */
  columns: TableColumn[];
  /** One cell per column, in order. */
  cells(obj: KubeObject, ctx: { now: Date }): CellValue[];
}

/** The /scale subresource: how a kind's replicas and selector map to autoscaling/v1 Scale. */
export interface ScaleDefinition {
  /** Where spec.replicas of the Scale lives in the object, field by field (["spec", "replicas"]). */
  specReplicasPath: readonly string[];
  specReplicas(obj: KubeObject): number;
  setSpecReplicas(obj: KubeObject, replicas: number): void;
  statusReplicas(obj: KubeObject): number;
  /** The label selector as a string (metav1.FormatLabelSelector), "" when there is none. */
  selector(obj: KubeObject): string;
}

/** Extracts the value a field selector compares against; undefined means the field is absent (""). */
export type FieldGetter = (obj: KubeObject) => string | undefined;

export interface KindDefinition {
  group: string; // "" for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /**
   * The version objects are stored at, when the kind is served at another too (custom resources). Objects
   * are converted by rewriting apiVersion (src/registry/served-version.ts).
   */
  storageVersion?: string;
  /** Every answer of this version carries this Warning (a deprecated custom resource version). */
  deprecationWarning?: string;
  /** Verbs served; all eight when absent. */
  verbs?: readonly Verb[];
  nameRule: NameRule;

  /**
   * The object's schema, metadata excluded (metadata is validated generically). Parsing returns the
   * object as stored: unknown fields of modeled structures are dropped, as kube drops them.
   */
  schema: z.ZodType;

  /**
   * Kinds whose schema is data rather than a Go struct (custom resources) decode a body by this rule instead of
   * parsing it with `schema`, which then describes only their shape: it drops the fields the kind does not know
   * (kube's pruning) and never fails; what is wrong with the values is found by `validate`.
   */
  decode?(body: KubeObject): KubeObject | Status;
  /**
   * Objects are unstructured (custom resources): only JSON and YAML on the wire (protobuf bodies are refused,
   * answers are never protobuf) and no strategic merge patch, which needs Go structs' merge rules.
   */
  unstructured?: boolean;
  /** Sets kube's defaults, on every create and update (kube defaults when it decodes). */
  applyDefaults?(obj: KubeObject): void;
  /** Semantic checks beyond the schema (cross-field rules), on create and update (old: the stored object). */
  validate?(obj: KubeObject, old?: KubeObject): FieldError[];
  /** Checks that need the old object, such as immutable fields. */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Resets what a create may not set (e.g. status) and fills in derived fields. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Fills in derived fields on update, after spec/status separation is applied. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;

  /** The kind has a status stanza owned by the /status subresource. */
  status?: boolean;
  /** Top-level fields whose change bumps metadata.generation; the kind has no generation when absent. */
  generationFields?: readonly string[];
  /** For kinds without a fixed set of fields (custom resources): whether an update bumps metadata.generation. */
  specChanged?(obj: KubeObject, old: KubeObject): boolean;
  scale?: ScaleDefinition;

  /**
   * Deletion of an object that has no finalizers normally removes it. A kind may instead keep it marked
   * (return the object to store, e.g. a Namespace going Terminating) or refuse (return a Status).
   */
  onDelete?(obj: KubeObject, ctx: StrategyContext): KubeObject | Status | undefined;

  /**
   * A marked object whose metadata.finalizers are gone is removed on update; a kind may add a condition
   * (a Namespace also waits for its spec.finalizers).
   */
  readyToRemove?(obj: KubeObject): boolean;
  /** Work to start once a write is committed (e.g. a Namespace that went Terminating is emptied). */
  afterCommit?(obj: KubeObject, effects: CommitEffects, event: "ADDED" | "MODIFIED" | "DELETED"): void;

  /**
   * The kind is not stored: a create is answered by this function, in the Worker, and nothing is kept
   * (TokenReview, SelfSubjectReview). Such kinds serve only the create verb.
   */
  answerCreate?(obj: KubeObject, ctx: AnswerContext): Promise<KubeObject | Status>;
  /** Subresources answered at once on POST, by name (serviceaccounts/token). */
  actions?: Record<string, SubresourceAction>;

  /**
   * Admission that needs the shard's other objects (kube's ServiceAccount and Priority plugins), on create and
   * on update of the main resource (ctx.old set). Runs in the shard, after the object is prepared and
   * validated and its managed fields recorded, so what it adds belongs to no field manager, as in kube. May
   * change the object, or refuse it with a Status.
   */
  admitInShard?(obj: KubeObject, ctx: ShardAdmissionContext): Promise<Status | undefined>;

  /** DELETE answers with the deleted object itself (as for pods) instead of a Success Status. */
  returnDeletedObject?: boolean;

  /**
   * Refuses a write the user may not make although authorized for its verb (RBAC's escalation checks). Runs in
   * the Worker before the write is sent, on the object as it would be stored (old: the current one on update).
   */
  admit?(obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): Promise<Status | undefined>;

  /** Custom resources publish their CRD version's schema in /openapi rather than one derived from `schema`. */
  openAPI?: { schema: JSONSchemaProps | undefined };

  table: TableDefinition;
  /** Field selectors beyond metadata.name and metadata.namespace. */
  fieldSelectors?: Record<string, FieldGetter>;
}

export function apiVersionOf(def: Pick<KindDefinition, "group" | "version">): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function verbsOf(def: KindDefinition): readonly Verb[] {
  return def.verbs ?? allVerbs;
}

/** The name a kind's objects are stored under: its plural qualified by group ("configmaps", "deployments.apps"). */
export function storageKey(def: Pick<KindDefinition, "group" | "plural">): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}
