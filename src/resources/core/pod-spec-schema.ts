// The schema of a PodSpec and of a PodTemplateSpec, shared by pods and every workload kind, with kube's protobuf
// numbers, definition names and merge rules on each field. Its parts live beside it: containers in
// pod-spec-container.ts, volumes in volume-schema.ts, affinity and spreading in affinity-schema.ts, security
// settings in security-context-schema.ts. Those parts are loose objects, so JSON keys they do not model are kept;
// the claim template of an ephemeral volume (persistent-volume-claim-schema.ts) is modeled whole and is not.

import { z } from "zod";
import { objectMeta } from "../object-meta-schema.ts";
import { localObjectReference } from "../schema-types.ts";
import { affinity, topologySpreadConstraint } from "./affinity-schema.ts";
import { kubeField as f } from "./kube-field.ts";
import { container, ephemeralContainer, resourceList, resourceRequirements } from "./pod-spec-container.ts";
import { podSecurityContext } from "./security-context-schema.ts";
import { volume } from "./volume-schema.ts";

export * from "./pod-spec-container.ts";
export { volume } from "./volume-schema.ts";

const int = z.number().int();
const stringMap = z.record(z.string(), z.string());

const hostAlias = z
  .looseObject({
    ip: f.string(1, "The IP address the names resolve to."),
    hostnames: f.strings(2, "The host names."),
  })
  .meta({ definition: "io.k8s.api.core.v1.HostAlias", description: "An IP address and the hostnames that resolve to it." });

const podDNSConfigOption = z
  .looseObject({
    name: f.string(1, "The resolver option, e.g. ndots."),
    value: f.string(2, "Its value, if it takes one."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodDNSConfigOption", description: "One resolver option." });

const podDNSConfig = z
  .looseObject({
    nameservers: f.strings(1, "Name server IP addresses added to those dnsPolicy gives; at most 3 in all."),
    searches: f.strings(2, "Search domains added to those dnsPolicy gives."),
    options: f.list(podDNSConfigOption, 3, "Resolver options; one given here replaces one of the same name."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodDNSConfig", description: "DNS settings merged into those dnsPolicy gives." });

const podOS = z
  .looseObject({ name: f.string(1, "linux or windows.") })
  .meta({ definition: "io.k8s.api.core.v1.PodOS", description: "The operating system the containers need." });

const podResourceClaim = z
  .looseObject({
    name: f.string(1, "The claim's name in the pod, which containers' resources.claims use."),
    resourceClaimName: f.string(3, "An existing ResourceClaim in the pod's namespace."),
    resourceClaimTemplateName: f.string(4, "A ResourceClaimTemplate from which a claim is made for the pod."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodResourceClaim", description: "A named dynamic resource claim, or a template to make one from." });

const workloadReference = z
  .looseObject({
    name: f.string(1, "The Workload object in the pod's namespace."),
    podGroup: f.string(2, "The pod group of the Workload the pod belongs to."),
    podGroupReplicaKey: f.string(3, "Which replica of the pod group the pod belongs to."),
  })
  .meta({ definition: "io.k8s.api.core.v1.WorkloadReference", description: "The Workload and pod group a pod belongs to." });

export const toleration = z
  .object({
    key: z.string().meta({ proto: 1, description: "The taint key it matches; empty with operator Exists matches every taint." }).optional(),
    operator: z.string().meta({ proto: 2, description: "How the taint's value is compared: Equal, the default, or Exists." }).optional(),
    value: z.string().meta({ proto: 3, description: "The taint value Equal compares with; empty for Exists." }).optional(),
    effect: z.string().meta({ proto: 4, description: "The taint effect it matches: NoSchedule, PreferNoSchedule or NoExecute; empty matches all." }).optional(),
    tolerationSeconds: int
      .meta({ proto: 5, protoType: "int64", description: "For NoExecute: how long the pod stays on the node once the taint appears; forever when unset." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Toleration", description: "Lets the pod be scheduled onto, or stay on, nodes whose taints it matches." });

export const podSpec = z
  .object({
    volumes: z
      .array(volume)
      .meta({
        proto: 1,
        patchStrategy: "merge,retainKeys",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "The volumes the pod's containers may mount.",
      })
      .optional(),
    initContainers: z
      .array(container)
      .meta({
        proto: 20,
        patchStrategy: "merge",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "Containers run one at a time, each to success, before the app containers start; those with restartPolicy Always stay as sidecars.",
      })
      .optional(),
    containers: z
      .array(container)
      .meta({
        proto: 2,
        patchStrategy: "merge",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        goPresence: "always",
        description: "The pod's app containers; there must be at least one.",
      })
      .optional(),
    ephemeralContainers: z
      .array(ephemeralContainer)
      .meta({
        proto: 34,
        patchStrategy: "merge",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "Temporary containers added to the running pod through its ephemeralcontainers subresource.",
      })
      .optional(),
    restartPolicy: z.string().meta({ proto: 3, description: "Always, OnFailure or Never; Always when unset." }).optional(),
    terminationGracePeriodSeconds: int
      .meta({ proto: 4, protoType: "int64", description: "Seconds between the stop signal and the kill when the pod is deleted; 30 when unset." })
      .optional(),
    activeDeadlineSeconds: int
      .meta({ proto: 5, protoType: "int64", description: "Seconds the pod may run, counted from its start, before kubelet fails it." })
      .optional(),
    dnsPolicy: z.string().meta({ proto: 6, description: "ClusterFirst, ClusterFirstWithHostNet, Default or None; ClusterFirst when unset." }).optional(),
    nodeSelector: stringMap.meta({ proto: 7, mapType: "atomic", description: "Labels a node must carry for the pod to be scheduled there." }).optional(),
    serviceAccountName: z.string().meta({ proto: 8, description: "The service account the pod runs as." }).optional(),
    serviceAccount: z.string().meta({ proto: 9, description: "Deprecated: the old name of serviceAccountName." }).optional(),
    automountServiceAccountToken: z.boolean().meta({ proto: 21, description: "Whether a token of the service account is mounted into the pod." }).optional(),
    nodeName: z.string().meta({ proto: 10, description: "The node the pod is bound to; the scheduler sets it unless it is given." }).optional(),
    hostNetwork: z.boolean().meta({ proto: 11, omitEmpty: true, description: "Use the node's network namespace; container ports then open on the node." }).optional(),
    hostPID: z.boolean().meta({ proto: 12, omitEmpty: true, description: "Use the node's process namespace." }).optional(),
    hostIPC: z.boolean().meta({ proto: 13, omitEmpty: true, description: "Use the node's IPC namespace." }).optional(),
    shareProcessNamespace: z
      .boolean()
      .meta({ proto: 27, description: "Give all the pod's containers one process namespace; excludes hostPID." })
      .optional(),
    securityContext: podSecurityContext.meta({ proto: 14, goPresence: "omitted", description: "Security settings for the whole pod; containers may override some." }).optional(),
    imagePullSecrets: z
      .array(localObjectReference)
      .meta({
        proto: 15,
        patchStrategy: "merge",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "Secrets in the pod's namespace holding credentials to pull its images.",
      })
      .optional(),
    hostname: z.string().meta({ proto: 16, description: "The pod's hostname; its name when unset." }).optional(),
    subdomain: z
      .string()
      .meta({ proto: 17, description: "With hostname, gives the pod the name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>." })
      .optional(),
    affinity: affinity.meta({ proto: 18, goPresence: "omitted", description: "Rules that attract the pod to, or keep it from, nodes and other pods." }).optional(),
    schedulerName: z.string().meta({ proto: 19, description: "The scheduler that places the pod; default-scheduler when unset." }).optional(),
    tolerations: z.array(toleration).meta({ proto: 22, listType: "atomic", description: "The node taints the pod tolerates." }).optional(),
    hostAliases: z
      .array(hostAlias)
      .meta({
        proto: 23,
        patchStrategy: "merge",
        patchMergeKey: "ip",
        listType: "map",
        listMapKeys: ["ip"],
        description: "Extra entries for the pod's /etc/hosts.",
      })
      .optional(),
    priorityClassName: z.string().meta({ proto: 24, description: "The PriorityClass whose value becomes the pod's priority." }).optional(),
    priority: int.meta({ proto: 25, description: "The pod's priority; admission fills it in from priorityClassName." }).optional(),
    dnsConfig: podDNSConfig.meta({ proto: 26, goPresence: "omitted", description: "DNS settings merged into those dnsPolicy gives." }).optional(),
    readinessGates: z
      .array(
        z
          .looseObject({ conditionType: z.string().meta({ proto: 1, description: "The type of a pod condition." }).optional() })
          .meta({ definition: "io.k8s.api.core.v1.PodReadinessGate", description: "A pod condition the pod's readiness waits for." }),
      )
      .meta({ proto: 28, listType: "atomic", description: "Extra pod conditions that must be True before the pod counts as ready." })
      .optional(),
    runtimeClassName: z.string().meta({ proto: 29, description: "The RuntimeClass the pod runs with." }).optional(),
    enableServiceLinks: z
      .boolean()
      .meta({ proto: 30, description: "Whether the services' addresses are passed in environment variables, Docker-link style; true when unset." })
      .optional(),
    preemptionPolicy: z.string().meta({ proto: 31, description: "PreemptLowerPriority or Never: whether the pod may evict pods of lower priority." }).optional(),
    overhead: resourceList.meta({ proto: 32, description: "What the runtime itself uses to run the pod; admission sets it from the RuntimeClass." }).optional(),
    topologySpreadConstraints: z
      .array(topologySpreadConstraint)
      .meta({
        proto: 33,
        patchStrategy: "merge",
        patchMergeKey: "topologyKey",
        listType: "map",
        listMapKeys: ["topologyKey", "whenUnsatisfiable"],
        description: "How the pod's group spreads over zones, nodes or other topology domains.",
      })
      .optional(),
    setHostnameAsFQDN: z.boolean().meta({ proto: 35, description: "Make the pod's hostname its fully qualified domain name." }).optional(),
    os: podOS.meta({ proto: 36, description: "The operating system the containers need: linux or windows." }).optional(),
    hostUsers: z.boolean().meta({ proto: 37, description: "Use the node's user namespace; false gives the pod a user namespace of its own." }).optional(),
    schedulingGates: z
      .array(
        z
          .looseObject({ name: z.string().meta({ proto: 1, description: "The gate's name, unique in the pod." }).optional() })
          .meta({ definition: "io.k8s.api.core.v1.PodSchedulingGate", description: "A gate that holds the pod back from scheduling while present." }),
      )
      .meta({
        proto: 38,
        patchStrategy: "merge",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "While any gate is listed, the pod is not scheduled.",
      })
      .optional(),
    resourceClaims: z
      .array(podResourceClaim)
      .meta({
        proto: 39,
        patchStrategy: "merge,retainKeys",
        patchMergeKey: "name",
        listType: "map",
        listMapKeys: ["name"],
        description: "Dynamic resource claims the pod's containers may use.",
      })
      .optional(),
    resources: resourceRequirements.meta({ proto: 40, description: "Resources reserved and capped for the pod as a whole, shared by its containers." }).optional(),
    hostnameOverride: z
      .string()
      .meta({ proto: 41, description: "A hostname for the pod used instead of the one made from its name, hostname and subdomain." })
      .optional(),
    workloadRef: workloadReference
      .meta({ proto: 42, description: "The Workload and pod group the pod belongs to, for scheduling the group as a whole." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodSpec", description: "What a pod runs and how: its containers, volumes and scheduling." });

/** The metadata of a template: a whole ObjectMeta, though only labels and annotations reach the objects made. */
export const templateMetadata = objectMeta.meta({ description: "The metadata given to the objects made from a template." });

export const podTemplateSpec = z
  .object({
    metadata: templateMetadata.meta({ proto: 1, description: "Labels and annotations for the pods made from the template." }).optional(),
    spec: podSpec.meta({ proto: 2, description: "The spec of the pods made from the template." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodTemplateSpec", description: "The pods a controller creates: their metadata and spec." });

export type Volume = z.infer<typeof volume>;
export type Toleration = z.infer<typeof toleration>;
export type PodSpec = z.infer<typeof podSpec>;
export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;
