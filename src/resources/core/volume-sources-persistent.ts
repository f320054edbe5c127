// The volume sources only a PersistentVolume has, or has in its own form: a volume is cluster-scoped, so the
// Secrets its drivers need are named with their namespace (SecretReference), and CSI volumes carry a handle.
// The forms that differ from a pod's only in that reference take the pod source's fields and replace it.

import { z } from "zod";
import { objectReference } from "../schema-types.ts";
import { kubeField as f } from "./kube-field.ts";
import * as storage from "./volume-sources-storage.ts";

const source = (definition: string, description: string) => ({ definition: `io.k8s.api.core.v1.${definition}`, description });
/** A plain Go bool (omitempty): Go writes false in protobuf but leaves it out of JSON. */
const readOnly = (proto: number) => f.bool(proto, "Mount the volume read-only; false when unset.", { omitEmpty: true });

export const secretReference = z
  .object({
    name: f.string(1, "The Secret's name."),
    namespace: f.string(2, "The Secret's namespace."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SecretReference", structType: "atomic", description: "A Secret in any namespace, by name." });

const secretRef = (proto: number, description: string) => f.message(secretReference, proto, description);

export const glusterfsPersistentVolumeSource = z
  .object({
    ...storage.glusterfsVolumeSource.shape,
    endpointsNamespace: f.string(4, "The namespace of the Endpoints object; the claim's when unset."),
  })
  .meta(source("GlusterfsPersistentVolumeSource", "A Glusterfs volume (no longer supported)."));

export const rbdPersistentVolumeSource = z
  .object({ ...storage.rbdVolumeSource.shape, secretRef: secretRef(7, "A Secret holding the user's key, instead of the keyring.") })
  .meta(source("RBDPersistentVolumeSource", "A Rados block device (no longer supported)."));

export const iscsiPersistentVolumeSource = z
  .object({ ...storage.iscsiVolumeSource.shape, secretRef: secretRef(10, "A Secret holding the CHAP credentials.") })
  .meta(source("ISCSIPersistentVolumeSource", "An iSCSI disk."));

export const cinderPersistentVolumeSource = z
  .object({ ...storage.cinderVolumeSource.shape, secretRef: secretRef(4, "A Secret with the parameters to connect to OpenStack.") })
  .meta(source("CinderPersistentVolumeSource", "An OpenStack Cinder volume (deprecated in-tree driver)."));

export const cephFSPersistentVolumeSource = z
  .object({ ...storage.cephFSVolumeSource.shape, secretRef: secretRef(5, "A Secret holding the user's key, instead of secretFile.") })
  .meta(source("CephFSPersistentVolumeSource", "A CephFS mount (no longer supported)."));

export const flexPersistentVolumeSource = z
  .object({ ...storage.flexVolumeSource.shape, secretRef: secretRef(3, "A Secret passed to the driver's scripts.") })
  .meta(source("FlexPersistentVolumeSource", "A volume of an exec-based FlexVolume driver (deprecated)."));

export const azureFilePersistentVolumeSource = z
  .object({
    ...storage.azureFileVolumeSource.shape,
    secretNamespace: f.string(4, "The namespace of the Secret; the pod's when unset."),
  })
  .meta(source("AzureFilePersistentVolumeSource", "An Azure file share (deprecated in-tree driver)."));

export const scaleIOPersistentVolumeSource = z
  .object({ ...storage.scaleIOVolumeSource.shape, secretRef: secretRef(3, "A Secret holding the ScaleIO user's credentials.") })
  .meta(source("ScaleIOPersistentVolumeSource", "A ScaleIO volume (no longer supported)."));

export const localVolumeSource = z
  .object({
    path: f.string(1, "The full path on the node: a directory, or a block device."),
    fsType: f.string(2, "The filesystem of a block device, formatted if it has none; unused for a directory."),
  })
  .meta(source("LocalVolumeSource", "A disk, partition or directory of one node; the volume needs node affinity to that node."));

export const storageOSPersistentVolumeSource = z
  .object({ ...storage.storageOSVolumeSource.shape, secretRef: f.message(objectReference, 5, "A Secret holding the StorageOS API credentials.") })
  .meta(source("StorageOSPersistentVolumeSource", "A StorageOS volume (no longer supported)."));

export const csiPersistentVolumeSource = z
  .object({
    driver: f.string(1, "The CSI driver's name, as registered."),
    volumeHandle: f.string(2, "The driver's own identifier of the volume, passed in every call about it."),
    readOnly: readOnly(3),
    fsType: f.string(4, "The filesystem to mount, e.g. ext4."),
    volumeAttributes: f.stringMap(5, "Driver-specific properties of the volume, passed when it is published."),
    controllerPublishSecretRef: secretRef(6, "A Secret passed to the driver's ControllerPublishVolume and ControllerUnpublishVolume."),
    nodeStageSecretRef: secretRef(7, "A Secret passed to the driver's NodeStageVolume and NodeUnstageVolume."),
    nodePublishSecretRef: secretRef(8, "A Secret passed to the driver's NodePublishVolume and NodeUnpublishVolume."),
    controllerExpandSecretRef: secretRef(9, "A Secret passed to the driver's ControllerExpandVolume."),
    nodeExpandSecretRef: secretRef(10, "A Secret passed to the driver's NodeExpandVolume."),
  })
  .meta(source("CSIPersistentVolumeSource", "A volume managed by an external CSI driver."));
