// core/v1 PersistentVolume: a piece of storage in the cluster that claims bind to. Cluster-scoped; its source is
// fixed once made; kube's defaults (Retain, Filesystem); /status, whose phase changes are time-stamped.

import { z } from "zod";
import type { KubeObject } from "../../api/object.ts";
import { rfc3339 } from "../../api/time.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { persistentVolumeSpec, persistentVolumeStatus, type PersistentVolumeSpec, type PersistentVolumeStatus } from "./persistent-volume-schema.ts";
import { validateMountOptionsAnnotation, validatePersistentVolumeSpec, validatePersistentVolumeUpdate } from "./persistent-volume-validation.ts";
import { accessModesText, storageClassOf } from "./volume-access-modes.ts";

const schema = z
  .object({
    ...envelope,
    spec: persistentVolumeSpec.meta({ proto: 2, description: "The volume's size, access modes, source and binding, as its administrator or provisioner set them." }).optional(),
    status: persistentVolumeStatus.meta({ proto: 3, description: "The volume's phase, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolume", description: "Storage in the cluster, provisioned by an administrator or a StorageClass, that a claim binds to." });

interface PersistentVolume extends KubeObject {
  spec?: PersistentVolumeSpec;
  status?: PersistentVolumeStatus;
}

type Loose = Record<string, unknown>;

/** kube's defaults for the sources that have them (SetDefaults_*PersistentVolumeSource and friends). */
function defaultSource(spec: PersistentVolumeSpec): void {
  const hostPath = spec.hostPath as Loose | undefined;
  if (hostPath) hostPath.type ??= "";
  if (spec.iscsi && !spec.iscsi.iscsiInterface) spec.iscsi.iscsiInterface = "default";
  if (spec.rbd) {
    if (!spec.rbd.pool) spec.rbd.pool = "rbd";
    if (!spec.rbd.user) spec.rbd.user = "admin";
    if (!spec.rbd.keyring) spec.rbd.keyring = "/etc/ceph/keyring";
  }
  const azureDisk = spec.azureDisk as Loose | undefined;
  if (azureDisk) {
    azureDisk.cachingMode ??= "ReadWrite";
    azureDisk.fsType ??= "ext4";
    azureDisk.readOnly ??= false;
    azureDisk.kind ??= "Shared";
  }
  if (spec.scaleIO) {
    if (!spec.scaleIO.storageMode) spec.scaleIO.storageMode = "ThinProvisioned";
    if (!spec.scaleIO.fsType) spec.scaleIO.fsType = "xfs";
  }
}

export const persistentVolumes = {
  group: "",
  version: "v1",
  kind: "PersistentVolume",
  plural: "persistentvolumes",
  singular: "persistentvolume",
  namespaced: false,
  shortNames: ["pv"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  applyDefaults(obj) {
    const pv = obj as PersistentVolume;
    const spec = (pv.spec ??= {});
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = "Retain";
    spec.volumeMode ??= "Filesystem";
    defaultSource(spec);
    const status = (pv.status ??= {});
    if (!status.phase) status.phase = "Pending";
  },
  prepareForCreate(obj, ctx) {
    (obj as PersistentVolume).status = { phase: "Pending", lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  prepareForUpdate(obj, old, ctx) {
    const status = ((obj as PersistentVolume).status ??= {});
    const before = (old as PersistentVolume).status ?? {};
    if (status.phase === before.phase) status.lastPhaseTransitionTime ??= before.lastPhaseTransitionTime;
    else if (!status.lastPhaseTransitionTime || status.lastPhaseTransitionTime === before.lastPhaseTransitionTime) status.lastPhaseTransitionTime = rfc3339(ctx.now);
    if (status.lastPhaseTransitionTime === undefined) delete status.lastPhaseTransitionTime;
  },
  validate(obj) {
    return [...validatePersistentVolumeSpec((obj as PersistentVolume).spec), ...validateMountOptionsAnnotation(obj as PersistentVolume)];
  },
  validateUpdate(obj, old) {
    return validatePersistentVolumeUpdate((obj as PersistentVolume).spec, (old as PersistentVolume).spec);
  },
  table: {
    columns: [
      nameColumn,
      column("Capacity", "string", "The volume's size."),
      column("Access Modes", "string", "How the volume may be mounted: RWO, ROX, RWX or RWOP."),
      column("Reclaim Policy", "string", "What happens to the volume when its claim goes: Retain, Delete or Recycle."),
      column("Status", "string", "Pending, Available, Bound, Released or Failed; Terminating once deleted."),
      column("Claim", "string", "The claim bound to the volume, as namespace/name."),
      column("StorageClass", "string", "The StorageClass of the volume."),
      column("VolumeAttributesClass", "string", "The VolumeAttributesClass of the volume."),
      column("Reason", "string", "Why the volume is in its phase."),
      ageColumn,
      column("VolumeMode", "string", "Filesystem or Block.", 1),
    ],
    cells(obj, { now }) {
      const pv = obj as PersistentVolume;
      const claim = pv.spec?.claimRef;
      return [
        obj.metadata.name ?? "",
        String(pv.spec?.capacity?.storage ?? "0"),
        accessModesText(pv.spec?.accessModes),
        pv.spec?.persistentVolumeReclaimPolicy ?? "",
        obj.metadata.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? ""),
        claim ? `${claim.namespace ?? ""}/${claim.name ?? ""}` : "",
        storageClassOf(pv),
        pv.spec?.volumeAttributesClassName ?? "<unset>",
        pv.status?.reason ?? "",
        creationAge(obj, now),
        pv.spec?.volumeMode ?? "<unset>",
      ];
    },
  },
} satisfies KindDefinition;
