// core/v1 ResourceQuota: hard limits on what a namespace may consume, and the usage the quota controller observes.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, quantity, quantityValue } from "../schema-types.ts";

/** The scopes kube knows, in the order it lists them. */
const quotaScopes = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"] as const;
const scopeOperators = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

const resourceList = (proto: number, description: string) => z.record(z.string(), quantity).meta({ proto, description });

const scopedRequirement = z
  .object({
    scopeName: z.string().meta({ proto: 1, description: "The quota scope the requirement is about." }),
    operator: z.string().meta({ proto: 2, description: "How the scope relates to the values: In, NotIn, Exists or DoesNotExist." }),
    values: z.array(z.string()).meta({ proto: 3, listType: "atomic", description: "The values to compare with; empty for Exists and DoesNotExist." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ScopedResourceSelectorRequirement", description: "One test a tracked object's scope must pass." });

const scopeSelector = z
  .object({
    matchExpressions: z.array(scopedRequirement).meta({ proto: 1, listType: "atomic", description: "Tests on scopes; all must hold." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ScopeSelector", structType: "atomic", description: "Narrows the quota to objects whose scopes pass every test." });

const specSchema = z
  .object({
    hard: resourceList(1, "The most of each named resource the namespace may use.").optional(),
    scopes: z.array(z.string()).meta({ proto: 2, listType: "atomic", description: "Scopes every tracked object must match." }).optional(),
    scopeSelector: scopeSelector.meta({ proto: 3, description: "Scope tests every tracked object must pass." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceQuotaSpec", description: "The limits a quota sets and the objects it applies to." });

const statusSchema = z
  .object({
    hard: resourceList(1, "The limits the quota controller is enforcing.").optional(),
    used: resourceList(2, "How much of each resource the namespace uses now.").optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceQuotaStatus", description: "The limits in force and the usage observed." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "The limits wanted." }).optional(),
    status: statusSchema.meta({ proto: 3, description: "The limits in force and the usage observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceQuota", description: "Caps the total resources a namespace may consume." });

type ResourceQuota = KubeObject & z.infer<typeof schema>;
type ResourceList = Record<string, string | number>;

function resourceListErrors(list: ResourceList | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const at = `${path}[${name}]`;
    for (const msg of qualifiedNameErrors(name)) errors.push(fieldError.invalid(at, name, msg));
    const amount = quantityValue(value);
    if (amount !== undefined && amount < 0) errors.push(fieldError.invalid(at, String(value), "must be greater than or equal to 0"));
  }
  return errors;
}

function scopeErrors(spec: NonNullable<ResourceQuota["spec"]>): FieldError[] {
  const errors: FieldError[] = [];
  for (const scope of spec.scopes ?? []) {
    if (!(quotaScopes as readonly string[]).includes(scope)) errors.push(fieldError.invalid("spec.scopes", scope, "unsupported scope"));
  }
  (spec.scopeSelector?.matchExpressions ?? []).forEach((req, i) => {
    const at = `spec.scopeSelector.matchExpressions[${i}]`;
    if (!(quotaScopes as readonly string[]).includes(req.scopeName)) errors.push(fieldError.invalid(`${at}.scopeName`, req.scopeName, "unsupported scope"));
    if (!(scopeOperators as readonly string[]).includes(req.operator)) errors.push(fieldError.notSupported(`${at}.operator`, req.operator, scopeOperators));
    const values = req.values ?? [];
    if ((req.operator === "In" || req.operator === "NotIn") && values.length === 0) {
      errors.push(fieldError.required(`${at}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if ((req.operator === "Exists" || req.operator === "DoesNotExist") && values.length > 0) {
      errors.push(fieldError.invalid(`${at}.values`, values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    }
  });
  return errors;
}

/** kube's REQUEST and LIMIT cells: "name: used/hard" for each enforced resource, limits.* apart. */
function usageCells(status: ResourceQuota["status"]): [string, string] {
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(status?.hard ?? {}).sort()) {
    const hard = status?.hard?.[name];
    const used = status?.used?.[name] ?? "0";
    (name.startsWith("limits.") ? limits : requests).push(`${name}: ${used}/${hard}`);
  }
  return [requests.join(", "), limits.join(", ")];
}

export const resourceQuotas = {
  group: "",
  version: "v1",
  kind: "ResourceQuota",
  plural: "resourcequotas",
  singular: "resourcequota",
  namespaced: true,
  shortNames: ["quota"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  validate(obj) {
    const rq = obj as ResourceQuota;
    const spec = rq.spec ?? {};
    return [
      ...resourceListErrors(spec.hard, "spec.hard"),
      ...scopeErrors(spec),
      ...resourceListErrors(rq.status?.hard, "status.hard"),
      ...resourceListErrors(rq.status?.used, "status.used"),
    ];
  },
  table: {
    columns: [
      nameColumn,
      column("Request", "string", "Requests counted against the quota, as used/hard."),
      column("Limit", "string", "Limits counted against the quota, as used/hard."),
      ageColumn,
    ],
    cells(obj, { now }) {
      const [request, limit] = usageCells((obj as ResourceQuota).status);
      return [obj.metadata.name ?? "", request, limit, creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
