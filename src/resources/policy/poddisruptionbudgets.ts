// policy/v1 PodDisruptionBudget: how many selected pods must stay up (or may be down) during voluntary evictions.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { condition, envelope, intOrString, labelSelector, timestamp } from "../schema-types.ts";
import { validateLabelSelector } from "../workload-selector.ts";

const evictionPolicies = ["AlwaysAllow", "IfHealthyBudget"] as const;

const specSchema = z
  .object({
    minAvailable: intOrString.meta({ proto: 1, description: "How many selected pods (or what percentage) must stay available after an eviction." }).optional(),
    selector: labelSelector.meta({ proto: 2, patchStrategy: "replace", description: "The pods the budget protects; an empty selector picks every pod in the namespace." }).optional(),
    maxUnavailable: intOrString.meta({ proto: 3, description: "How many selected pods (or what percentage) may be unavailable after an eviction." }).optional(),
    unhealthyPodEvictionPolicy: z
      .string()
      .meta({ proto: 4, description: "When pods that are running but not ready may be evicted: IfHealthyBudget or AlwaysAllow." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.policy.v1.PodDisruptionBudgetSpec", description: "Which pods a budget protects and how many may be disrupted." });

const statusSchema = z
  .object({
    observedGeneration: z.number().int().meta({ proto: 1, protoType: "int64", omitEmpty: true, description: "The generation of the budget this status was computed for." }).optional(),
    disruptedPods: z.record(z.string(), timestamp).meta({ proto: 2, description: "Pods whose eviction was allowed but not yet observed, with when it was allowed." }).optional(),
    disruptionsAllowed: z.number().int().meta({ proto: 3, description: "How many more pods may be disrupted now." }),
    currentHealthy: z.number().int().meta({ proto: 4, description: "How many selected pods are healthy now." }),
    desiredHealthy: z.number().int().meta({ proto: 5, description: "The fewest healthy pods the budget needs." }),
    expectedPods: z.number().int().meta({ proto: 6, description: "How many pods the budget counts." }),
    conditions: z
      .array(condition)
      .meta({ proto: 7, patchStrategy: "merge", patchMergeKey: "type", listType: "map", listMapKeys: ["type"], description: "The latest observations of the budget's state." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.policy.v1.PodDisruptionBudgetStatus", description: "How many pods are healthy and how many may be disrupted." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "The pods protected and the disruption allowed." }).optional(),
    status: statusSchema.meta({ proto: 3, description: "The budget as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.policy.v1.PodDisruptionBudget", description: "Limits how many pods of a set may be evicted at once." });

type PodDisruptionBudget = KubeObject & z.infer<typeof schema>;
type IntOrString = number | string;

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function intOrPercentErrors(value: IntOrString, path: string): FieldError[] {
  if (typeof value === "number") return value < 0 ? [fieldError.invalid(path, value, "must be greater than or equal to 0")] : [];
  if (!/^[0-9]+%$/.test(value)) {
    return [fieldError.invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return Number(value.slice(0, -1)) > 100 ? [fieldError.invalid(path, value, "must not be greater than 100%")] : [];
}

const shown = (value: IntOrString | undefined) => (value === undefined ? "N/A" : String(value));

export const podDisruptionBudgets = {
  group: "policy",
  version: "v1",
  kind: "PodDisruptionBudget",
  plural: "poddisruptionbudgets",
  singular: "poddisruptionbudget",
  namespaced: true,
  shortNames: ["pdb"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  applyDefaults(obj) {
    (obj as PodDisruptionBudget).spec ??= {};
  },
  prepareForCreate(obj) {
    (obj as PodDisruptionBudget).status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(obj) {
    const pdb = obj as PodDisruptionBudget;
    const spec = pdb.spec ?? {};
    const errors: FieldError[] = [];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
      errors.push(fieldError.invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
    }
    if (spec.minAvailable !== undefined) errors.push(...intOrPercentErrors(spec.minAvailable, "spec.minAvailable"));
    if (spec.maxUnavailable !== undefined) errors.push(...intOrPercentErrors(spec.maxUnavailable, "spec.maxUnavailable"));
    errors.push(...validateLabelSelector(spec.selector, "spec.selector"));
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy !== undefined && !(evictionPolicies as readonly string[]).includes(policy)) {
      errors.push(fieldError.notSupported("spec.unhealthyPodEvictionPolicy", policy, evictionPolicies));
    }
    const status = pdb.status;
    if (status) {
      for (const key of ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"] as const) {
        if (status[key] < 0) errors.push(fieldError.invalid(`status.${key}`, status[key], "must be greater than or equal to 0"));
      }
    }
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Min Available", "string", "The fewest selected pods that must stay available."),
      column("Max Unavailable", "string", "The most selected pods that may be unavailable."),
      column("Allowed Disruptions", "integer", "How many more pods may be disrupted now."),
      ageColumn,
    ],
    cells(obj, { now }) {
      const pdb = obj as PodDisruptionBudget;
      return [obj.metadata.name ?? "", shown(pdb.spec?.minAvailable), shown(pdb.spec?.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
