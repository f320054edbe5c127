import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { nodes } from "./nodes.ts";

const now = new Date("2025-03-01T12:00:00Z");

function parse(body: unknown): KubeObject {
  const result = nodes.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

const manifest = {
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: "node-1",
    labels: { "kubernetes.io/hostname": "node-1", "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/worker": "" },
  },
  spec: {
    podCIDR: "10.244.0.0/24",
    podCIDRs: ["10.244.0.0/24", "fd00:10:244::/64"],
    providerID: "kind://docker/kind/node-1",
    unschedulable: true,
    taints: [
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: "2025-03-01T10:00:00Z" },
    ],
  },
  status: {
    capacity: { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" },
    allocatable: { cpu: "7800m", memory: "31Gi", pods: "110", "ephemeral-storage": "95Gi" },
    conditions: [
      { type: "MemoryPressure", status: "False", lastHeartbeatTime: "2025-03-01T11:59:00Z", lastTransitionTime: "2025-03-01T10:00:00Z", reason: "KubeletHasSufficientMemory", message: "ok" },
      { type: "Ready", status: "True", lastHeartbeatTime: "2025-03-01T11:59:00Z", lastTransitionTime: "2025-03-01T10:00:00Z", reason: "KubeletReady", message: "kubelet is posting ready status" },
    ],
    addresses: [
      { type: "InternalIP", address: "172.18.0.2" },
      { type: "Hostname", address: "node-1" },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: "m1", systemUUID: "s1", bootID: "b1", kernelVersion: "6.8.0-49-generic", osImage: "Debian GNU/Linux 12 (bookworm)",
      containerRuntimeVersion: "containerd://2.0.2", kubeletVersion: "v1.35.0", kubeProxyVersion: "", operatingSystem: "linux", architecture: "amd64",
    },
    images: [{ names: ["registry.k8s.io/pause:3.10"], sizeBytes: 320368 }],
    runtimeHandlers: [{ name: "runc", features: { recursiveReadOnlyMounts: true, userNamespaces: true } }],
    features: { supplementalGroupsPolicy: true },
  },
};

const withSpec = (spec: Record<string, unknown>) => parse({ ...manifest, spec: { ...manifest.spec, ...spec } });

describe("nodes", () => {
  it("keeps every field of a real node", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(nodes.validate(parse(manifest))).toEqual([]);
  });

  it("keeps every field of a node a kubelet registers over protobuf, empty strings Go writes included", () => {
    const node = parse({
      ...manifest,
      status: {
        ...manifest.status,
        phase: "Running",
        volumesInUse: ["kubernetes.io/csi/ebs^vol-1"],
        volumesAttached: [{ name: "kubernetes.io/csi/ebs^vol-1", devicePath: "" }],
        declaredFeatures: ["InPlacePodVerticalScaling"],
        nodeInfo: { ...manifest.status.nodeInfo, swap: { capacity: 0 } },
      },
    });
    const decoded = decodeKubeObject(encodeKubeObject(node, nodes), nodes);
    expect(decoded).toEqual({ ok: true, object: node });
  });

  it("defaults allocatable to capacity and keeps podCIDR in step with podCIDRs", () => {
    const obj = parse({ metadata: { name: "n" }, spec: { podCIDR: "10.0.0.0/24" }, status: { capacity: { cpu: "2" } } });
    nodes.applyDefaults(obj);
    expect(obj.spec).toEqual({ podCIDR: "10.0.0.0/24", podCIDRs: ["10.0.0.0/24"] });
    expect(obj.status).toEqual({ capacity: { cpu: "2" }, allocatable: { cpu: "2" } });
    const listed = withSpec({ podCIDR: "10.9.0.0/24", podCIDRs: ["10.1.0.0/24"] });
    nodes.applyDefaults(listed);
    expect((listed.spec as { podCIDR: string }).podCIDR).toBe("10.1.0.0/24");
  });

  it("drops the retired dynamic kubelet config on create, and keeps it only where it was", () => {
    const obj = parse({ ...manifest, spec: { ...manifest.spec, configSource: { configMap: { name: "c" } } }, status: { ...manifest.status, config: { active: {} } } });
    nodes.prepareForCreate(obj);
    expect((obj.spec as Record<string, unknown>).configSource).toBeUndefined();
    expect((obj.status as Record<string, unknown>).config).toBeUndefined();
    expect((obj.status as Record<string, unknown>).nodeInfo).toEqual(manifest.status.nodeInfo);
    const next = parse({ ...manifest, spec: { configSource: { configMap: { name: "c" } } } });
    nodes.prepareForUpdate(next, parse(manifest));
    expect(next.spec).toEqual({});
  });

  it("rejects bad taints at kube's (metadata.taints) paths", () => {
    const taints = [
      { key: "a", effect: "Sometimes" },
      { key: "bad key!", value: "-x", effect: "NoSchedule" },
      { key: "a", effect: "Sometimes" },
    ];
    expect(nodes.validate(withSpec({ taints })).map((e) => `${e.type} ${e.field}`)).toEqual([
      "FieldValueNotSupported metadata.taints[0].effect",
      "FieldValueInvalid metadata.taints[1].key",
      "FieldValueInvalid metadata.taints[1].value",
      "FieldValueNotSupported metadata.taints[2].effect",
      "FieldValueDuplicate metadata.taints[2]",
    ]);
    expect(nodes.validate(withSpec({ taints: [{ key: "a", effect: "" }] }))).toEqual([{ type: "FieldValueRequired", field: "metadata.taints[0].effect" }]);
  });

  it("rejects bad pod CIDRs", () => {
    const fields = (podCIDRs: string[]) => nodes.validate(withSpec({ podCIDRs })).map((e) => `${e.type} ${e.field} ${e.detail ?? ""}`);
    expect(fields(["10.0.0.1/24"])).toEqual(["FieldValueInvalid spec.podCIDRs[0] must not have bits set beyond the prefix length"]);
    expect(fields(["10.0.0.0/24", "10.1.0.0/24"])).toEqual(["FieldValueInvalid spec.podCIDRs may specify no more than one CIDR for each IP family"]);
    expect(fields(["nope"])).toEqual(["FieldValueInvalid spec.podCIDRs[0] must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]);
  });

  it("keeps podCIDRs, providerID and externalID once set", () => {
    const old = parse(manifest);
    const changed = withSpec({ podCIDRs: ["10.9.0.0/24", "fd00:10:244::/64"], providerID: "other", externalID: "x" });
    expect(nodes.validateUpdate(changed, old).map((e) => `${e.type} ${e.field}`)).toEqual([
      "FieldValueForbidden spec.podCIDRs",
      "FieldValueForbidden spec.providerID",
      "FieldValueForbidden spec.externalID",
    ]);
    const fresh = parse({ metadata: { name: "n" } });
    expect(nodes.validateUpdate(parse(manifest), fresh).map((e) => e.field)).toEqual([]);
  });

  it("prints kube's node columns", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-02-01T12:00:00Z";
    expect(nodes.table.columns.map((c) => c.name)).toEqual([
      "Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime",
    ]);
    expect(nodes.table.cells(obj, { now })).toEqual([
      "node-1", "Ready,SchedulingDisabled", "control-plane,worker", "28d", "v1.35.0", "172.18.0.2", "<none>",
      "Debian GNU/Linux 12 (bookworm)", "6.8.0-49-generic", "containerd://2.0.2",
    ]);
    const bare = parse({ metadata: { name: "bare" } });
    expect(nodes.table.cells(bare, { now })).toEqual(["bare", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]);
  });

  it("selects on spec.unschedulable", () => {
    expect(nodes.fieldSelectors["spec.unschedulable"](parse(manifest))).toBe("true");
    expect(nodes.fieldSelectors["spec.unschedulable"](parse({ metadata: { name: "n" } }))).toBe("false");
  });
});
