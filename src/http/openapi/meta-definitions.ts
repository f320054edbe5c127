// The definitions every API group shares, written by hand because no kind's zod schema models them (metadata
// is validated generically) or because kube publishes them in a shape of their own (Time, Quantity,
// IntOrString are strings with a format). Names, types, formats and patch metadata are kube's; the
// descriptions are this project's own words. A zod schema that claims one of these names is referred to,
// never generated: these bodies win.

import { extension, type Schema } from "./schema.ts";

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1";

export const metaNames = {
  objectMeta: `${meta}.ObjectMeta`,
  listMeta: `${meta}.ListMeta`,
  ownerReference: `${meta}.OwnerReference`,
  managedFieldsEntry: `${meta}.ManagedFieldsEntry`,
  fieldsV1: `${meta}.FieldsV1`,
  time: `${meta}.Time`,
  microTime: `${meta}.MicroTime`,
  status: `${meta}.Status`,
  statusDetails: `${meta}.StatusDetails`,
  statusCause: `${meta}.StatusCause`,
  deleteOptions: `${meta}.DeleteOptions`,
  preconditions: `${meta}.Preconditions`,
  labelSelector: `${meta}.LabelSelector`,
  labelSelectorRequirement: `${meta}.LabelSelectorRequirement`,
  condition: `${meta}.Condition`,
  patch: `${meta}.Patch`,
  watchEvent: `${meta}.WatchEvent`,
  quantity: "io.k8s.apimachinery.pkg.api.resource.Quantity",
  intOrString: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  rawExtension: "io.k8s.apimachinery.pkg.runtime.RawExtension",
  scale: "io.k8s.api.autoscaling.v1.Scale",
  scaleSpec: "io.k8s.api.autoscaling.v1.ScaleSpec",
  scaleStatus: "io.k8s.api.autoscaling.v1.ScaleStatus",
} as const;

const str = (description: string): Schema => ({ description, type: "string" });
const int32 = (description: string): Schema => ({ description, type: "integer", format: "int32" });
const int64 = (description: string): Schema => ({ description, type: "integer", format: "int64" });
const bool = (description: string): Schema => ({ description, type: "boolean" });
const ref = (name: string, description: string, extensions?: Record<string, unknown>): Schema => ({ description, ref: name, extensions });
const stringMap = (description: string): Schema => ({ description, type: "object", additionalProperties: { type: "string" } });
const atomicStrings = (description: string): Schema => ({
  description,
  type: "array",
  items: { type: "string" },
  extensions: { [extension.listType]: "atomic" },
});
const object = (description: string, properties: Record<string, Schema>, more: Partial<Schema> = {}): Schema => ({
  description,
  type: "object",
  ...(more.required ? { required: more.required } : {}),
  properties,
  ...(more.extensions ? { extensions: more.extensions } : {}),
});

/** The fields every top-level object starts with. */
export const typeMetaProperties = {
  apiVersion: str("The versioned schema this object follows, as group/version (v1 for the core group). The server converts the versions it knows and may reject others."),
  kind: str("The kind of object this is, in CamelCase. The server can infer it from the path of a request; it cannot be changed."),
};

export const objectMetaProperty = ref(metaNames.objectMeta, "Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.");
export const listMetaProperty = ref(metaNames.listMeta, "Standard list metadata: the resource version of the list and the token for its next page.");

const timeString = (description: string): Schema => ({ description, type: "string", format: "date-time" });

/** Every shared definition by name. */
export const metaDefinitions: Record<string, Schema> = {
  [metaNames.time]: timeString("A point in time to the second, written in RFC 3339 form (2006-01-02T15:04:05Z)."),
  [metaNames.microTime]: timeString("A point in time to the microsecond, written in RFC 3339 form with six fractional digits."),
  [metaNames.quantity]: {
    description:
      "An amount of a resource: a decimal number with an optional suffix, either binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal SI (n, u, m, k, M, G, T, P, E) or a decimal exponent (1e3). Examples: 500m, 2, 1.5Gi.",
    type: "string",
    oneOf: [{ type: "string" }, { type: "number" }],
  },
  [metaNames.intOrString]: {
    description: "A value that is either a 32-bit integer or a string, such as a port number or a port name, or a count or a percentage.",
    type: "string",
    format: "int-or-string",
    oneOf: [{ type: "integer" }, { type: "string" }],
  },
  [metaNames.rawExtension]: { description: "An embedded object of any kind, kept as the JSON it was sent as.", type: "object" },
  [metaNames.fieldsV1]: { description: "A set of fields, encoded as a trie of JSON objects keyed by field, list item and map key.", type: "object" },
  [metaNames.patch]: { description: "The body of a PATCH request, in the patch format named by its Content-Type.", type: "object" },

  [metaNames.objectMeta]: object("The metadata every persisted object carries; users set some of it and the server maintains the rest.", {
    annotations: stringMap("Arbitrary key/value data for tools and people to read; not used to select objects."),
    creationTimestamp: ref(metaNames.time, "When the server created the object; set by the server and read-only."),
    deletionGracePeriodSeconds: int64("How many seconds the object is given to terminate gracefully before it is removed; read-only."),
    deletionTimestamp: ref(metaNames.time, "When the object will be or was deleted, set by the server when a graceful deletion is requested; read-only."),
    finalizers: {
      description: "Conditions that must be cleared before the object is removed from storage; each names the component that clears it.",
      type: "array",
      items: { type: "string" },
      extensions: { [extension.listType]: "set", [extension.patchStrategy]: "merge" },
    },
    generateName: str("A prefix from which the server makes a unique name when no name is given."),
    generation: int64("A number the server increments each time the desired state (the spec) changes; read-only."),
    labels: stringMap("Key/value pairs for organizing and selecting objects; selectors match on them."),
    managedFields: {
      description: "Which manager owns which fields, as recorded by server-side apply; mostly for internal use.",
      type: "array",
      items: { ref: metaNames.managedFieldsEntry },
      extensions: { [extension.listType]: "atomic" },
    },
    name: str("The object's name, unique among objects of its kind in its namespace; it cannot be changed."),
    namespace: str("The namespace the object lives in; empty for objects that are not namespaced."),
    ownerReferences: {
      description: "The objects this object depends on; when every owner is gone the object is garbage collected.",
      type: "array",
      items: { ref: metaNames.ownerReference },
      extensions: {
        [extension.listMapKeys]: ["uid"],
        [extension.listType]: "map",
        [extension.patchMergeKey]: "uid",
        [extension.patchStrategy]: "merge",
      },
    },
    resourceVersion: str("An opaque version that changes on every write; used for optimistic concurrency and to start watches."),
    selfLink: str("Deprecated and no longer set by the server."),
    uid: str("A value unique in time and space for this object, assigned by the server; read-only."),
  }),

  [metaNames.ownerReference]: object(
    "Identifies an owner of an object; owners must be in the same namespace or cluster-scoped.",
    {
      apiVersion: str("The API version of the owner."),
      blockOwnerDeletion: bool("When true and the owner is deleted in the foreground, the owner stays until this object is gone."),
      controller: bool("True when this owner is the object's managing controller; at most one owner may be."),
      kind: str("The kind of the owner."),
      name: str("The name of the owner."),
      uid: str("The uid of the owner."),
    },
    { required: ["apiVersion", "kind", "name", "uid"], extensions: { [extension.mapType]: "atomic" } },
  ),

  [metaNames.managedFieldsEntry]: object("The fields one manager owns through one kind of operation, as recorded by server-side apply.", {
    apiVersion: str("The API version the field set is expressed in."),
    fieldsType: str("The format of the field set; FieldsV1 is the only one."),
    fieldsV1: ref(metaNames.fieldsV1, "The owned fields."),
    manager: str("The name of the manager (the field manager of the requests)."),
    operation: str("Apply or Update: the kind of request that took ownership."),
    subresource: str("The subresource the fields were written through, empty for the main resource."),
    time: ref(metaNames.time, "When the entry last changed."),
  }),

  [metaNames.listMeta]: object("The metadata of a list of objects.", {
    continue: str("Set when the list was limited and more items remain: pass it back to get the next page. It expires after a few minutes."),
    remainingItemCount: int64("How many items remain after this page; an estimate, and absent when it is not known."),
    resourceVersion: str("The version of the state the list was read at; a watch can start from it."),
    selfLink: str("Deprecated and no longer set by the server."),
  }),

  [metaNames.status]: object(
    "The result of a request that returns no object, such as a failure or a deletion.",
    {
      ...typeMetaProperties,
      code: int32("The HTTP status code of the result; 0 when unset."),
      details: ref(metaNames.statusDetails, "More about the result; what it holds depends on the reason."),
      message: str("A human-readable account of the result."),
      metadata: listMetaProperty,
      reason: str("A machine-readable CamelCase reason for a failure, such as NotFound or AlreadyExists; empty when unknown."),
      status: str("Success or Failure."),
    },
    { extensions: { [extension.gvk]: [{ group: "", kind: "Status", version: "v1" }] } },
  ),

  [metaNames.statusDetails]: object("Details of a result: which object it concerns and, for invalid requests, the causes.", {
    causes: {
      description: "The individual problems behind a failure, such as one per invalid field.",
      type: "array",
      items: { ref: metaNames.statusCause },
      extensions: { [extension.listType]: "atomic" },
    },
    group: str("The API group of the object concerned."),
    kind: str("The kind (or resource) of the object concerned."),
    name: str("The name of the object concerned, when there is one."),
    retryAfterSeconds: int32("How many seconds to wait before retrying, when the failure is temporary."),
    uid: str("The uid of the object concerned, when known."),
  }),

  [metaNames.statusCause]: object("One problem behind a failure.", {
    field: str("The field the problem is in, as a JSON path such as spec.containers[0].name; may be empty."),
    message: str("A human-readable account of the problem."),
    reason: str("A machine-readable reason for the problem, such as FieldValueRequired."),
  }),

  [metaNames.deleteOptions]: object("Options of a delete request.", {
    ...typeMetaProperties,
    dryRun: atomicStrings("When set to All, the request is checked and answered but nothing is deleted."),
    gracePeriodSeconds: int64("Seconds the object is given to terminate; 0 deletes at once, unset uses the kind's default."),
    ignoreStoreReadErrorWithClusterBreakingPotential: bool("Deletes an object that can no longer be read from storage; may break the cluster, so it needs extra permission."),
    kind: typeMetaProperties.kind,
    orphanDependents: bool("Deprecated in favor of propagationPolicy: when true, dependents are orphaned rather than deleted."),
    preconditions: ref(metaNames.preconditions, "What must hold for the deletion to go ahead."),
    propagationPolicy: str("How dependents are handled: Orphan keeps them, Background deletes them after the owner, Foreground before it."),
  }),

  [metaNames.preconditions]: object("What an object must match for a request to go ahead.", {
    resourceVersion: str("The resource version the object must have."),
    uid: str("The uid the object must have."),
  }),

  [metaNames.labelSelector]: object(
    "Picks objects by their labels: an object matches when every term holds. An empty selector matches everything; no selector matches nothing.",
    {
      matchExpressions: {
        description: "Label requirements, all of which must hold.",
        type: "array",
        items: { ref: metaNames.labelSelectorRequirement },
        extensions: { [extension.listType]: "atomic" },
      },
      matchLabels: stringMap("Labels an object must carry with exactly these values."),
    },
    { extensions: { [extension.mapType]: "atomic" } },
  ),

  [metaNames.labelSelectorRequirement]: object(
    "One requirement of a label selector: a key, an operator and, for In and NotIn, values.",
    {
      key: str("The label key the requirement tests."),
      operator: str("How the key relates to the values: In, NotIn, Exists or DoesNotExist."),
      values: atomicStrings("The values to compare with: non-empty for In and NotIn, empty for Exists and DoesNotExist."),
    },
    { required: ["key", "operator"] },
  ),

  [metaNames.condition]: object(
    "One aspect of an object's current state, with when and why it last changed.",
    {
      lastTransitionTime: ref(metaNames.time, "When the status last changed."),
      message: str("A human-readable account of the transition."),
      observedGeneration: int64("The metadata.generation the condition was set for."),
      reason: str("A CamelCase word for why the status is what it is."),
      status: str("True, False or Unknown."),
      type: str("The aspect the condition describes, in CamelCase or as a domain-prefixed name."),
    },
    { required: ["type", "status", "lastTransitionTime", "reason", "message"] },
  ),

  [metaNames.watchEvent]: object(
    "One change seen by a watch.",
    {
      object: ref(metaNames.rawExtension, "For ADDED and MODIFIED the object's new state; for DELETED its last state; for BOOKMARK an object with only a resource version; for ERROR a Status."),
      type: str("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR."),
    },
    { required: ["type", "object"] },
  ),

  [metaNames.scale]: object(
    "The scale subresource of a workload: its desired and observed replica counts.",
    {
      ...typeMetaProperties,
      metadata: objectMetaProperty,
      spec: ref(metaNames.scaleSpec, "The desired number of replicas."),
      status: ref(metaNames.scaleStatus, "The observed number of replicas; read-only."),
    },
    { extensions: { [extension.gvk]: [{ group: "autoscaling", kind: "Scale", version: "v1" }] } },
  ),
  [metaNames.scaleSpec]: object("The desired scale.", { replicas: int32("The desired number of replicas.") }),
  [metaNames.scaleStatus]: object(
    "The observed scale.",
    {
      replicas: int32("The number of replicas observed."),
      selector: str("The label selector of the replicas, in the string form of a label query."),
    },
    { required: ["replicas"] },
  ),
};
