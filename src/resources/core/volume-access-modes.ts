// What PersistentVolumes and PersistentVolumeClaims share: their access modes (kube's checks and its short
// printed form), volume modes, the storage class a volume or claim names, and the checks of class names.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123SubdomainErrors } from "../../api/validation/names.ts";

/** Sorted as kube lists them in its "supported values". */
export const accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"] as const;
export const volumeModes = ["Block", "Filesystem"] as const;

const isAccessMode = (mode: string) => (accessModes as readonly string[]).includes(mode);

/** Every mode is one kube knows; ReadWriteOncePod stands alone. `required` adds kube's detail for an empty list. */
export function validateAccessModes(modes: readonly string[] | undefined, path: string, required: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if ((modes ?? []).length === 0) errors.push(fieldError.required(path, required));
  let oncePod = false;
  let other = false;
  for (const mode of modes ?? []) {
    if (!isAccessMode(mode)) errors.push(fieldError.notSupported(path, mode, accessModes));
    if (mode === "ReadWriteOncePod") oncePod = true;
    else if (isAccessMode(mode)) other = true;
  }
  if (oncePod && other) errors.push(fieldError.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return errors;
}

export function validateVolumeMode(mode: string | undefined, path: string): FieldError[] {
  return mode === undefined || (volumeModes as readonly string[]).includes(mode) ? [] : [fieldError.notSupported(path, mode, volumeModes)];
}

/** A StorageClass or VolumeAttributesClass name: a DNS subdomain. */
export function validateClassName(name: string | undefined, path: string): FieldError[] {
  if (!name) return [];
  return dns1123SubdomainErrors(name).map((msg) => fieldError.invalid(path, name, msg));
}

const shortForms: [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

/** kube's GetAccessModesAsString: "RWO,ROX" in a fixed order, each once. */
export function accessModesText(modes: readonly string[] | undefined): string {
  return shortForms
    .filter(([mode]) => (modes ?? []).includes(mode))
    .map(([, short]) => short)
    .join(",");
}

/** The annotation that named a storage class before spec.storageClassName; it still wins when present. */
export const betaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

/** The class of a volume or claim as kubectl prints it: the beta annotation, else spec.storageClassName. */
export function storageClassOf(obj: KubeObject & { spec?: { storageClassName?: string } }): string {
  return obj.metadata.annotations?.[betaStorageClassAnnotation] ?? obj.spec?.storageClassName ?? "";
}
