// The volume sources backed by storage: node paths and scratch space, network file systems, block devices of
// clouds and storage systems (most of them deprecated in-tree drivers kube still serves), CSI, and images.

import { z } from "zod";
import { kubeField as f } from "./kube-field.ts";
import { localObjectReference } from "../schema-types.ts";

const fsType = (proto: number) => f.string(proto, "The filesystem to mount, e.g. ext4 or xfs; ext4 when unset.");
const readOnlyDescription = "Mount the volume read-only; false when unset.";
/** A plain Go bool (omitempty) in most sources; a pointer (`pointerReadOnly`) in AzureDisk and CSI. */
const readOnly = (proto: number) => f.bool(proto, readOnlyDescription, { omitEmpty: true });
const pointerReadOnly = (proto: number) => f.bool(proto, readOnlyDescription);
const secretRef = (proto: number, description = "A Secret holding the credentials.") => f.message(localObjectReference, proto, description);
const source = (definition: string, description: string) => ({ definition: `io.k8s.api.core.v1.${definition}`, description });

export const hostPathVolumeSource = z
  .looseObject({
    path: f.string(1, "The path on the node; a symlink is followed."),
    type: f.string(2, 'What must be at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.'),
  })
  .meta(source("HostPathVolumeSource", "A file or directory of the node."));

export const emptyDirVolumeSource = z
  .looseObject({
    medium: f.string(1, 'Where the directory lives: "" for the node\'s disk, or Memory for tmpfs.'),
    sizeLimit: f.quantity(2, "The most the directory may hold."),
  })
  .meta(source("EmptyDirVolumeSource", "An empty directory made for the pod and deleted with it."));

export const gcePersistentDiskVolumeSource = z
  .looseObject({
    pdName: f.string(1, "The persistent disk's name in GCE."),
    fsType: fsType(2),
    partition: f.int32(3, "The partition to mount; the whole disk when 0.", { omitEmpty: true }),
    readOnly: readOnly(4),
  })
  .meta(source("GCEPersistentDiskVolumeSource", "A GCE persistent disk (deprecated in-tree driver)."));

export const awsElasticBlockStoreVolumeSource = z
  .looseObject({
    volumeID: f.string(1, "The EBS volume's ID."),
    fsType: fsType(2),
    partition: f.int32(3, "The partition to mount; the whole volume when 0.", { omitEmpty: true }),
    readOnly: readOnly(4),
  })
  .meta(source("AWSElasticBlockStoreVolumeSource", "An AWS EBS volume (deprecated in-tree driver)."));

export const gitRepoVolumeSource = z
  .looseObject({
    repository: f.string(1, "The repository URL."),
    revision: f.string(2, "The commit to check out."),
    directory: f.string(3, "The directory to clone into, relative to the volume; \".\" is the volume itself."),
  })
  .meta(source("GitRepoVolumeSource", "A git repository cloned into an empty directory (deprecated)."));

export const nfsVolumeSource = z
  .looseObject({
    server: f.string(1, "The NFS server's host name or IP address."),
    path: f.string(2, "The path exported by the server."),
    readOnly: readOnly(3),
  })
  .meta(source("NFSVolumeSource", "An NFS export."));

export const iscsiVolumeSource = z
  .looseObject({
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
  .meta(source("ISCSIVolumeSource", "An iSCSI disk."));

export const glusterfsVolumeSource = z
  .looseObject({
    endpoints: f.string(1, "The Endpoints object naming the Glusterfs servers."),
    path: f.string(2, "The Glusterfs volume's path."),
    readOnly: readOnly(3),
  })
  .meta(source("GlusterfsVolumeSource", "A Glusterfs volume (no longer supported)."));

export const persistentVolumeClaimVolumeSource = z
  .looseObject({
    claimName: f.string(1, "The claim in the pod's namespace."),
    readOnly: readOnly(2),
  })
  .meta(source("PersistentVolumeClaimVolumeSource", "The volume bound to a PersistentVolumeClaim."));

export const rbdVolumeSource = z
  .looseObject({
    monitors: f.strings(1, "The Ceph monitors."),
    image: f.string(2, "The rados image's name."),
    fsType: fsType(3),
    pool: f.string(4, "The rados pool; rbd when unset."),
    user: f.string(5, "The rados user; admin when unset."),
    keyring: f.string(6, "The keyring of the user; /etc/ceph/keyring when unset."),
    secretRef: secretRef(7, "A Secret holding the user's key, instead of the keyring."),
    readOnly: readOnly(8),
  })
  .meta(source("RBDVolumeSource", "A Rados block device (no longer supported)."));

export const flexVolumeSource = z
  .looseObject({
    driver: f.string(1, "The driver's name."),
    fsType: f.string(2, "The filesystem to mount; the driver's default when unset."),
    secretRef: secretRef(3, "A Secret passed to the driver's scripts."),
    readOnly: readOnly(4),
    options: f.stringMap(5, "Extra options for the driver."),
  })
  .meta(source("FlexVolumeSource", "A volume of an exec-based FlexVolume driver (deprecated)."));

export const cinderVolumeSource = z
  .looseObject({
    volumeID: f.string(1, "The Cinder volume's ID."),
    fsType: fsType(2),
    readOnly: readOnly(3),
    secretRef: secretRef(4, "A Secret with the parameters to connect to OpenStack."),
  })
  .meta(source("CinderVolumeSource", "An OpenStack Cinder volume (deprecated in-tree driver)."));

export const cephFSVolumeSource = z
  .looseObject({
    monitors: f.strings(1, "The Ceph monitors."),
    path: f.string(2, "The path to mount; / when unset."),
    user: f.string(3, "The rados user; admin when unset."),
    secretFile: f.string(4, "The user's keyring file; /etc/ceph/user.secret when unset."),
    secretRef: secretRef(5, "A Secret holding the user's key, instead of secretFile."),
    readOnly: readOnly(6),
  })
  .meta(source("CephFSVolumeSource", "A CephFS mount (no longer supported)."));

export const flockerVolumeSource = z
  .looseObject({
    datasetName: f.string(1, "The dataset's name, as Flocker metadata holds it."),
    datasetUUID: f.string(2, "The dataset's UUID."),
  })
  .meta(source("FlockerVolumeSource", "A Flocker dataset (no longer supported)."));

export const fcVolumeSource = z
  .looseObject({
    targetWWNs: f.strings(1, "The Fibre Channel target world wide names."),
    lun: f.int32(2, "The target's LUN number."),
    fsType: fsType(3),
    readOnly: readOnly(4),
    wwids: f.strings(5, "World wide identifiers of the volume; excludes targetWWNs and lun."),
  })
  .meta(source("FCVolumeSource", "A Fibre Channel disk."));

export const azureFileVolumeSource = z
  .looseObject({
    secretName: f.string(1, "The Secret holding the storage account's name and key."),
    shareName: f.string(2, "The file share."),
    readOnly: readOnly(3),
  })
  .meta(source("AzureFileVolumeSource", "An Azure file share (deprecated in-tree driver)."));

export const vsphereVirtualDiskVolumeSource = z
  .looseObject({
    volumePath: f.string(1, "The path of the vSphere volume."),
    fsType: fsType(2),
    storagePolicyName: f.string(3, "The storage policy based management profile's name."),
    storagePolicyID: f.string(4, "The storage policy based management profile's ID."),
  })
  .meta(source("VsphereVirtualDiskVolumeSource", "A vSphere virtual disk (deprecated in-tree driver)."));

export const quobyteVolumeSource = z
  .looseObject({
    registry: f.string(1, "The Quobyte registries, as host:port pairs separated by commas."),
    volume: f.string(2, "The Quobyte volume."),
    readOnly: readOnly(3),
    user: f.string(4, "The user the volume is accessed as; the service account user when unset."),
    group: f.string(5, "The group the volume is accessed as."),
    tenant: f.string(6, "The tenant owning the volume, for dynamically provisioned volumes."),
  })
  .meta(source("QuobyteVolumeSource", "A Quobyte volume (no longer supported)."));

export const azureDiskVolumeSource = z
  .looseObject({
    diskName: f.string(1, "The data disk's name in blob storage."),
    diskURI: f.string(2, "The data disk's URI in blob storage."),
    cachingMode: f.string(3, "Host caching: None, ReadOnly or ReadWrite."),
    fsType: fsType(4),
    readOnly: pointerReadOnly(5),
    kind: f.string(6, "Shared, Dedicated or Managed; Shared when unset."),
  })
  .meta(source("AzureDiskVolumeSource", "An Azure data disk (deprecated in-tree driver)."));

export const photonPersistentDiskVolumeSource = z
  .looseObject({
    pdID: f.string(1, "The persistent disk's ID."),
    fsType: fsType(2),
  })
  .meta(source("PhotonPersistentDiskVolumeSource", "A Photon Controller persistent disk (no longer supported)."));

export const portworxVolumeSource = z
  .looseObject({
    volumeID: f.string(1, "The Portworx volume's ID."),
    fsType: fsType(2),
    readOnly: readOnly(3),
  })
  .meta(source("PortworxVolumeSource", "A Portworx volume (deprecated in-tree driver)."));

export const scaleIOVolumeSource = z
  .looseObject({
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
  .meta(source("ScaleIOVolumeSource", "A ScaleIO volume (no longer supported)."));

export const storageOSVolumeSource = z
  .looseObject({
    volumeName: f.string(1, "The StorageOS volume's name, unique in its namespace."),
    volumeNamespace: f.string(2, "The StorageOS namespace; the pod's when unset."),
    fsType: fsType(3),
    readOnly: readOnly(4),
    secretRef: secretRef(5, "A Secret holding the StorageOS API credentials."),
  })
  .meta(source("StorageOSVolumeSource", "A StorageOS volume (no longer supported)."));

export const csiVolumeSource = z
  .looseObject({
    driver: f.string(1, "The CSI driver's name, as registered on the node."),
    readOnly: pointerReadOnly(2),
    fsType: f.string(3, "The filesystem to mount; the driver's default when unset."),
    volumeAttributes: f.stringMap(4, "Driver-specific properties of the volume."),
    nodePublishSecretRef: secretRef(5, "A Secret passed to the driver when the volume is published on the node."),
  })
  .meta(source("CSIVolumeSource", "An inline volume of a CSI driver that supports them."));

export const imageVolumeSource = z
  .looseObject({
    reference: f.string(1, "The image or artifact to mount, as a container image reference."),
    pullPolicy: f.string(2, "Always, Never or IfNotPresent; Always for :latest or untagged references when unset, else IfNotPresent."),
  })
  .meta(source("ImageVolumeSource", "The content of an OCI image or artifact, mounted read-only."));
