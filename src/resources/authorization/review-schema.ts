// What the access reviews (authorization.k8s.io/v1) share: the attributes of an access request, the status
// an answer carries, kube's validation of a spec, and the attributes the authorizer is asked about.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { AccessAttributes } from "../../auth/rbac/policy-rule.ts";
import { labelSelectorRequirement } from "../schema-types.ts";
import type { TableDefinition } from "../definition.ts";
import { nameColumn } from "../table-columns.ts";

export const authorizationGroup = "authorization.k8s.io";

const selectorAttributes = (definition: string, requirement: z.ZodType) =>
  z
    .object({
      rawSelector: z.string().meta({ proto: 1, description: "The selector as it would appear in a query parameter." }).optional(),
      requirements: z.array(requirement).meta({ proto: 2, listType: "atomic", description: "The selector's requirements, parsed." }).optional(),
    })
    .meta({ definition, description: "A selector that limits the access asked about." });

const fieldSelectorRequirement = z
  .object({
    key: z.string().meta({ proto: 1, description: "The field the requirement tests." }),
    operator: z.string().meta({ proto: 2, description: "In, NotIn, Exists or DoesNotExist." }),
    values: z.array(z.string()).meta({ proto: 3, listType: "atomic", description: "The values In and NotIn compare with." }).optional(),
  })
  .meta({ definition: "io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement", description: "One test of a field selector." });

export const resourceAttributes = z
  .object({
    namespace: z.string().meta({ proto: 1, description: "The namespace of the action; empty means all namespaces (or a cluster-scoped resource)." }).optional(),
    verb: z.string().meta({ proto: 2, description: "The API verb, such as get, list or create; \"*\" means all." }).optional(),
    group: z.string().meta({ proto: 3, description: "The API group of the resource; \"*\" means all." }).optional(),
    version: z.string().meta({ proto: 4, description: "The API version of the resource; \"*\" means all." }).optional(),
    resource: z.string().meta({ proto: 5, description: "The resource, such as pods; \"*\" means all." }).optional(),
    subresource: z.string().meta({ proto: 6, description: "The subresource, such as log; empty means none." }).optional(),
    name: z.string().meta({ proto: 7, description: "The name of the object; empty means all." }).optional(),
    fieldSelector: selectorAttributes("io.k8s.api.authorization.v1.FieldSelectorAttributes", fieldSelectorRequirement).meta({ proto: 8 }).optional(),
    labelSelector: selectorAttributes("io.k8s.api.authorization.v1.LabelSelectorAttributes", labelSelectorRequirement).meta({ proto: 9 }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.ResourceAttributes", description: "An action on resources that access is asked about." });

export const nonResourceAttributes = z
  .object({
    path: z.string().meta({ proto: 1, description: "The URL path." }).optional(),
    verb: z.string().meta({ proto: 2, description: "The HTTP verb, lower-cased (get, post, ...)." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.NonResourceAttributes", description: "An action on a URL path that access is asked about." });

export const accessReviewStatus = z
  .object({
    allowed: z.boolean().meta({ proto: 1, description: "Whether the action would be allowed." }).optional(),
    denied: z.boolean().meta({ proto: 4, omitEmpty: true, description: "Whether the action would be explicitly denied." }).optional(),
    reason: z.string().meta({ proto: 2, description: "Why the action is allowed or denied." }).optional(),
    evaluationError: z.string().meta({ proto: 3, description: "An error met while deciding; the answer may still stand." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SubjectAccessReviewStatus", description: "The server's answer to an access review." });

export type ResourceAttributesObject = z.infer<typeof resourceAttributes>;
export type NonResourceAttributesObject = z.infer<typeof nonResourceAttributes>;

/** The spec parts every access review shares. */
export interface AccessSpec {
  resourceAttributes?: ResourceAttributesObject;
  nonResourceAttributes?: NonResourceAttributesObject;
}

/** Exactly one of resourceAttributes and nonResourceAttributes (ValidateSubjectAccessReviewSpec's first checks). */
export function validateAccessSpec(spec: AccessSpec): FieldError[] {
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return [fieldError.invalid("spec.nonResourceAttributes", spec.nonResourceAttributes, "cannot be specified in combination with resourceAttributes")];
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return [fieldError.invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified")];
  }
  return [];
}

/** authorizationutil.ResourceAttributesFrom / NonResourceAttributesFrom. */
export function accessAttributes(spec: AccessSpec): AccessAttributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      verb: r.verb ?? "",
      resourceRequest: true,
      namespace: r.namespace ?? "",
      apiGroup: r.group ?? "",
      apiVersion: r.version || "*",
      resource: r.resource ?? "",
      subresource: r.subresource ?? "",
      name: r.name ?? "",
    };
  }
  return { verb: spec.nonResourceAttributes?.verb ?? "", resourceRequest: false, path: spec.nonResourceAttributes?.path ?? "" };
}

/** The status of an answer: allowed always present, the rest when set. */
export function reviewStatus(decision: { allowed: boolean; reason: string }): Record<string, unknown> {
  return decision.reason ? { allowed: decision.allowed, reason: decision.reason } : { allowed: decision.allowed };
}

export function specOf<T>(obj: KubeObject): T {
  return (obj.spec ?? {}) as T;
}

/** Reviews are never listed; a table still names them. */
export const reviewTable: TableDefinition = {
  columns: [nameColumn],
  cells: (obj) => [obj.metadata.name ?? ""],
};
