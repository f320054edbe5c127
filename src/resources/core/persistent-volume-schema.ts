// A PersistentVolume's spec and status. JSON puts the volume's one source beside the other spec fields;
// protobuf keeps the sources in an embedded PersistentVolumeSource message, field 2, with its own numbers.

import { z } from "zod";
import type { InlineMessage } from "../schema-meta.ts";
import { objectReference } from "../schema-types.ts";
import { nodeSelector } from "./affinity-schema.ts";
import { kubeField as f } from "./kube-field.ts";
import * as storage from "./volume-sources-storage.ts";
import * as persistent from "./volume-sources-persistent.ts";

/** Every source a volume may have, by its JSON name; exactly one is set. */
export const persistentVolumeSources = {
  gcePersistentDisk: f.message(storage.gcePersistentDiskVolumeSource, 1, "A GCE persistent disk; deprecated, use the CSI driver."),
  awsElasticBlockStore: f.message(storage.awsElasticBlockStoreVolumeSource, 2, "An AWS EBS volume; deprecated, use the CSI driver."),
  hostPath: f.message(storage.hostPathVolumeSource, 3, "A directory of the node; for development and single-node clusters only."),
  glusterfs: f.message(persistent.glusterfsPersistentVolumeSource, 4, "A Glusterfs volume; no longer supported."),
  nfs: f.message(storage.nfsVolumeSource, 5, "An NFS export."),
  rbd: f.message(persistent.rbdPersistentVolumeSource, 6, "A Rados block device; no longer supported."),
  iscsi: f.message(persistent.iscsiPersistentVolumeSource, 7, "An iSCSI disk."),
  cinder: f.message(persistent.cinderPersistentVolumeSource, 8, "An OpenStack Cinder volume; deprecated, use the CSI driver."),
  cephfs: f.message(persistent.cephFSPersistentVolumeSource, 9, "A CephFS mount; no longer supported."),
  fc: f.message(storage.fcVolumeSource, 10, "A Fibre Channel disk."),
  flocker: f.message(storage.flockerVolumeSource, 11, "A Flocker dataset; no longer supported."),
  flexVolume: f.message(persistent.flexPersistentVolumeSource, 12, "A FlexVolume driver's volume; deprecated."),
  azureFile: f.message(persistent.azureFilePersistentVolumeSource, 13, "An Azure file share; deprecated, use the CSI driver."),
  vsphereVolume: f.message(storage.vsphereVirtualDiskVolumeSource, 14, "A vSphere virtual disk; deprecated, use the CSI driver."),
  quobyte: f.message(storage.quobyteVolumeSource, 15, "A Quobyte volume; no longer supported."),
  azureDisk: f.message(storage.azureDiskVolumeSource, 16, "An Azure data disk; deprecated, use the CSI driver."),
  photonPersistentDisk: f.message(storage.photonPersistentDiskVolumeSource, 17, "A Photon Controller disk; no longer supported."),
  portworxVolume: f.message(storage.portworxVolumeSource, 18, "A Portworx volume; deprecated, use the CSI driver."),
  scaleIO: f.message(persistent.scaleIOPersistentVolumeSource, 19, "A ScaleIO volume; no longer supported."),
  local: f.message(persistent.localVolumeSource, 20, "A disk, partition or directory of one node, which nodeAffinity must name."),
  storageos: f.message(persistent.storageOSPersistentVolumeSource, 21, "A StorageOS volume; no longer supported."),
  csi: f.message(persistent.csiPersistentVolumeSource, 22, "A volume of an external CSI driver."),
};

export type PersistentVolumeSourceName = keyof typeof persistentVolumeSources;

const persistentVolumeSource: InlineMessage = {
  proto: 2,
  definition: "io.k8s.api.core.v1.PersistentVolumeSource",
  fields: Object.keys(persistentVolumeSources),
};

const volumeNodeAffinity = z
  .object({ required: f.message(nodeSelector, 1, "The nodes the volume can be reached from; pods using it are scheduled there.") })
  .meta({ definition: "io.k8s.api.core.v1.VolumeNodeAffinity", description: "The nodes a volume can be used from." });

export const persistentVolumeSpec = z
  .object({
    capacity: f.quantities(1, "The volume's size, as capacity.storage."),
    ...persistentVolumeSources,
    accessModes: f.strings(3, "How the volume may be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod."),
    claimRef: f.message(objectReference, 4, "The claim the volume is bound to, or reserved for when set before binding.", { structType: "granular" }),
    persistentVolumeReclaimPolicy: f.string(5, "What happens to the volume when its claim is deleted: Retain (the default), Delete or Recycle (deprecated)."),
    storageClassName: f.string(6, "The StorageClass the volume belongs to; only claims asking for that class bind to it."),
    mountOptions: f.strings(7, "Mount options used whenever the volume is mounted; not validated."),
    volumeMode: f.string(8, "Filesystem or Block; Filesystem when unset."),
    nodeAffinity: f.message(volumeNodeAffinity, 9, "The nodes the volume can be used from."),
    volumeAttributesClassName: f.string(10, "The VolumeAttributesClass of the volume; the CSI driver applies its attributes."),
  })
  .meta({
    definition: "io.k8s.api.core.v1.PersistentVolumeSpec",
    inline: [persistentVolumeSource],
    description: "A volume's size, access modes, reclaim policy, class and its one source: csi, nfs, hostPath, local and so on.",
  });

export const persistentVolumeStatus = z
  .object({
    phase: f.string(1, "Pending, Available, Bound, Released or Failed."),
    message: f.string(2, "Why the volume is in this phase, for a person."),
    reason: f.string(3, "A CamelCase word for why the volume is in this phase."),
    lastPhaseTransitionTime: f.time(4, "When the volume last changed phase."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeStatus", description: "The volume's phase, as last observed." });

export type PersistentVolumeSpec = z.infer<typeof persistentVolumeSpec>;
export type PersistentVolumeStatus = z.infer<typeof persistentVolumeStatus>;
