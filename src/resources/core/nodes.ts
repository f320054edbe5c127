// core/v1 Node: a machine that runs pods. Cluster-scoped; the kubelet creates it with its status.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { labelValueErrors, qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { cidrErrors, envelope, parseIP, quantity, timestamp } from "../schema-types.ts";

const taint = z
  .object({
    key: z.string().meta({ proto: 1, description: "The taint's key, a qualified name." }),
    value: z.string().meta({ proto: 2, description: "The taint's value, a label value." }).optional(),
    effect: z.string().meta({ proto: 3, description: "What the taint does to pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute." }),
    timeAdded: timestamp.meta({ proto: 4, description: "When the taint was added; set for NoExecute taints." }).nullable().optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Taint", description: "A mark on a node that keeps away pods which do not tolerate it." });

const resourceList = (proto: number, description: string) => z.record(z.string(), quantity).meta({ proto, description });

/** NodeCondition: numbered as metav1.Condition except field 3, the kubelet's heartbeat (observedGeneration there). */
const nodeCondition = z
  .object({
    type: z.string().meta({ proto: 1, description: "What the condition is about, such as Ready or MemoryPressure." }),
    status: z.string().meta({ proto: 2, description: "Whether the condition holds: True, False or Unknown." }),
    lastHeartbeatTime: timestamp.meta({ proto: 3, description: "When the kubelet last reported the condition." }).optional(),
    lastTransitionTime: timestamp.meta({ proto: 4, description: "When the status last changed." }).optional(),
    reason: z.string().meta({ proto: 5, description: "A CamelCase word for why the status is what it is." }).optional(),
    message: z.string().meta({ proto: 6, description: "A human-readable account of the condition." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeCondition", description: "One aspect of a node's state, as the kubelet last saw it." });

const nodeAddress = z
  .object({
    type: z.string().meta({ proto: 1, description: "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS." }),
    address: z.string().meta({ proto: 2, description: "The address itself." }),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeAddress", description: "One address a node is reachable at." });

// The retired dynamic kubelet config: dropped on create, kept only where an old node has it.
const configMapNodeConfigSource = z
  .object({
    namespace: z.string().meta({ proto: 1, description: "The ConfigMap's namespace." }).optional(),
    name: z.string().meta({ proto: 2, description: "The ConfigMap's name." }).optional(),
    uid: z.string().meta({ proto: 3, description: "The ConfigMap's uid, as the kubelet last saw it." }).optional(),
    resourceVersion: z.string().meta({ proto: 4, description: "The ConfigMap's resourceVersion, as the kubelet last saw it." }).optional(),
    kubeletConfigKey: z.string().meta({ proto: 5, description: "The ConfigMap key holding the kubelet configuration." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ConfigMapNodeConfigSource", description: "A ConfigMap holding kubelet configuration (retired)." });

const nodeConfigSource = z
  .object({
    configMap: configMapNodeConfigSource.meta({ proto: 2, description: "The ConfigMap to take the configuration from." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeConfigSource", description: "A source of kubelet configuration (retired)." });

const specSchema = z
  .object({
    podCIDR: z.string().meta({ proto: 1, description: "The node's pod address range; the first of podCIDRs." }).optional(),
    podCIDRs: z
      .array(z.string())
      .meta({ proto: 7, patchStrategy: "merge", listType: "set", description: "The node's pod address ranges, at most one per IP family." })
      .optional(),
    providerID: z.string().meta({ proto: 3, description: "The cloud provider's ID for the machine." }).optional(),
    unschedulable: z.boolean().meta({ proto: 4, omitEmpty: true, description: "Keep new pods off the node (cordon)." }).optional(),
    taints: z.array(taint).meta({ proto: 5, listType: "atomic", description: "The node's taints." }).optional(),
    configSource: nodeConfigSource.meta({ proto: 6, description: "Retired: where the kubelet once took its configuration from." }).optional(),
    externalID: z.string().meta({ proto: 2, description: "Retired: an external ID of the node; cannot change." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeSpec", description: "How a node is set up for scheduling." });

const infoString = (proto: number, description: string) => z.string().meta({ proto, description }).optional();
const optionalBool = (proto: number, description: string) => z.boolean().meta({ proto, description }).optional();

// The kubelet's report of what the node runs.
const nodeSystemInfo = z
  .object({
    machineID: infoString(1, "The machine's ID (/etc/machine-id)."),
    systemUUID: infoString(2, "The hardware's UUID."),
    bootID: infoString(3, "The ID of the current boot."),
    kernelVersion: infoString(4, "The kernel version (uname -r)."),
    osImage: infoString(5, "The operating system's name and version (/etc/os-release)."),
    containerRuntimeVersion: infoString(6, "The container runtime and its version, as runtime://version."),
    kubeletVersion: infoString(7, "The kubelet's version."),
    kubeProxyVersion: infoString(8, "Retired: the kube-proxy version the kubelet reported."),
    operatingSystem: infoString(9, "The operating system: linux or windows."),
    architecture: infoString(10, "The CPU architecture, such as amd64 or arm64."),
    swap: z
      .object({ capacity: z.number().int().meta({ proto: 1, protoType: "int64", description: "The swap space in bytes." }).optional() })
      .meta({ definition: "io.k8s.api.core.v1.NodeSwapStatus", description: "The node's swap memory." })
      .meta({ proto: 11, description: "The node's swap memory." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeSystemInfo", description: "What the node runs: OS, kernel, kubelet and runtime versions, IDs." });

const daemonEndpoints = z
  .object({
    kubeletEndpoint: z
      .object({ Port: z.number().int().meta({ proto: 1, description: "The port the daemon listens on." }).optional() })
      .meta({ definition: "io.k8s.api.core.v1.DaemonEndpoint", description: "Where a daemon on the node listens." })
      .meta({ proto: 1, description: "Where the kubelet listens." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeDaemonEndpoints", description: "The ports of the daemons on the node." });

const containerImage = z
  .object({
    names: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "The image's names and digests." }).optional(),
    sizeBytes: z.number().int().meta({ proto: 2, protoType: "int64", omitEmpty: true, description: "The image's size in bytes." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerImage", description: "An image present on the node." });

const attachedVolume = z
  .object({
    name: z.string().meta({ proto: 1, description: "The volume's unique name." }).optional(),
    devicePath: z.string().meta({ proto: 2, description: "Where the volume is available on the node." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.AttachedVolume", description: "A volume attached to the node." });

const nodeConfigStatus = z
  .object({
    assigned: nodeConfigSource.meta({ proto: 1, description: "The configuration the node was told to use." }).optional(),
    active: nodeConfigSource.meta({ proto: 2, description: "The configuration the node uses." }).optional(),
    lastKnownGood: nodeConfigSource.meta({ proto: 3, description: "The configuration the node falls back to." }).optional(),
    error: z.string().meta({ proto: 4, description: "Why the assigned configuration could not be used." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeConfigStatus", description: "The state of the node's dynamic configuration (retired)." });

const runtimeHandler = z
  .object({
    name: z.string().meta({ proto: 1, description: "The handler's name; empty for the default one." }).optional(),
    features: z
      .object({
        recursiveReadOnlyMounts: optionalBool(1, "Whether the handler supports recursive read-only mounts."),
        userNamespaces: optionalBool(2, "Whether the handler supports user namespaces."),
      })
      .meta({ definition: "io.k8s.api.core.v1.NodeRuntimeHandlerFeatures", description: "What a runtime handler supports." })
      .meta({ proto: 2, description: "What the handler supports." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeRuntimeHandler", description: "A runtime handler the node offers." });

const nodeFeatures = z
  .object({ supplementalGroupsPolicy: optionalBool(1, "Whether the node honours a pod's supplementalGroupsPolicy.") })
  .meta({ definition: "io.k8s.api.core.v1.NodeFeatures", description: "Features the node supports." });

// Written by the kubelet.
const statusSchema = z
  .object({
    capacity: resourceList(1, "The total amount of each resource on the node.").optional(),
    allocatable: resourceList(2, "The amount of each resource available to pods; capacity when unset.").optional(),
    conditions: z
      .array(nodeCondition)
      .meta({
        proto: 4,
        patchStrategy: "merge",
        patchMergeKey: "type",
        listType: "map",
        listMapKeys: ["type"],
        description: "The node's current conditions.",
      })
      .optional(),
    addresses: z
      .array(nodeAddress)
      .meta({
        proto: 5,
        patchStrategy: "merge",
        patchMergeKey: "type",
        listType: "map",
        listMapKeys: ["type"],
        description: "The addresses the node is reachable at.",
      })
      .optional(),
    phase: z.string().meta({ proto: 3, description: "Retired: the node's lifecycle phase." }).optional(),
    daemonEndpoints: daemonEndpoints.meta({ proto: 6, description: "The ports the node's daemons listen on." }).optional(),
    nodeInfo: nodeSystemInfo.meta({ proto: 7, description: "Versions and IDs the node reports." }).optional(),
    images: z.array(containerImage).meta({ proto: 8, listType: "atomic", description: "The images on the node." }).optional(),
    volumesInUse: z.array(z.string()).meta({ proto: 9, listType: "atomic", description: "The volumes in use (mounted) on the node." }).optional(),
    volumesAttached: z.array(attachedVolume).meta({ proto: 10, listType: "atomic", description: "The volumes attached to the node." }).optional(),
    config: nodeConfigStatus.meta({ proto: 11, description: "Retired: the state of the node's dynamic configuration." }).optional(),
    runtimeHandlers: z.array(runtimeHandler).meta({ proto: 12, listType: "atomic", description: "The runtime handlers the node offers." }).optional(),
    features: nodeFeatures.meta({ proto: 13, description: "Features the node supports." }).optional(),
    declaredFeatures: z.array(z.string()).meta({ proto: 14, listType: "atomic", description: "Features the node declares, for scheduling." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeStatus", description: "The observed state of a node." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "How the node is set up for scheduling." }).optional(),
    status: statusSchema.meta({ proto: 3, description: "The node's observed state, reported by its kubelet." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Node", description: "A machine that runs pods." });

type Node = KubeObject & z.infer<typeof schema>;
type NodeInfo = { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };

const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

function validateTaints(taints: z.infer<typeof taint>[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    // kube reports spec.taints under metadata.taints.
    const path = `metadata.taints[${i}]`;
    for (const msg of qualifiedNameErrors(t.key)) errors.push(fieldError.invalid(`${path}.key`, t.key, msg));
    const valueErrors = labelValueErrors(t.value ?? "");
    if (valueErrors.length) errors.push(fieldError.invalid(`${path}.value`, t.value ?? "", valueErrors.join(";")));
    if (!t.effect) errors.push(fieldError.required(`${path}.effect`));
    else if (!(taintEffects as readonly string[]).includes(t.effect)) errors.push(fieldError.notSupported(`${path}.effect`, t.effect, taintEffects));
    const id = JSON.stringify([t.effect, t.key]);
    if (seen.has(id)) {
      const value = { Key: t.key, Value: t.value ?? "", Effect: t.effect, TimeAdded: t.timeAdded ?? null };
      errors.push({ type: "FieldValueDuplicate", field: path, value, detail: "taints must be unique by key and effect pair" });
    }
    seen.add(id);
  });
  return errors;
}

function validatePodCIDRs(cidrs: string[]): FieldError[] {
  const errors: FieldError[] = [];
  cidrs.forEach((cidr, i) => errors.push(...cidrErrors(cidr).map((msg) => fieldError.invalid(`spec.podCIDRs[${i}]`, cidr, msg))));
  if (cidrs.length > 1 && errors.length === 0) {
    const families = new Set(cidrs.map((c) => parseIP(c.split("/")[0])?.family));
    if (families.size !== 2 || cidrs.length > 2) {
      errors.push(fieldError.invalid("spec.podCIDRs", cidrs, "may specify no more than one CIDR for each IP family"));
    }
    cidrs.forEach((cidr, i) => {
      if (cidrs.indexOf(cidr) < i) errors.push(fieldError.duplicate(`spec.podCIDRs[${i}]`, cidr));
    });
  }
  return errors;
}

function validateResources(status: Node["status"]): FieldError[] {
  const errors: FieldError[] = [];
  for (const list of ["capacity", "allocatable"] as const) {
    for (const [name, value] of Object.entries(status?.[list] ?? {})) {
      if (String(value).startsWith("-")) errors.push(fieldError.invalid(`status.${list}.${name}`, String(value), "must be greater than or equal to 0"));
    }
  }
  return errors;
}

function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const parts = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec?.unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}

/** Roles from node-role.kubernetes.io/<role> labels and the older kubernetes.io/role=<role>. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value) roles.add(value);
  }
  return [...roles].sort().join(",") || "<none>";
}

const addressOf = (node: Node, type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
const orUnknown = (value: string | undefined) => value || "<unknown>";

export const nodes = {
  group: "",
  version: "v1",
  kind: "Node",
  plural: "nodes",
  singular: "node",
  namespaced: false,
  shortNames: ["no"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  applyDefaults(obj) {
    const node = obj as Node;
    // v1 carries podCIDR beside podCIDRs; kube keeps the list and shows its first entry as podCIDR.
    if (node.spec?.podCIDR && !node.spec.podCIDRs?.length) node.spec.podCIDRs = [node.spec.podCIDR];
    if (node.spec?.podCIDRs?.length) node.spec.podCIDR = node.spec.podCIDRs[0];
    if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
  },
  prepareForCreate(obj) {
    // kube keeps a new node's status (the kubelet registers with it) but drops the retired dynamic config fields.
    const node = obj as Node;
    if (node.spec) delete node.spec.configSource;
    if (node.status) delete node.status.config;
  },
  prepareForUpdate(obj, old) {
    const node = obj as Node;
    if (node.spec && !(old as Node).spec?.configSource) delete node.spec.configSource;
  },
  validate(obj) {
    const node = obj as Node;
    return [...validateTaints(node.spec?.taints ?? []), ...validateResources(node.status), ...validatePodCIDRs(node.spec?.podCIDRs ?? [])];
  },
  validateUpdate(obj, old) {
    const node = obj as Node;
    const before = old as Node;
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    (node.status?.addresses ?? []).forEach((a, i) => {
      const id = JSON.stringify([a.type, a.address]);
      if (seen.has(id)) errors.push(fieldError.duplicate(`status.addresses[${i}]`, { Type: a.type, Address: a.address }));
      seen.add(id);
    });
    const oldCIDRs = before.spec?.podCIDRs ?? [];
    const newCIDRs = node.spec?.podCIDRs ?? [];
    const cidrChange = fieldError.forbidden("spec.podCIDRs", 'node updates may not change podCIDR except from "" to valid');
    if (oldCIDRs.length > 0) {
      if (oldCIDRs.length !== newCIDRs.length) errors.push(cidrChange);
      else oldCIDRs.forEach((cidr, i) => cidr !== newCIDRs[i] && errors.push(cidrChange));
    }
    const oldProvider = before.spec?.providerID ?? "";
    if (oldProvider && oldProvider !== (node.spec?.providerID ?? "")) {
      errors.push(fieldError.forbidden("spec.providerID", 'node updates may not change providerID except from "" to valid'));
    }
    if ((node.spec?.externalID ?? "") !== (before.spec?.externalID ?? "")) errors.push(fieldError.forbidden("spec.externalID", "may not be updated"));
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Status", "string", "Whether the node is ready, and whether scheduling on it is disabled."),
      column("Roles", "string", "The roles the node's labels give it."),
      ageColumn,
      column("Version", "string", "The kubelet version the node runs."),
      column("Internal-IP", "string", "The node's first internal address.", 1),
      column("External-IP", "string", "The node's first external address.", 1),
      column("OS-Image", "string", "The operating system image the node reports.", 1),
      column("Kernel-Version", "string", "The kernel version the node reports.", 1),
      column("Container-Runtime", "string", "The container runtime and its version.", 1),
    ],
    cells(obj, { now }) {
      const node = obj as Node;
      const info = (node.status?.nodeInfo ?? {}) as NodeInfo;
      return [
        obj.metadata.name ?? "",
        nodeStatus(node),
        nodeRoles(node),
        creationAge(obj, now),
        info.kubeletVersion ?? "",
        addressOf(node, "InternalIP"),
        addressOf(node, "ExternalIP"),
        orUnknown(info.osImage),
        orUnknown(info.kernelVersion),
        orUnknown(info.containerRuntimeVersion),
      ];
    },
  },
  fieldSelectors: {
    "spec.unschedulable": (obj) => String((obj as Node).spec?.unschedulable ?? false),
  },
} satisfies KindDefinition;
