// A pod volume: its name and exactly one source. JSON puts the source beside the name; protobuf keeps the
// sources in an embedded VolumeSource message, field 2, with its own numbers.

import { z } from "zod";
import type { InlineMessage } from "../schema-meta.ts";
import { kubeField as f } from "./kube-field.ts";
import { ephemeralVolumeSource } from "./persistent-volume-claim-schema.ts";
import { configMapVolumeSource, downwardAPIVolumeSource, projectedVolumeSource, secretVolumeSource } from "./volume-sources-projected.ts";
import * as storage from "./volume-sources-storage.ts";

const sources = {
  hostPath: f.message(storage.hostPathVolumeSource, 1, "A file or directory of the node; for system pods only."),
  emptyDir: f.message(storage.emptyDirVolumeSource, 2, "An empty directory that lives as long as the pod."),
  gcePersistentDisk: f.message(storage.gcePersistentDiskVolumeSource, 3, "A GCE persistent disk; deprecated, use the CSI driver."),
  awsElasticBlockStore: f.message(storage.awsElasticBlockStoreVolumeSource, 4, "An AWS EBS volume; deprecated, use the CSI driver."),
  gitRepo: f.message(storage.gitRepoVolumeSource, 5, "A git repository cloned at pod start; deprecated, use an init container."),
  secret: f.message(secretVolumeSource, 6, "The keys of a Secret, as files."),
  nfs: f.message(storage.nfsVolumeSource, 7, "An NFS export."),
  iscsi: f.message(storage.iscsiVolumeSource, 8, "An iSCSI disk."),
  glusterfs: f.message(storage.glusterfsVolumeSource, 9, "A Glusterfs volume; no longer supported."),
  persistentVolumeClaim: f.message(storage.persistentVolumeClaimVolumeSource, 10, "The volume of a PersistentVolumeClaim in the pod's namespace."),
  rbd: f.message(storage.rbdVolumeSource, 11, "A Rados block device; no longer supported."),
  flexVolume: f.message(storage.flexVolumeSource, 12, "A FlexVolume driver's volume; deprecated."),
  cinder: f.message(storage.cinderVolumeSource, 13, "An OpenStack Cinder volume; deprecated, use the CSI driver."),
  cephfs: f.message(storage.cephFSVolumeSource, 14, "A CephFS mount; no longer supported."),
  flocker: f.message(storage.flockerVolumeSource, 15, "A Flocker dataset; no longer supported."),
  downwardAPI: f.message(downwardAPIVolumeSource, 16, "Fields of the pod and resource values, as files."),
  fc: f.message(storage.fcVolumeSource, 17, "A Fibre Channel disk."),
  azureFile: f.message(storage.azureFileVolumeSource, 18, "An Azure file share; deprecated, use the CSI driver."),
  configMap: f.message(configMapVolumeSource, 19, "The keys of a ConfigMap, as files."),
  vsphereVolume: f.message(storage.vsphereVirtualDiskVolumeSource, 20, "A vSphere virtual disk; deprecated, use the CSI driver."),
  quobyte: f.message(storage.quobyteVolumeSource, 21, "A Quobyte volume; no longer supported."),
  azureDisk: f.message(storage.azureDiskVolumeSource, 22, "An Azure data disk; deprecated, use the CSI driver."),
  photonPersistentDisk: f.message(storage.photonPersistentDiskVolumeSource, 23, "A Photon Controller disk; no longer supported."),
  projected: f.message(projectedVolumeSource, 26, "Secrets, ConfigMaps, downward API data, tokens and certificates in one directory."),
  portworxVolume: f.message(storage.portworxVolumeSource, 24, "A Portworx volume; deprecated, use the CSI driver."),
  scaleIO: f.message(storage.scaleIOVolumeSource, 25, "A ScaleIO volume; no longer supported."),
  storageos: f.message(storage.storageOSVolumeSource, 27, "A StorageOS volume; no longer supported."),
  csi: f.message(storage.csiVolumeSource, 28, "An inline volume of a CSI driver."),
  ephemeral: f.message(ephemeralVolumeSource, 29, "A volume from a claim made with the pod and deleted with it."),
  image: f.message(storage.imageVolumeSource, 30, "The content of an OCI image or artifact, read-only."),
};

const volumeSource: InlineMessage = { proto: 2, definition: "io.k8s.api.core.v1.VolumeSource", fields: Object.keys(sources) };

export const volume = z
  .looseObject({
    name: f.string(1, "The volume's name: a DNS label, unique in the pod, that mounts refer to."),
    ...sources,
  })
  .meta({
    definition: "io.k8s.api.core.v1.Volume",
    inline: [volumeSource],
    description: "A named volume the pod's containers may mount, with exactly one source: emptyDir, configMap, secret, a claim and so on.",
  });
