// PersistentVolumeClaim, PersistentVolume and ReplicationController through protobuf and back: every field a Go
// client may send comes back as it went in, and a volume's source travels inside the embedded
// PersistentVolumeSource message (spec field 2) with kube's numbers, as client-go writes it.

import { describe, expect, it } from "vitest";
import { findKind } from "../../resources/catalog.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import { decodeEnvelope } from "./envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "./kube-object.ts";
import { protobufLayoutComplete } from "./layout-complete.ts";
import { WireType, WireWriter } from "./wire.ts";

const core = (plural: string): KindDefinition => findKind("", "v1", plural)!;
const t0 = "2025-03-04T05:06:07Z";
const metadata = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), uid: "9b2f", resourceVersion: "77", creationTimestamp: t0 });

const claim = {
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: metadata("data", "shop"),
  spec: {
    accessModes: ["ReadWriteOnce", "ReadOnlyMany"],
    selector: { matchLabels: { tier: "ssd" }, matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }] },
    resources: { limits: { storage: "20Gi" }, requests: { storage: "10Gi" } },
    volumeName: "pv-1",
    storageClassName: "fast",
    volumeMode: "Filesystem",
    dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" },
    dataSourceRef: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" },
    volumeAttributesClassName: "gold",
  },
  status: {
    phase: "Bound",
    accessModes: ["ReadWriteOnce"],
    capacity: { storage: "10Gi" },
    conditions: [{ type: "Resizing", status: "True", lastProbeTime: t0, lastTransitionTime: t0, reason: "Grow", message: "growing" }],
    allocatedResources: { storage: "20Gi" },
    allocatedResourceStatuses: { storage: "ControllerResizeInProgress" },
    currentVolumeAttributesClassName: "silver",
    modifyVolumeStatus: { targetVolumeAttributesClassName: "gold", status: "InProgress" },
  },
};

const secret = (name: string) => ({ name, namespace: "kube-system" });

const volume = (name: string, source: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: metadata(name),
  spec: {
    capacity: { storage: "100Gi" },
    ...source,
    accessModes: ["ReadWriteOnce"],
    claimRef: { kind: "PersistentVolumeClaim", namespace: "shop", name: "data", uid: "u-1", apiVersion: "v1", resourceVersion: "70" },
    persistentVolumeReclaimPolicy: "Delete",
    storageClassName: "fast",
    mountOptions: ["noatime", "nfsvers=4.1"],
    volumeMode: "Block",
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }], matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }] } },
    volumeAttributesClassName: "gold",
  },
  status: { phase: "Bound", message: "bound to shop/data", reason: "Bound", lastPhaseTransitionTime: t0 },
});

const csiVolume = volume("pv-csi", {
  csi: {
    driver: "ebs.csi.aws.com",
    volumeHandle: "vol-0abc",
    readOnly: true,
    fsType: "ext4",
    volumeAttributes: { type: "gp3" },
    controllerPublishSecretRef: secret("publish"),
    nodeStageSecretRef: secret("stage"),
    nodePublishSecretRef: secret("node-publish"),
    controllerExpandSecretRef: secret("expand"),
    nodeExpandSecretRef: secret("node-expand"),
  },
});

const sources: Record<string, unknown>[] = [
  { local: { path: "/mnt/disks/ssd1", fsType: "xfs" } },
  { nfs: { server: "nfs.example.com", path: "/exports", readOnly: true } },
  { hostPath: { path: "/data", type: "DirectoryOrCreate" } },
  { iscsi: { targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0, iscsiInterface: "default", fsType: "ext4", portals: ["10.0.0.2"], chapAuthSession: true, secretRef: secret("chap"), initiatorName: "iqn.1994-05.com.example:node" } },
  { rbd: { monitors: ["10.0.0.1:6789"], image: "disk", fsType: "ext4", pool: "rbd", user: "admin", keyring: "/etc/ceph/keyring", secretRef: secret("ceph") } },
  { cephfs: { monitors: ["10.0.0.1:6789"], path: "/", user: "admin", secretFile: "/etc/ceph/secret", secretRef: secret("ceph") } },
  { glusterfs: { endpoints: "gluster", path: "vol", endpointsNamespace: "storage" } },
  { azureFile: { secretName: "azure", shareName: "share", secretNamespace: "default" } },
  { flexVolume: { driver: "example/flex", fsType: "ext4", secretRef: secret("flex"), options: { a: "b" } } },
  { scaleIO: { gateway: "https://gw", system: "sys", secretRef: secret("sio"), sslEnabled: true, protectionDomain: "pd", storagePool: "sp", storageMode: "ThinProvisioned", volumeName: "v", fsType: "xfs" } },
  { storageos: { volumeName: "v", volumeNamespace: "ns", fsType: "ext4", secretRef: { kind: "Secret", namespace: "ns", name: "sos" } } },
  { cinder: { volumeID: "c-1", fsType: "ext4", secretRef: secret("os") } },
  { gcePersistentDisk: { pdName: "disk", fsType: "ext4", partition: 1 } },
  { fc: { targetWWNs: ["500a0982991b8dc5"], lun: 2, fsType: "ext4" } },
];

const controller = {
  apiVersion: "v1",
  kind: "ReplicationController",
  metadata: { ...metadata("web", "shop"), generation: 3, labels: { app: "web" } },
  spec: {
    replicas: 3,
    minReadySeconds: 5,
    selector: { app: "web" },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }] }], restartPolicy: "Always" } },
  },
  status: {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    observedGeneration: 3,
    conditions: [{ type: "ReplicaFailure", status: "True", lastTransitionTime: t0, reason: "FailedCreate", message: "quota" }],
  },
};

const objects: [string, KindDefinition, Record<string, unknown>][] = [
  ["PersistentVolumeClaim", core("persistentvolumeclaims"), claim],
  ["PersistentVolume with csi", core("persistentvolumes"), csiVolume],
  ...sources.map((source): [string, KindDefinition, Record<string, unknown>] => [`PersistentVolume with ${Object.keys(source)[0]}`, core("persistentvolumes"), volume("pv", source)]),
  ["ReplicationController", core("replicationcontrollers"), controller],
];

function message(build: (w: WireWriter) => void): Uint8Array {
  const w = new WireWriter();
  build(w);
  return w.finish();
}

describe("claims, volumes and replication controllers through protobuf and back", () => {
  it.each(objects)("%s round-trips JSON -> protobuf -> JSON unchanged", (_, def, object) => {
    expect(def.schema.safeParse(object).error).toBeUndefined();
    expect(decodeKubeObject(encodeKubeObject(object, def), def)).toEqual({ ok: true, object });
  });

  it("gives claims a complete protobuf layout, so their answers may be protobuf", () => {
    expect(protobufLayoutComplete(core("persistentvolumeclaims").schema, true)).toBe(true);
  });

  it("writes a volume's source inside the embedded PersistentVolumeSource, with kube's numbers", () => {
    const def = core("persistentvolumes");
    const object = { apiVersion: "v1", kind: "PersistentVolume", spec: { capacity: { storage: "1Gi" }, nfs: { server: "nfs", path: "/x" }, accessModes: ["ReadWriteMany"] } };
    // PersistentVolumeSpec: capacity = 1 (map entry {key = 1, value = 2 Quantity {string = 1}}), PersistentVolumeSource = 2 {nfs = 5 {server = 1, path = 2}}, accessModes = 3
    const spec = message((w) => {
      w.tag(1, WireType.bytes).bytes(message((e) => e.tag(1, WireType.bytes).string("storage").tag(2, WireType.bytes).bytes(message((q) => q.tag(1, WireType.bytes).string("1Gi")))));
      w.tag(2, WireType.bytes).bytes(message((s) => s.tag(5, WireType.bytes).bytes(message((n) => n.tag(1, WireType.bytes).string("nfs").tag(2, WireType.bytes).string("/x")))));
      w.tag(3, WireType.bytes).string("ReadWriteMany");
    });
    const envelope = decodeEnvelope(encodeKubeObject(object, def));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(envelope.envelope.raw).toEqual(message((w) => w.tag(2, WireType.bytes).bytes(spec)));
  });
});
