// kube's checks of a PersistentVolumeClaimSpec (claims, StatefulSet claim templates) and of a claim's update:
// a claim is immutable once made, except that it may be bound to a volume and class once, a bound claim may
// grow, and its VolumeAttributesClass may change. Paths and messages are kube's.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors } from "../../api/validation/names.ts";
import { jsonEqual } from "../json-equal.ts";
import { quantityValue } from "../schema-types.ts";
import { validateLabelSelector } from "../workload-selector.ts";
import type { PersistentVolumeClaimSpec, PersistentVolumeClaimStatus } from "./persistent-volume-claim-schema.ts";
import { specDiff } from "./spec-diff.ts";
import { betaStorageClassAnnotation, validateAccessModes, validateClassName, validateVolumeMode } from "./volume-access-modes.ts";

type Reference = { apiGroup?: string; kind?: string; name?: string; namespace?: string };

function validateDataSource(ref: Reference, path: string, withNamespace: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!ref.name) errors.push(fieldError.required(`${path}.name`));
  if (!ref.kind) errors.push(fieldError.required(`${path}.kind`));
  const group = ref.apiGroup ?? "";
  if (!group && ref.kind !== "PersistentVolumeClaim") {
    errors.push(fieldError.invalid(path, ref.kind ?? "", "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group) for (const msg of dns1123SubdomainErrors(group)) errors.push(fieldError.invalid(`${path}.apiGroup`, group, msg));
  if (withNamespace && ref.namespace) {
    for (const msg of dns1123LabelErrors(ref.namespace)) errors.push(fieldError.invalid(`${path}.namespace`, ref.namespace, msg));
  }
  return errors;
}

/** A positive amount of storage: kube's ValidatePositiveQuantityValue. */
export function positiveQuantityErrors(value: string | number, path: string): FieldError[] {
  const amount = quantityValue(value);
  return amount !== undefined && amount <= 0 ? [fieldError.invalid(path, String(value), "must be greater than zero")] : [];
}

/** ValidatePersistentVolumeClaimSpec, at `path` (e.g. "spec"). */
export function validateClaimSpec(spec: PersistentVolumeClaimSpec | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errors: FieldError[] = [];
  if ((s.accessModes ?? []).length === 0) errors.push(fieldError.required(`${path}.accessModes`, "at least 1 access mode is required"));
  if (s.selector) errors.push(...validateLabelSelector(s.selector, `${path}.selector`));
  if ((s.accessModes ?? []).length > 0) errors.push(...validateAccessModes(s.accessModes, `${path}.accessModes`, undefined));
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errors.push(fieldError.required(`${path}.resources[storage]`));
  else errors.push(...positiveQuantityErrors(storage, `${path}.resources[storage]`));
  errors.push(...validateClassName(s.storageClassName, `${path}.storageClassName`));
  errors.push(...validateVolumeMode(s.volumeMode, `${path}.volumeMode`));
  if (s.dataSource) errors.push(...validateDataSource(s.dataSource, `${path}.dataSource`, false));
  if (s.dataSourceRef) errors.push(...validateDataSource(s.dataSourceRef, `${path}.dataSourceRef`, true));
  if (s.dataSourceRef?.namespace) {
    if (s.dataSource) errors.push(fieldError.invalid(path, `${path}.dataSource`, "may not be specified when dataSourceRef.namespace is specified"));
  } else if (s.dataSource && s.dataSourceRef && !sameSource(s.dataSource, s.dataSourceRef)) {
    errors.push(fieldError.invalid(path, `${path}.dataSource`, "must match dataSourceRef"));
  }
  errors.push(...validateClassName(s.volumeAttributesClassName, `${path}.volumeAttributesClassName`));
  return errors;
}

const sameSource = (a: Reference, b: Reference) => a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name;

/**
 * kube's NormalizeDataSources: a claim that names its source one way gets the other filled in. A source in
 * another namespace (the CrossNamespaceVolumeDataSource alpha feature, off) loses its namespace first.
 */
export function normalizeDataSources(spec: PersistentVolumeClaimSpec): void {
  if (spec.dataSourceRef) delete spec.dataSourceRef.namespace;
  const copy = (ref: Reference) => ({ ...(ref.apiGroup !== undefined ? { apiGroup: ref.apiGroup } : {}), kind: ref.kind, name: ref.name });
  if (spec.dataSource && !spec.dataSourceRef) spec.dataSourceRef = copy(spec.dataSource);
  else if (spec.dataSourceRef && !spec.dataSource) spec.dataSource = copy(spec.dataSourceRef);
}

interface Claim extends KubeObject {
  spec?: PersistentVolumeClaimSpec;
  status?: PersistentVolumeClaimStatus;
}

/** Quantities compare by amount and empty lists and maps equal absent ones, as kube's semantic equality does. */
function comparable(spec: PersistentVolumeClaimSpec): Record<string, unknown> {
  const out = cloneJson(spec) as Record<string, unknown>;
  const resources = out.resources as Record<string, Record<string, unknown> | undefined> | undefined;
  for (const list of ["requests", "limits"]) {
    const values = resources?.[list];
    if (!values) continue;
    for (const [name, value] of Object.entries(values)) values[name] = quantityValue(value as string) ?? value;
    if (Object.keys(values).length === 0) delete resources![list];
  }
  if (resources && Object.keys(resources).length === 0) delete out.resources;
  if (Array.isArray(out.accessModes) && out.accessModes.length === 0) delete out.accessModes;
  return out;
}

/** ValidatePersistentVolumeClaimUpdate beyond the create checks. */
export function validateClaimUpdate(claim: Claim, old: Claim): FieldError[] {
  const errors: FieldError[] = [];
  const next = cloneJson(claim.spec ?? {});
  const before = cloneJson(old.spec ?? {});
  if (!before.volumeName) {
    if (next.volumeName === undefined) delete before.volumeName;
    else before.volumeName = next.volumeName;
  }
  const oldAnnotations = old.metadata.annotations ?? {};
  const newAnnotations = claim.metadata.annotations ?? {};
  const oldClass = oldAnnotations[betaStorageClassAnnotation];
  const newClassAnnotation = newAnnotations[betaStorageClassAnnotation];
  const fromAnnotation =
    oldClass !== undefined &&
    old.spec?.storageClassName === undefined &&
    next.storageClassName === oldClass &&
    (newClassAnnotation === undefined || newClassAnnotation === oldClass);
  if (fromAnnotation) delete next.storageClassName;
  else {
    if (newClassAnnotation !== oldClass) {
      errors.push(fieldError.immutable(`metadata.annotations.${betaStorageClassAnnotation}`, newClassAnnotation ?? ""));
    }
    const fromNil = next.storageClassName !== undefined && old.spec?.storageClassName === undefined && (oldClass === undefined || next.storageClassName === oldClass);
    if (fromNil) delete next.storageClassName;
  }
  if (claim.status?.phase === "Bound" && next.resources?.requests) {
    const oldStorage = old.spec?.resources?.requests?.storage;
    if (oldStorage === undefined) delete next.resources.requests.storage;
    else next.resources.requests.storage = oldStorage;
  }
  if (before.volumeAttributesClassName === undefined) delete next.volumeAttributesClassName;
  else next.volumeAttributesClassName = before.volumeAttributesClassName;
  if (!jsonEqual(comparable(next), comparable(before))) {
    const detail = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";
    errors.push(fieldError.forbidden("spec", `${detail}\n${specDiff("core.PersistentVolumeClaimSpec", before, next)}`));
  }
  const newSize = quantityValue(claim.spec?.resources?.requests?.storage) ?? 0;
  const oldSize = quantityValue(old.spec?.resources?.requests?.storage) ?? 0;
  const statusSize = quantityValue(old.status?.capacity?.storage) ?? 0;
  // RecoverVolumeExpansionFailure (on since 1.34): a claim may shrink back, but not to what it already has.
  if (newSize < oldSize && newSize <= statusSize) {
    errors.push(fieldError.forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
  }
  if (claim.spec?.volumeMode !== old.spec?.volumeMode) errors.push(fieldError.immutable("volumeMode", claim.spec?.volumeMode ?? null));
  const oldAttributes = old.spec?.volumeAttributesClassName;
  const newAttributes = claim.spec?.volumeAttributesClassName;
  if (oldAttributes !== undefined && newAttributes !== oldAttributes) {
    if (newAttributes === undefined) errors.push(fieldError.forbidden("spec.volumeAttributesClassName", "update from non-nil value to nil is forbidden"));
    else if (newAttributes === "") errors.push(fieldError.forbidden("spec.volumeAttributesClassName", "update from non-nil value to an empty string is forbidden"));
  }
  return errors;
}
