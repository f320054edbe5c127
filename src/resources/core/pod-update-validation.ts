// kube's ValidatePodUpdate: a pod's spec is fixed once created, except its images, a shrinking
// activeDeadlineSeconds, added tolerations, removed scheduling gates and (for a gated pod) added node selectors.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { jsonEqual } from "../json-equal.ts";
import type { Container, PodSpec, Toleration } from "./pod-spec-schema.ts";

const maxInt32 = 2 ** 31 - 1;

export const podUpdateForbidden =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
  "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

function containerUpdates(next: Container[] = [], prev: Container[] = [], path: string): { errors: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errors: [fieldError.forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errors: FieldError[] = [];
  next.forEach((c, i) => {
    if (!c.image) errors.push(fieldError.required(`${path}[${i}].image`));
    else if (c.image.trim() !== c.image) errors.push(fieldError.invalid(`${path}[${i}].image`, c.image, "must not have leading or trailing whitespace"));
  });
  return { errors, stop: false };
}

function onlyAddedTolerations(next: Toleration[] = [], prev: Toleration[] = [], path: string): FieldError[] {
  // An existing toleration may only change its tolerationSeconds.
  const kept = prev.every((old) => next.some((t) => jsonEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t)));
  return kept ? [] : [fieldError.forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
}

function onlyDeletedGates(next: PodSpec["schedulingGates"] = [], prev: PodSpec["schedulingGates"] = [], path: string): FieldError[] {
  const before = new Set(prev.map((g) => g.name));
  return next.flatMap((g, i) =>
    before.has(g.name) ? [] : [fieldError.forbidden(`${path}[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name ?? ""}'`)],
  );
}

/** The top-level spec fields that differ, for the message (kube prints a full diff there). */
function changedFields(a: PodSpec, b: PodSpec): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !jsonEqual(a[k as keyof PodSpec], b[k as keyof PodSpec])).sort();
}

export function validatePodUpdate(next: PodSpec, prev: PodSpec): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ["containers", "initContainers"] as const) {
    const result = containerUpdates(next[key], prev[key], `spec.${key}`);
    errors.push(...result.errors);
    if (result.stop) return errors;
  }

  const deadline = next.activeDeadlineSeconds;
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > maxInt32) {
      return [...errors, fieldError.invalid("spec.activeDeadlineSeconds", deadline, `must be between 0 and ${maxInt32}, inclusive`)];
    }
    if (prev.activeDeadlineSeconds !== undefined && prev.activeDeadlineSeconds < deadline) {
      return [...errors, fieldError.invalid("spec.activeDeadlineSeconds", deadline, "must be less than or equal to previous value")];
    }
  } else if (prev.activeDeadlineSeconds !== undefined) {
    errors.push(fieldError.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errors.push(...onlyAddedTolerations(next.tolerations, prev.tolerations, "spec.tolerations"));
  errors.push(...onlyDeletedGates(next.schedulingGates, prev.schedulingGates, "spec.schedulingGates"));

  // Take the updatable fields from the old spec; anything still different is a forbidden change.
  const munged: PodSpec = {
    ...next,
    containers: next.containers?.map((c, i) => ({ ...c, image: prev.containers?.[i]?.image })),
    initContainers: next.initContainers?.map((c, i) => ({ ...c, image: prev.initContainers?.[i]?.image })),
    activeDeadlineSeconds: prev.activeDeadlineSeconds,
    schedulingGates: prev.schedulingGates,
    tolerations: prev.tolerations,
  };
  const oldGrace = prev.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if ((prev.schedulingGates ?? []).length > 0) {
    // A gated pod may gain node selectors, not lose or change them.
    const before = prev.nodeSelector ?? {};
    const after = munged.nodeSelector ?? {};
    if (Object.entries(before).some(([k, v]) => after[k] !== v)) {
      errors.push(fieldError.invalid("spec.nodeSelector", after, "only additions to spec.nodeSelector are allowed (no mutations or deletions)"));
    }
    munged.nodeSelector = prev.nodeSelector;
  }
  if (!jsonEqual(munged, prev)) {
    errors.push(fieldError.forbidden("spec", `${podUpdateForbidden}\nchanged: ${changedFields(prev, munged).join(", ")}`));
  }
  return errors;
}
