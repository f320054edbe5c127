// kube's checks of a PersistentVolume: its size, access modes, reclaim policy, node affinity and its one
// source, and on update the parts that may not change (the source, volumeMode, a node affinity once set).

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors } from "../../api/validation/names.ts";
import { jsonEqual } from "../json-equal.ts";
import { quantityValue } from "../schema-types.ts";
import { validateNodeSelector, type NodeSelector } from "./node-selector-validation.ts";
import { positiveQuantityErrors } from "./persistent-volume-claim-validation.ts";
import { persistentVolumeSources, type PersistentVolumeSourceName, type PersistentVolumeSpec } from "./persistent-volume-schema.ts";
import { specDiff } from "./spec-diff.ts";
import { validateAccessModes, validateClassName, validateVolumeMode } from "./volume-access-modes.ts";

type Loose = Record<string, unknown>;

export const reclaimPolicies = ["Delete", "Recycle", "Retain"] as const;
const hostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
export const sourceNames = Object.keys(persistentVolumeSources) as PersistentVolumeSourceName[];

/** The sources in the order kube checks them, with the name kube's "more than 1" error uses where it differs. */
const checkOrder: [PersistentVolumeSourceName, string][] = [
  ["hostPath", "hostPath"], ["gcePersistentDisk", "gcePersistentDisk"], ["awsElasticBlockStore", "awsElasticBlockStore"],
  ["glusterfs", "glusterfs"], ["flocker", "flocker"], ["nfs", "nfs"], ["rbd", "rbd"], ["quobyte", "quobyte"], ["cephfs", "cephFS"],
  ["iscsi", "iscsi"], ["cinder", "cinder"], ["fc", "fc"], ["flexVolume", "flexVolume"], ["azureFile", "azureFile"],
  ["vsphereVolume", "vsphereVolume"], ["photonPersistentDisk", "photonPersistentDisk"], ["portworxVolume", "portworxVolume"],
  ["azureDisk", "azureDisk"], ["scaleIO", "scaleIO"], ["local", "local"], ["storageos", "storageos"], ["csi", "csi"],
];

/** The fields each remaining source must set, and where kube reports them (GCE's path is kube's own). */
const requiredFields: Partial<Record<PersistentVolumeSourceName, { at: string; fields: string[] }>> = {
  gcePersistentDisk: { at: "persistentDisk", fields: ["pdName"] },
  awsElasticBlockStore: { at: "awsElasticBlockStore", fields: ["volumeID"] },
  glusterfs: { at: "glusterfs", fields: ["endpoints", "path"] },
  rbd: { at: "rbd", fields: ["monitors", "image"] },
  quobyte: { at: "quobyte", fields: ["registry", "volume"] },
  cephfs: { at: "cephfs", fields: ["monitors"] },
  cinder: { at: "cinder", fields: ["volumeID"] },
  flexVolume: { at: "flexVolume", fields: ["driver"] },
  azureFile: { at: "azureFile", fields: ["secretName", "shareName"] },
  vsphereVolume: { at: "vsphereVolume", fields: ["volumePath"] },
  photonPersistentDisk: { at: "photonPersistentDisk", fields: ["pdID"] },
  portworxVolume: { at: "portworxVolume", fields: ["volumeID"] },
  azureDisk: { at: "azureDisk", fields: ["diskName", "diskURI"] },
  scaleIO: { at: "scaleIO", fields: ["gateway", "system", "volumeName"] },
  storageos: { at: "storageos", fields: ["volumeName"] },
};

const isEmpty = (value: unknown) => value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function noBacksteps(path: string, at: string): FieldError[] {
  return path.split("/").includes("..") ? [fieldError.invalid(at, path, "must not contain '..'")] : [];
}

function secretReferenceErrors(ref: Loose | undefined, at: string): FieldError[] {
  if (!ref) return [];
  const errors: FieldError[] = [];
  const name = (ref.name as string | undefined) ?? "";
  const namespace = (ref.namespace as string | undefined) ?? "";
  if (!name) errors.push(fieldError.required(`${at}.name`));
  else for (const msg of dns1123SubdomainErrors(name)) errors.push(fieldError.invalid(`${at}.name`, name, msg));
  if (!namespace) errors.push(fieldError.required(`${at}.namespace`));
  else for (const msg of dns1123LabelErrors(namespace)) errors.push(fieldError.invalid(`${at}.namespace`, namespace, msg));
  return errors;
}

function sourceErrors(name: PersistentVolumeSourceName, source: Loose, spec: PersistentVolumeSpec): FieldError[] {
  const at = `spec.${name}`;
  const errors: FieldError[] = [];
  switch (name) {
    case "hostPath": {
      const path = (source.path as string | undefined) ?? "";
      if (!path) return [fieldError.required(`${at}.path`)];
      errors.push(...noBacksteps(path, `${at}.path`));
      const type = source.type as string | undefined;
      if (type !== undefined && !hostPathTypes.includes(type)) errors.push(fieldError.notSupported(`${at}.type`, type, hostPathTypes));
      return errors;
    }
    case "nfs": {
      const path = (source.path as string | undefined) ?? "";
      if (!source.server) errors.push(fieldError.required(`${at}.server`));
      if (!path) errors.push(fieldError.required(`${at}.path`));
      if (!path.startsWith("/")) errors.push(fieldError.invalid(`${at}.path`, path, "must be an absolute path"));
      return errors;
    }
    case "local": {
      const path = (source.path as string | undefined) ?? "";
      if (!path) errors.push(fieldError.required(`${at}.path`));
      else errors.push(...noBacksteps(path, `${at}.path`));
      if (!spec.nodeAffinity) errors.push(fieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
      return errors;
    }
    case "iscsi": {
      const iqn = (source.iqn as string | undefined) ?? "";
      const lun = (source.lun as number | undefined) ?? 0;
      if (!source.targetPortal) errors.push(fieldError.required(`${at}.targetPortal`));
      if (!iqn) errors.push(fieldError.required(`${at}.iqn`));
      else if (!/^(iqn|eui|naa)/.test(iqn)) errors.push(fieldError.invalid(`${at}.iqn`, iqn, "must be valid format starting with iqn, eui, or naa"));
      if (lun < 0 || lun > 255) errors.push(fieldError.invalid(`${at}.lun`, lun, "must be between 0 and 255, inclusive"));
      if ((source.chapAuthDiscovery || source.chapAuthSession) && !source.secretRef) errors.push(fieldError.required(`${at}.secretRef`));
      return errors;
    }
    case "csi": {
      const driver = (source.driver as string | undefined) ?? "";
      if (!driver) errors.push(fieldError.required(`${at}.driver`));
      if (driver.length > 63) errors.push(fieldError.tooLong(`${at}.driver`, 63));
      for (const msg of dns1123SubdomainErrors(driver.toLowerCase())) errors.push(fieldError.invalid(`${at}.driver`, driver, msg));
      if (!source.volumeHandle) errors.push(fieldError.required(`${at}.volumeHandle`));
      for (const ref of ["controllerPublishSecretRef", "controllerExpandSecretRef", "nodePublishSecretRef", "nodeExpandSecretRef"]) {
        errors.push(...secretReferenceErrors(source[ref] as Loose | undefined, `${at}.${ref}`));
      }
      return errors;
    }
    case "flocker":
      if (isEmpty(source.datasetName) === isEmpty(source.datasetUUID)) {
        return [fieldError.required(at, "one of datasetName and datasetUUID is required")];
      }
      return [];
    case "fc":
      if (isEmpty(source.targetWWNs) === isEmpty(source.wwids)) {
        return [fieldError.required(`${at}.targetWWNs`, "must specify either targetWWNs or wwids, but not both")];
      }
      return [];
    default: {
      const rule = requiredFields[name];
      return (rule?.fields ?? []).filter((field) => isEmpty(source[field])).map((field) => fieldError.required(`spec.${rule!.at}.${field}`));
    }
  }
}

/** ValidatePersistentVolumeSpec for a volume object (not an inline volume). */
export function validatePersistentVolumeSpec(spec: PersistentVolumeSpec | undefined): FieldError[] {
  const s = spec ?? {};
  const errors = validateAccessModes(s.accessModes, "spec.accessModes", undefined);
  const capacity = s.capacity ?? {};
  if (Object.keys(capacity).length === 0) errors.push(fieldError.required("spec.capacity"));
  if (capacity.storage === undefined || Object.keys(capacity).length > 1) errors.push(fieldError.notSupported("spec.capacity", capacity, ["storage"]));
  for (const [name, value] of Object.entries(capacity)) {
    const amount = quantityValue(value);
    if (amount !== undefined && amount < 0) errors.push(fieldError.invalid(`spec.capacity[${name}]`, amount, "must be a valid resource quantity"));
    errors.push(...positiveQuantityErrors(value, `spec.capacity[${name}]`));
  }
  const policy = s.persistentVolumeReclaimPolicy;
  if (policy && !(reclaimPolicies as readonly string[]).includes(policy)) {
    errors.push(fieldError.notSupported("spec.persistentVolumeReclaimPolicy", policy, reclaimPolicies));
  }
  if (s.nodeAffinity) {
    const required = s.nodeAffinity.required as NodeSelector | undefined;
    if (required) errors.push(...validateNodeSelector(required, "spec.nodeAffinity.required"));
    else errors.push(fieldError.required("spec.nodeAffinity.required", "must specify required node constraints"));
  }
  let count = 0;
  for (const [name, reportedAs] of checkOrder) {
    const source = s[name] as Loose | undefined;
    if (!source) continue;
    if (count > 0 && name !== "flexVolume") {
      errors.push(fieldError.forbidden(`spec.${reportedAs}`, "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errors.push(...sourceErrors(name, source, s));
  }
  if (count === 0) errors.push(fieldError.required("spec", "must specify a volume type"));
  const hostPath = s.hostPath?.path;
  if (typeof hostPath === "string" && hostPath.replace(/\/+$/, "") === "" && hostPath.startsWith("/") && policy === "Recycle") {
    errors.push(fieldError.forbidden("spec.persistentVolumeReclaimPolicy", "may not be 'recycle' for a hostPath mount of '/'"));
  }
  errors.push(...validateClassName(s.storageClassName, "spec.storageClassName"));
  errors.push(...validateVolumeMode(s.volumeMode, "spec.volumeMode"));
  if (s.volumeAttributesClassName !== undefined) {
    if (s.volumeAttributesClassName === "") errors.push(fieldError.required("spec.volumeAttributesClassName", "an empty string is disallowed"));
    else errors.push(...validateClassName(s.volumeAttributesClassName, "spec.volumeAttributesClassName"));
    if (!s.csi) errors.push(fieldError.required("spec.csi", "has to be specified when using volumeAttributesClassName"));
  }
  return errors;
}

/** Mount options given by the old annotation only work with the drivers that take them. */
const mountOptionsAnnotation = "volume.beta.kubernetes.io/mount-options";
const takesMountOptions: PersistentVolumeSourceName[] = [
  "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "nfs", "rbd", "quobyte", "iscsi", "cinder", "cephfs", "azureFile",
  "vsphereVolume", "azureDisk", "photonPersistentDisk",
];

export function validateMountOptionsAnnotation(obj: KubeObject & { spec?: PersistentVolumeSpec }): FieldError[] {
  if (takesMountOptions.some((name) => obj.spec?.[name])) return [];
  if (obj.metadata.annotations?.[mountOptionsAnnotation] === undefined) return [];
  return [fieldError.forbidden(`metadata.annotations.${mountOptionsAnnotation}`, "may not specify mount options for this volume type")];
}

function sourceOf(spec: PersistentVolumeSpec | undefined): Loose {
  const out: Loose = {};
  for (const name of sourceNames) if (spec?.[name] !== undefined) out[name] = spec[name];
  return out;
}

/** ValidatePersistentVolumeUpdate beyond the create checks. */
export function validatePersistentVolumeUpdate(spec: PersistentVolumeSpec | undefined, old: PersistentVolumeSpec | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const next = sourceOf(spec);
  const before = sourceOf(old);
  // A CSI volume may gain the Secret its driver's expansion needs.
  if (old?.csi && !old.csi.controllerExpandSecretRef && spec?.csi?.controllerExpandSecretRef) {
    next.csi = { ...spec.csi, controllerExpandSecretRef: undefined };
    delete (next.csi as Loose).controllerExpandSecretRef;
  }
  if (!jsonEqual(next, before)) {
    const detail = `spec.persistentvolumesource is immutable after creation\n${specDiff("core.PersistentVolumeSource", before, next)}`;
    errors.push(fieldError.forbidden("spec.persistentvolumesource", detail));
  }
  if (spec?.volumeMode !== old?.volumeMode) errors.push(fieldError.immutable("volumeMode", spec?.volumeMode ?? null));
  if (old?.nodeAffinity && !jsonEqual(spec?.nodeAffinity, old.nodeAffinity)) errors.push(fieldError.immutable("nodeAffinity", spec?.nodeAffinity ?? null));
  if (old?.volumeAttributesClassName !== undefined && spec?.volumeAttributesClassName === undefined) {
    errors.push(fieldError.forbidden("spec.volumeAttributesClassName", "update from non-nil value to nil is forbidden"));
  }
  return errors;
}
