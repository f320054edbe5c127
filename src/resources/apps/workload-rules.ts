// Rules the apps/v1 controllers share: their pod template (always restarted, no deadline), int-or-percent
// rollout limits, non-negative counts, and the replica columns and scale of replicated kinds.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { validatePodTemplateSpec, type PodSpecOptions, type PodTemplateSpec } from "../core/pod-spec.ts";
import type { ScaleDefinition } from "../definition.ts";
import { selectorOrUndefined } from "../workload-selector.ts";
import type { LabelSelectorObject } from "../schema-types.ts";

export type IntOrString = number | string;

export function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0 ? [fieldError.invalid(field, value, "must be greater than or equal to 0")] : [];
}

/**
 * The template of a controller that keeps its pods running: kube's pod template rules, a restart policy of
 * Always and no activeDeadlineSeconds. `kind` names the controller in kube's message (Deployments say ReplicaSet).
 */
export function validateControllerTemplate(template: PodTemplateSpec | undefined, kind: string, opts: PodSpecOptions = {}): FieldError[] {
  const errors = validatePodTemplateSpec(template, "spec.template", opts);
  const restart = template?.spec?.restartPolicy ?? "";
  if (restart !== "Always") errors.push(fieldError.notSupported("spec.template.spec.restartPolicy", restart, ["Always"]));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(fieldError.forbidden("spec.template.spec.activeDeadlineSeconds", `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errors;
}

const percent = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent */
export function validateIntOrPercent(field: string, value: IntOrString | undefined): FieldError[] {
  if (typeof value === "string" && !percent.test(value)) {
    return [
      fieldError.invalid(
        field,
        value,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return typeof value === "number" ? nonNegative(field, value) : [];
}

/** The number an int-or-percent stands for when compared with 0 (kube's getIntOrPercentValue). */
export function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === "number") return value;
  if (value === undefined) return 0;
  if (percent.test(value)) return Number(value.slice(0, -1));
  return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

export function notMoreThan100Percent(field: string, value: IntOrString | undefined): FieldError[] {
  return typeof value === "string" && percent.test(value) && Number(value.slice(0, -1)) > 100
    ? [fieldError.invalid(field, value, "must not be greater than 100%")]
    : [];
}

export interface ReplicatedObject extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelectorObject };
  status?: { replicas?: number };
}

/** /scale for a kind with spec.replicas, status.replicas and a label selector. */
export const replicasScale: ScaleDefinition = {
  specReplicasPath: ["spec", "replicas"],
  specReplicas: (obj) => (obj as ReplicatedObject).spec?.replicas ?? 0,
  setSpecReplicas(obj, replicas) {
    const o = obj as ReplicatedObject;
    o.spec = { ...o.spec, replicas };
  },
  statusReplicas: (obj) => (obj as ReplicatedObject).status?.replicas ?? 0,
  selector: (obj) => selectorOrUndefined((obj as ReplicatedObject).spec?.selector)?.toString() ?? "",
};
