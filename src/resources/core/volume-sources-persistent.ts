// The volume sources only a PersistentVolume has, or has in its own form: a volume is cluster-scoped, so the
// Secrets its drivers need are named with their namespace (SecretReference), and CSI volumes carry a handle.

import { z } from "zod";
import { objectReference } from "../schema-types.ts";
import { kubeField as f } from "./kube-field.ts";

const source = (definition: string, description: string) => ({ definition: `io.k8s.api.core.v1.${definition}`, description });
const fsType = (proto: number) => f.string(proto, "The filesystem to mount, e.g. ext4 or xfs; ext4 when unset.");
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
    endpoints: f.string(1, "The Endpoints object naming the Glusterfs servers."),
    path: f.string(2, "The Glusterfs volume's path."),
    readOnly: readOnly(3),
    endpointsNamespace: f.string(4, "The namespace of the Endpoints object; the claim's when unset."),
  })
  .meta(source("GlusterfsPersistentVolumeSource", "A Glusterfs volume (no longer supported)."));

export const rbdPersistentVolumeSource = z
  .object({
    monitors: f.strings(1, "The Ceph monitors."),
    image: f.string(2, "The rados image's name."),
    fsType: fsType(3),
    pool: f.string(4, "The rados pool; rbd when unset."),
    user: f.string(5, "The rados user; admin when unset."),
    keyring: f.string(6, "The keyring of the user; /etc/ceph/keyring when unset."),
    secretRef: secretRef(7, "A Secret holding the user's key, instead of the keyring."),
    readOnly: readOnly(8),
  })
  .meta(source("RBDPersistentVolumeSource", "A Rados block device (no longer supported)."));

export const iscsiPersistentVolumeSource = z
  .object({
    targetPortal: f.string(1, "The target portal: an IP address, with a port unless it is 3260."),
    iqn: f.string(2, "The target's iSCSI Qualified Name."),
    lun: f.int32(3, "The target's LUN number."),
    iscsiInterface: f.string(4, "The iSCSI interface to use; default when unset."),
    fsType: fsType(5),
    readOnly: readOnly(6),
    portals: f.strings(7, "More target portals, for multipath."),
    chapAuthDiscovery: f.bool(8, "Use CHAP authentication for discovery.", { omitEmpty: true }),
    chapAuthSession: f.bool(11, "Use CHAP authentication for the session.", { omitEmpty: true }),
    secretRef: secretRef(10, "A Secret holding the CHAP credentials."),
    initiatorName: f.string(12, "A custom initiator name, used with iscsiInterface."),
  })
  .meta(source("ISCSIPersistentVolumeSource", "An iSCSI disk."));

export const cinderPersistentVolumeSource = z
  .object({
    volumeID: f.string(1, "The Cinder volume's ID."),
    fsType: fsType(2),
    readOnly: readOnly(3),
    secretRef: secretRef(4, "A Secret with the parameters to connect to OpenStack."),
  })
  .meta(source("CinderPersistentVolumeSource", "An OpenStack Cinder volume (deprecated in-tree driver)."));

export const cephFSPersistentVolumeSource = z
  .object({
    monitors: f.strings(1, "The Ceph monitors."),
    path: f.string(2, "The path to mount; / when unset."),
    user: f.string(3, "The rados user; admin when unset."),
    secretFile: f.string(4, "The user's keyring file; /etc/ceph/user.secret when unset."),
    secretRef: secretRef(5, "A Secret holding the user's key, instead of secretFile."),
    readOnly: readOnly(6),
  })
  .meta(source("CephFSPersistentVolumeSource", "A CephFS mount (no longer supported)."));

export const flexPersistentVolumeSource = z
  .object({
    driver: f.string(1, "The driver's name."),
    fsType: f.string(2, "The filesystem to mount; the driver's default when unset."),
    secretRef: secretRef(3, "A Secret passed to the driver's scripts."),
    readOnly: readOnly(4),
    options: f.stringMap(5, "Extra options for the driver."),
  })
  .meta(source("FlexPersistentVolumeSource", "A volume of an exec-based FlexVolume driver (deprecated)."));

export const azureFilePersistentVolumeSource = z
  .object({
    secretName: f.string(1, "The Secret holding the storage account's name and key."),
    shareName: f.string(2, "The file share."),
    readOnly: readOnly(3),
    secretNamespace: f.string(4, "The namespace of the Secret; the pod's when unset."),
  })
  .meta(source("AzureFilePersistentVolumeSource", "An Azure file share (deprecated in-tree driver)."));

export const scaleIOPersistentVolumeSource = z
  .object({
    gateway: f.string(1, "The ScaleIO API gateway's address."),
    system: f.string(2, "The storage system's name."),
    secretRef: secretRef(3, "A Secret holding the ScaleIO user's credentials."),
    sslEnabled: f.bool(4, "Talk to the gateway over SSL.", { omitEmpty: true }),
    protectionDomain: f.string(5, "The protection domain of the storage."),
    storagePool: f.string(6, "The storage pool of the protection domain."),
    storageMode: f.string(7, "ThickProvisioned or ThinProvisioned; ThinProvisioned when unset."),
    volumeName: f.string(8, "The volume already made in the storage system."),
    fsType: f.string(9, "The filesystem to mount; xfs when unset."),
    readOnly: readOnly(10),
  })
  .meta(source("ScaleIOPersistentVolumeSource", "A ScaleIO volume (no longer supported)."));

export const localVolumeSource = z
  .object({
    path: f.string(1, "The full path on the node: a directory, or a block device."),
    fsType: f.string(2, "The filesystem of a block device, formatted if it has none; unused for a directory."),
  })
  .meta(source("LocalVolumeSource", "A disk, partition or directory of one node; the volume needs node affinity to that node."));

export const storageOSPersistentVolumeSource = z
  .object({
    volumeName: f.string(1, "The StorageOS volume's name, unique in its namespace."),
    volumeNamespace: f.string(2, "The StorageOS namespace; the pod's when unset."),
    fsType: fsType(3),
    readOnly: readOnly(4),
    secretRef: f.message(objectReference, 5, "A Secret holding the StorageOS API credentials."),
  })
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
