// The meta.k8s.io/v1 types every kind shares — ObjectMeta and its parts, ListMeta, Status, DeleteOptions — and
// autoscaling/v1 Scale, as annotated zod schemas (schema-meta.ts). Kinds keep `metadata: z.unknown()` (metadata
// is validated generically); protobuf finds ObjectMeta here through topLevelFieldSchema and messageSchemaFor.

import { z } from "zod";

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1";

const str = (proto: number, description: string) => z.string().meta({ proto, description }).optional();
const time = (proto: number, description: string) => z.string().meta({ proto, protoType: "Time", description }).optional();

export const typeMeta = z
  .object({
    kind: str(1, "The object's kind, in CamelCase."),
    apiVersion: str(2, "The group and version the object is expressed in."),
  })
  .meta({ definition: `${meta}.TypeMeta` });

export const ownerReference = z
  .object({
    apiVersion: z.string().meta({ proto: 5, description: "API version of the owner." }),
    kind: z.string().meta({ proto: 1, description: "Kind of the owner." }),
    name: z.string().meta({ proto: 3, description: "Name of the owner, in the same namespace." }),
    uid: z.string().meta({ proto: 4, description: "UID of the owner." }),
    controller: z.boolean().meta({ proto: 6, description: "True when the owner is the managing controller." }).optional(),
    blockOwnerDeletion: z
      .boolean()
      .meta({ proto: 7, description: "When true, foreground deletion of the owner waits for this object to go." })
      .optional(),
  })
  .meta({ definition: `${meta}.OwnerReference` });

export const managedFieldsEntry = z
  .object({
    manager: str(1, "The workflow that manages these fields."),
    operation: str(2, "Apply or Update: the kind of request that last set these fields."),
    apiVersion: str(3, "The version the field set is expressed in."),
    time: time(4, "When these fields were last changed."),
    fieldsType: str(6, 'How fieldsV1 is written; only "FieldsV1".'),
    fieldsV1: z
      .record(z.string(), z.unknown())
      .meta({ proto: 7, protoType: "JSON", description: "The set of fields, as a tree of field paths." })
      .optional(),
    subresource: str(8, "The subresource the request was made to, if any."),
  })
  .meta({ definition: `${meta}.ManagedFieldsEntry` });

export const objectMeta = z
  .object({
    name: str(1, "Unique name within the namespace (or the cluster, for cluster-scoped kinds)."),
    generateName: str(2, "A prefix from which the server makes a unique name when name is empty."),
    namespace: str(3, "The namespace the object lives in; empty for cluster-scoped kinds."),
    selfLink: str(4, "Deprecated and no longer set."),
    uid: str(5, "Unique identifier the server assigns at creation; never reused."),
    resourceVersion: str(6, "Opaque version of the object, for optimistic concurrency and watches."),
    generation: z.number().int().meta({ proto: 7, protoType: "int64", omitEmpty: true, description: "Sequence number of changes to the desired state." }).optional(),
    creationTimestamp: time(8, "When the server created the object."),
    deletionTimestamp: time(9, "When the object is due to be removed; set by a delete request."),
    deletionGracePeriodSeconds: z
      .number()
      .int()
      .meta({ proto: 10, protoType: "int64", description: "Seconds the object has to terminate gracefully." })
      .optional(),
    labels: z.record(z.string(), z.string()).meta({ proto: 11, description: "Keys and values used to select objects." }).optional(),
    annotations: z.record(z.string(), z.string()).meta({ proto: 12, description: "Arbitrary metadata tools keep on the object." }).optional(),
    ownerReferences: z
      .array(ownerReference)
      .meta({ proto: 13, patchStrategy: "merge", patchMergeKey: "uid", listType: "map", listMapKeys: ["uid"], description: "Objects this one depends on." })
      .optional(),
    finalizers: z
      .array(z.string())
      .meta({ proto: 14, patchStrategy: "merge", listType: "set", description: "Conditions that must clear before the object is removed." })
      .optional(),
    managedFields: z.array(managedFieldsEntry).meta({ proto: 17, listType: "atomic", description: "Which manager owns which fields." }).optional(),
  })
  .meta({ definition: `${meta}.ObjectMeta` });

export const listMeta = z
  .object({
    selfLink: str(1, "Deprecated and no longer set."),
    resourceVersion: str(2, "The revision the list was read at."),
    continue: str(3, "Token for the next page of a paginated list."),
    remainingItemCount: z.number().int().meta({ proto: 4, protoType: "int64", description: "Items left after this page, when known." }).optional(),
  })
  .meta({ definition: `${meta}.ListMeta` });

export const statusCause = z
  .object({
    reason: str(1, "Machine-readable cause, such as FieldValueInvalid."),
    message: str(2, "What went wrong, for a person."),
    field: str(3, 'The field at fault, as a path such as "spec.containers[0].name".'),
  })
  .meta({ definition: `${meta}.StatusCause` });

export const statusDetails = z
  .object({
    name: str(1, "Name of the object the status is about."),
    group: str(2, "Group of that object."),
    kind: str(3, "Kind (or resource) of that object."),
    uid: str(6, "UID of that object."),
    causes: z.array(statusCause).meta({ proto: 4, description: "Each reason the request failed." }).optional(),
    retryAfterSeconds: z.number().int().meta({ proto: 5, description: "Seconds to wait before retrying." }).optional(),
  })
  .meta({ definition: `${meta}.StatusDetails` });

export const status = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: listMeta.meta({ proto: 1 }).optional(),
    status: str(2, 'Success or Failure.'),
    message: str(3, "What happened, for a person."),
    reason: str(4, "Machine-readable reason, such as NotFound; clients branch on it."),
    details: statusDetails.meta({ proto: 5, description: "More about the reason." }).optional(),
    code: z.number().int().meta({ proto: 6, description: "The HTTP status code." }).optional(),
  })
  .meta({ definition: `${meta}.Status` });

export const preconditions = z
  .object({
    uid: str(1, "The UID the object must have."),
    resourceVersion: str(2, "The resourceVersion the object must have."),
  })
  .meta({ definition: `${meta}.Preconditions` });

export const deleteOptions = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    gracePeriodSeconds: z.number().int().meta({ proto: 1, protoType: "int64", description: "Seconds before the object is deleted; 0 is now." }).optional(),
    preconditions: preconditions.meta({ proto: 2, description: "Checks the object must pass to be deleted." }).optional(),
    orphanDependents: z.boolean().meta({ proto: 3, description: "Deprecated: use propagationPolicy." }).optional(),
    propagationPolicy: str(4, "Orphan, Background or Foreground: what happens to dependents."),
    dryRun: z.array(z.string()).meta({ proto: 5, description: '"All" to run every stage without persisting.' }).optional(),
    ignoreStoreReadErrorWithClusterBreakingPotential: z
      .boolean()
      .meta({ proto: 6, description: "Delete even if the stored object cannot be read (unsafe)." })
      .optional(),
  })
  .meta({ definition: `${meta}.DeleteOptions` });

export const scaleSpec = z
  .object({ replicas: z.number().int().meta({ proto: 1, description: "The desired number of replicas." }).optional() })
  .meta({ definition: "io.k8s.api.autoscaling.v1.ScaleSpec" });

export const scaleStatus = z
  .object({
    replicas: z.number().int().meta({ proto: 1, description: "The observed number of replicas." }),
    selector: str(2, "The label selector of the pods counted, as a string."),
  })
  .meta({ definition: "io.k8s.api.autoscaling.v1.ScaleStatus" });

/** autoscaling/v1 Scale, the body of a /scale subresource; its metadata is ObjectMeta like a kind's. */
export const scale = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: z.unknown(),
    spec: scaleSpec.meta({ proto: 2, description: "The desired scale." }).optional(),
    status: scaleStatus.meta({ proto: 3, description: "The observed scale." }).optional(),
  })
  .meta({ definition: "io.k8s.api.autoscaling.v1.Scale" });

const byDefinition = new Map<string, z.ZodType>(
  [typeMeta, ownerReference, managedFieldsEntry, objectMeta, listMeta, statusCause, statusDetails, status, preconditions, deleteOptions, scaleSpec, scaleStatus, scale].map(
    (schema) => [z.globalRegistry.get(schema)?.definition ?? "", schema],
  ),
);

/** A shared message by definition name, for a field declared `z.unknown().meta({ proto, definition })`. */
export function messageSchemaFor(definition: string): z.ZodType | undefined {
  return byDefinition.get(definition);
}

const objectMetaField = objectMeta.meta({ proto: 1, description: "Standard object metadata." });

/** The schema of a kind's top-level field that the kind leaves unannotated: `metadata` is ObjectMeta, field 1. */
export function topLevelFieldSchema(name: string): z.ZodType | undefined {
  return name === "metadata" ? objectMetaField : undefined;
}

/**
 * ObjectMeta as Go holds it: its strings and generation are plain values, so empty means unset. Go writes
 * them on the wire anyway; this drops the empty ones from decoded JSON (deletionGracePeriodSeconds is a
 * pointer and keeps 0).
 */
export function dropUnsetObjectMeta(metadata: Record<string, unknown>): void {
  for (const key of ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion"]) if (metadata[key] === "") delete metadata[key];
  if (metadata.generation === 0) delete metadata.generation;
}
