// The status of a pod as kubelet and the scheduler report it: phase, conditions, addresses, and the state of
// each container.

import { z } from "zod";
import { kubeField as f } from "./kube-field.ts";
import { resourceRequirements } from "./pod-spec-container.ts";

const podCondition = z
  .looseObject({
    type: f.string(1, "The condition: PodScheduled, Initialized, ContainersReady, Ready, or one a readiness gate names."),
    observedGeneration: f.int64(7, "The pod generation the condition was set for.", { omitEmpty: true }),
    status: f.string(2, "True, False or Unknown."),
    lastProbeTime: f.time(3, "When the condition was last checked."),
    lastTransitionTime: f.time(4, "When the status last changed."),
    reason: f.string(5, "A CamelCase word for why the status last changed."),
    message: f.string(6, "Details, for a person."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodCondition", description: "One aspect of the pod's state." });

const hostIP = z.looseObject({ ip: f.string(1, "The IP address.") }).meta({ definition: "io.k8s.api.core.v1.HostIP", description: "An IP address of the pod's node." });
const podIP = z.looseObject({ ip: f.string(1, "The IP address.") }).meta({ definition: "io.k8s.api.core.v1.PodIP", description: "An IP address of the pod." });

const containerStateWaiting = z
  .looseObject({
    reason: f.string(1, "Why the container is not running yet, e.g. ContainerCreating or CrashLoopBackOff."),
    message: f.string(2, "Details, for a person."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerStateWaiting", description: "A container not running yet." });

const containerStateRunning = z
  .looseObject({ startedAt: f.time(1, "When the container last started.") })
  .meta({ definition: "io.k8s.api.core.v1.ContainerStateRunning", description: "A running container." });

const containerStateTerminated = z
  .looseObject({
    exitCode: f.int32(1, "The exit status of the container's last run."),
    signal: f.int32(2, "The signal that ended it, if one did.", { omitEmpty: true }),
    reason: f.string(3, "Why it ended, e.g. Completed, Error or OOMKilled."),
    message: f.string(4, "Details, for a person."),
    startedAt: f.time(5, "When the run started."),
    finishedAt: f.time(6, "When the run ended."),
    containerID: f.string(7, "The runtime's ID of the container, as <type>://<id>."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerStateTerminated", description: "A container that has run and ended." });

const containerState = z
  .looseObject({
    waiting: f.message(containerStateWaiting, 1, "Set while the container waits to run."),
    running: f.message(containerStateRunning, 2, "Set while the container runs."),
    terminated: f.message(containerStateTerminated, 3, "Set once the container has ended."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerState", description: "Where a container is in its life: one of waiting, running and terminated." });

const volumeMountStatus = z
  .looseObject({
    name: f.string(1, "The volume's name, as the mount gives it."),
    mountPath: f.string(2, "Where the volume is mounted."),
    readOnly: f.bool(3, "Whether it is mounted read-only.", { omitEmpty: true }),
    recursiveReadOnly: f.string(4, "Disabled or Enabled: whether submounts are read-only too."),
  })
  .meta({ definition: "io.k8s.api.core.v1.VolumeMountStatus", description: "How one volume is mounted in the container." });

const linuxContainerUser = z
  .looseObject({
    uid: f.int64(1, "The user ID the first process runs as."),
    gid: f.int64(2, "Its primary group ID."),
    supplementalGroups: f.ints(3, "Its supplemental group IDs.", { protoType: "int64", listType: "atomic" }),
  })
  .meta({ definition: "io.k8s.api.core.v1.LinuxContainerUser", description: "The identity of a Linux container's first process." });

const containerUser = z
  .looseObject({ linux: f.message(linuxContainerUser, 1, "The identity on a Linux node.") })
  .meta({ definition: "io.k8s.api.core.v1.ContainerUser", description: "The identity the container's first process runs with." });

const resourceHealth = z
  .looseObject({
    resourceID: f.string(1, "The device's ID, unique for its resource."),
    health: f.string(2, "Healthy, Unhealthy or Unknown."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceHealth", description: "The health of one device allocated to the container." });

const resourceStatus = z
  .looseObject({
    name: f.string(1, "The resource, e.g. a device plugin's resource or claim:<claim>/<request>."),
    resources: f.list(resourceHealth, 2, "The health of each device.", { listType: "map", listMapKeys: ["resourceID"] }),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceStatus", description: "The health of the devices allocated for one resource." });

const containerStatus = z
  .looseObject({
    name: f.string(1, "The container's name."),
    state: f.message(containerState, 2, "Where the container is now."),
    lastState: f.message(containerState, 3, "How its last run ended."),
    ready: f.bool(4, "Whether the container passes its readiness probe."),
    restartCount: f.int32(5, "How many times the container has been restarted."),
    image: f.string(6, "The image the container runs."),
    imageID: f.string(7, "The ID of that image, as the runtime knows it."),
    containerID: f.string(8, "The runtime's ID of the container, as <type>://<id>."),
    started: f.bool(9, "Whether the container has started and passed its startup probe."),
    allocatedResources: f.quantities(10, "The compute resources the node allocated to the container."),
    resources: f.message(resourceRequirements, 11, "The requests and limits the container runs with now."),
    volumeMounts: f.list(volumeMountStatus, 12, "The volumes mounted in the container.", {
      patchStrategy: "merge",
      patchMergeKey: "mountPath",
      listType: "map",
      listMapKeys: ["mountPath"],
    }),
    user: f.message(containerUser, 13, "The identity the first process runs with."),
    allocatedResourcesStatus: f.list(resourceStatus, 14, "The health of the devices allocated to the container.", {
      patchStrategy: "merge",
      patchMergeKey: "name",
      listType: "map",
      listMapKeys: ["name"],
    }),
    stopSignal: f.string(15, "The signal sent to stop the container."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerStatus", description: "The state of one container of the pod." });

const podResourceClaimStatus = z
  .looseObject({
    name: f.string(1, "The entry of spec.resourceClaims."),
    resourceClaimName: f.string(2, "The ResourceClaim made for it from its template."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodResourceClaimStatus", description: "The claim made for one of the pod's claim templates." });

const containerExtendedResourceRequest = z
  .looseObject({
    containerName: f.string(1, "The container asking for the resource."),
    resourceName: f.string(2, "The extended resource."),
    requestName: f.string(3, "The request of the claim that serves it."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerExtendedResourceRequest", description: "Which request of the claim serves a container's extended resource." });

const podExtendedResourceClaimStatus = z
  .looseObject({
    requestMappings: f.list(containerExtendedResourceRequest, 1, "Each container's extended resources and the requests serving them."),
    resourceClaimName: f.string(2, "The ResourceClaim made for the pod's extended resources."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodExtendedResourceClaimStatus", description: "The claim dynamic resource allocation made for extended resources." });

const containerStatuses = (proto: number, which: string) => f.list(containerStatus, proto, `The state of each of the ${which}.`);

export const podStatus = z
  .looseObject({
    observedGeneration: f.int64(17, "The pod generation kubelet last acted on.", { omitEmpty: true }),
    phase: f.string(1, "Pending, Running, Succeeded, Failed or Unknown: the pod's place in its life."),
    conditions: f.list(podCondition, 2, "The current conditions of the pod.", {
      patchStrategy: "merge",
      patchMergeKey: "type",
      listType: "map",
      listMapKeys: ["type"],
    }),
    message: f.string(3, "Why the pod is in this state, for a person."),
    reason: f.string(4, "A CamelCase word for why the pod is in this state, e.g. Evicted."),
    nominatedNodeName: f.string(11, "The node a preemption made room on; the pod may still land elsewhere."),
    hostIP: f.string(5, "The primary IP address of the pod's node."),
    hostIPs: f.list(hostIP, 16, "The IP addresses of the pod's node, the primary first.", { patchStrategy: "merge", patchMergeKey: "ip", listType: "atomic" }),
    podIP: f.string(6, "The pod's primary IP address."),
    podIPs: f.list(podIP, 12, "The pod's IP addresses, at most one of each family, the primary first.", {
      patchStrategy: "merge",
      patchMergeKey: "ip",
      listType: "map",
      listMapKeys: ["ip"],
    }),
    startTime: f.time(7, "When kubelet acknowledged the pod, before its images were pulled."),
    initContainerStatuses: containerStatuses(10, "init containers"),
    containerStatuses: containerStatuses(8, "app containers"),
    qosClass: f.string(9, "Guaranteed, Burstable or BestEffort: the pod's quality of service class."),
    ephemeralContainerStatuses: containerStatuses(13, "ephemeral containers"),
    resize: f.string(14, "Deprecated: the state of an in-place resize."),
    resourceClaimStatuses: f.list(podResourceClaimStatus, 15, "The claims made for the pod's claim templates.", {
      patchStrategy: "merge,retainKeys",
      patchMergeKey: "name",
      listType: "map",
      listMapKeys: ["name"],
    }),
    extendedResourceClaimStatus: f.message(podExtendedResourceClaimStatus, 18, "The claim made for the pod's extended resources."),
    allocatedResources: f.quantities(19, "The pod-level resources the node allocated."),
    resources: f.message(resourceRequirements, 20, "The pod-level requests and limits the pod runs with now."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodStatus", description: "What the pod is doing, as last reported; written through /status." });
