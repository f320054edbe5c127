// The schema of a container and the pieces it is made of (ports, environment, mounts, resources, probes and
// lifecycle hooks), each field carrying kube's protobuf number, definition name and merge rules. Env sources
// are in env-sources.ts, security settings in security-context-schema.ts. Objects stay loose, so JSON keys
// the schema does not know are kept.

import { z } from "zod";
import type { InlineMessage } from "../schema-meta.ts";
import { intOrString, quantity } from "../schema-types.ts";
import { envFromSource, envVarSource } from "./env-sources.ts";
import { kubeField as f } from "./kube-field.ts";
import { securityContext } from "./security-context-schema.ts";

const int = z.number().int();

/** A map of resource names to quantities (limits, requests, overhead). */
export const resourceList = z.record(z.string(), quantity.meta({ protoType: "Quantity" }));

export const containerPort = z
  .object({
    name: z.string().meta({ proto: 1, description: "An IANA service name for the port, unique among the pod's ports; services may target it by name." }).optional(),
    hostPort: int.meta({ proto: 2, omitEmpty: true, description: "A port on the node forwarded to this one; most pods leave it unset." }).optional(),
    containerPort: int.meta({ proto: 3, description: "The port number the container listens on, on the pod's IP address." }).optional(),
    protocol: z.string().meta({ proto: 4, description: "TCP, UDP or SCTP; TCP when unset." }).optional(),
    hostIP: z.string().meta({ proto: 5, description: "The node address a host port is bound to." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerPort", description: "A network port a container listens on." });

export const envVar = z
  .object({
    name: z.string().meta({ proto: 1, description: "The variable's name." }).optional(),
    value: z
      .string()
      .meta({ proto: 2, description: "A literal value. $(NAME) is replaced by a variable defined earlier; $$ stands for a literal $." })
      .optional(),
    valueFrom: envVarSource.meta({ proto: 3, description: "Read the value from the pod, a resource, a ConfigMap, a Secret or a file instead." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EnvVar", description: "One environment variable set in a container." });

export const volumeMount = z
  .object({
    name: z.string().meta({ proto: 1, description: "The name of the pod volume to mount." }).optional(),
    readOnly: z.boolean().meta({ proto: 2, omitEmpty: true, description: "Mount the volume read-only; false when unset." }).optional(),
    recursiveReadOnly: z
      .string()
      .meta({ proto: 7, description: "Whether a read-only mount makes its submounts read-only too: Disabled, IfPossible or Enabled." })
      .optional(),
    mountPath: z.string().meta({ proto: 3, description: "Where the volume appears in the container's filesystem; may not contain ':'." }).optional(),
    subPath: z.string().meta({ proto: 4, description: "A path inside the volume to mount instead of its root." }).optional(),
    mountPropagation: z
      .string()
      .meta({ proto: 5, description: "How mounts propagate between the node and the container: None, HostToContainer or Bidirectional." })
      .optional(),
    subPathExpr: z
      .string()
      .meta({ proto: 6, description: "Like subPath, with $(NAME) references to the container's environment expanded; excludes subPath." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.VolumeMount", description: "Where and how a pod volume is mounted into a container." });

const resourceClaim = z
  .looseObject({
    name: f.string(1, "The name of an entry of the pod's spec.resourceClaims."),
    request: f.string(2, "One request of the claim; all of them when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceClaim", description: "Names one of the pod's resource claims, and optionally one request of it." });

export const resourceRequirements = z
  .object({
    limits: resourceList.meta({ proto: 1, description: "The most of each resource that may be used." }).optional(),
    requests: resourceList.meta({ proto: 2, description: "The amount of each resource to reserve; the limit when only a limit is given." }).optional(),
    claims: z
      .array(resourceClaim)
      .meta({ proto: 3, listType: "map", listMapKeys: ["name"], description: "Which of the pod's resource claims (spec.resourceClaims) are used here." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceRequirements", description: "Compute resources reserved and capped, and dynamic resource claims used." });

const httpHeader = z
  .looseObject({
    name: f.string(1, "The header's name; compared without regard to case."),
    value: f.string(2, "The header's value."),
  })
  .meta({ definition: "io.k8s.api.core.v1.HTTPHeader", description: "One request header: a name and a value." });

const execAction = z
  .looseObject({
    command: f.strings(1, "The command and its arguments, run directly, not in a shell; exit status 0 means success."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ExecAction", description: "A command run inside the container." });

const tcpSocketAction = z
  .looseObject({
    port: intOrString.meta({ proto: 1, protoType: "IntOrString", description: "The port to connect to: a number, or the name of a container port." }).optional(),
    host: f.string(2, "The host to connect to; the pod's IP when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.TCPSocketAction", description: "A TCP connection opened to the container." });

const sleepAction = z
  .looseObject({ seconds: f.int64(1, "How many seconds to sleep.") })
  .meta({ definition: "io.k8s.api.core.v1.SleepAction", description: "A pause of some seconds." });

/** An HTTP GET handler, as probes and lifecycle hooks use it. */
const httpGetAction = z
  .looseObject({
    path: z.string().meta({ proto: 1, description: "The path to request." }).optional(),
    port: intOrString.meta({ proto: 2, protoType: "IntOrString", description: "The port to connect to: a number, or the name of a container port." }).optional(),
    host: z.string().meta({ proto: 3, description: "The host to connect to; the pod's IP when unset." }).optional(),
    scheme: z.string().meta({ proto: 4, description: "HTTP or HTTPS; HTTP when unset." }).optional(),
    httpHeaders: z
      .array(httpHeader)
      .meta({ proto: 5, listType: "atomic", description: "Extra headers sent with the request." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.HTTPGetAction", description: "An HTTP GET request made to the container." });

const grpcAction = z
  .looseObject({
    port: int.meta({ proto: 1, description: "The port number of the gRPC service." }).optional(),
    service: z.string().meta({ proto: 2, description: "The service name sent in the health check; empty asks about the server as a whole." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.GRPCAction", description: "A call to the standard gRPC health checking service." });

const probeHandler: InlineMessage = {
  proto: 1,
  definition: "io.k8s.api.core.v1.ProbeHandler",
  fields: ["exec", "httpGet", "tcpSocket", "grpc"],
};

export const probe = z
  .looseObject({
    exec: execAction.meta({ proto: 1, description: "Run a command in the container; exit status 0 means healthy." }).optional(),
    httpGet: httpGetAction.meta({ proto: 2, description: "Make an HTTP GET request; a status from 200 to 399 means healthy." }).optional(),
    tcpSocket: tcpSocketAction.meta({ proto: 3, description: "Open a TCP connection; connecting means healthy." }).optional(),
    grpc: grpcAction.meta({ proto: 4, description: "Ask a gRPC health service; SERVING means healthy." }).optional(),
    initialDelaySeconds: int.meta({ proto: 2, omitEmpty: true, description: "Seconds after the container starts before the first check." }).optional(),
    timeoutSeconds: int.meta({ proto: 3, omitEmpty: true, description: "Seconds before one check times out; 1 when unset." }).optional(),
    periodSeconds: int.meta({ proto: 4, omitEmpty: true, description: "Seconds between checks; 10 when unset." }).optional(),
    successThreshold: int
      .meta({ proto: 5, omitEmpty: true, description: "Successes in a row after a failure before the probe passes again; 1 when unset, and 1 for liveness and startup probes." })
      .optional(),
    failureThreshold: int.meta({ proto: 6, omitEmpty: true, description: "Failures in a row that make the probe fail; 3 when unset." }).optional(),
    terminationGracePeriodSeconds: int
      .meta({ proto: 7, protoType: "int64", description: "The grace period used when this probe's failure kills the container, instead of the pod's." })
      .optional(),
  })
  .meta({
    definition: "io.k8s.api.core.v1.Probe",
    inline: [probeHandler],
    description: "A health check kubelet repeats against a container: exactly one of exec, httpGet, tcpSocket and grpc.",
  });

const lifecycleHandler = z
  .looseObject({
    exec: execAction.meta({ proto: 1, description: "Run a command in the container." }).optional(),
    httpGet: httpGetAction.meta({ proto: 2, description: "Make an HTTP GET request to the container." }).optional(),
    tcpSocket: tcpSocketAction.meta({ proto: 3, description: "Deprecated: open a TCP connection; kept for compatibility, never run." }).optional(),
    sleep: sleepAction.meta({ proto: 4, description: "Wait some seconds." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.LifecycleHandler", description: "An action run at one point of a container's life: exec, httpGet, tcpSocket or sleep." });

const lifecycle = z
  .looseObject({
    postStart: lifecycleHandler.meta({ proto: 1, description: "Runs right after the container is created; the container is restarted if it fails." }).optional(),
    preStop: lifecycleHandler.meta({ proto: 2, description: "Runs before the container is stopped; its time counts against the grace period." }).optional(),
    stopSignal: f.string(3, "The signal that stops the container, e.g. SIGTERM; the image's, or the runtime's default, when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.Lifecycle", description: "What kubelet does when a container starts and before it stops." });

const containerResizePolicy = z
  .looseObject({
    resourceName: f.string(1, "The resource the policy is for: cpu or memory."),
    restartPolicy: f.string(2, "NotRequired or RestartContainer: what resizing the resource takes; NotRequired when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerResizePolicy", description: "Whether resizing one resource needs a restart." });

const containerRestartRuleOnExitCodes = z
  .looseObject({
    operator: f.string(1, "In or NotIn: how the exit code relates to values."),
    values: f.ints(2, "The exit codes; at most 255.", { listType: "set" }),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes", description: "The exit codes a restart rule matches." });

const containerRestartRule = z
  .looseObject({
    action: f.string(1, "What happens when the rule matches: Restart."),
    exitCodes: f.message(containerRestartRuleOnExitCodes, 2, "The exit codes the rule matches."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ContainerRestartRule", description: "An action taken when the container exits with matching codes." });

const volumeDevice = z
  .looseObject({
    name: f.string(1, "The name of the pod's block volume (a claim's volume)."),
    devicePath: f.string(2, "Where the device appears in the container."),
  })
  .meta({ definition: "io.k8s.api.core.v1.VolumeDevice", description: "A block volume and the device path it appears at." });

export const container = z
  .object({
    name: z.string().meta({ proto: 1, description: "The container's name: a DNS label, unique in the pod, that cannot change." }).optional(),
    image: z.string().meta({ proto: 2, description: "The container image to run." }).optional(),
    command: z
      .array(z.string())
      .meta({ proto: 3, listType: "atomic", description: "The program to run, in place of the image's ENTRYPOINT; $(NAME) references are expanded." })
      .optional(),
    args: z
      .array(z.string())
      .meta({ proto: 4, listType: "atomic", description: "Arguments to the program, in place of the image's CMD; $(NAME) references are expanded." })
      .optional(),
    workingDir: z.string().meta({ proto: 5, description: "The working directory; the image's when unset." }).optional(),
    ports: z
      .array(containerPort)
      .meta({
        proto: 6,
        patchStrategy: "merge",
        patchMergeKey: "containerPort",
        listType: "map",
        listMapKeys: ["containerPort", "protocol"],
        description: "Ports the container listens on. The list informs; a port missing from it can still be reached.",
      })
      .optional(),
    envFrom: z
      .array(envFromSource)
      .meta({ proto: 19, listType: "atomic", description: "Sources whose keys all become environment variables; entries of env win over them." })
      .optional(),
    env: z
      .array(envVar)
      .meta({ proto: 7, patchStrategy: "merge", patchMergeKey: "name", listType: "map", listMapKeys: ["name"], description: "Environment variables to set." })
      .optional(),
    resources: resourceRequirements.meta({ proto: 8, description: "The compute resources the container reserves and may use." }).optional(),
    resizePolicy: z
      .array(containerResizePolicy)
      .meta({ proto: 23, listType: "atomic", description: "How each resource of the container may be resized in place." })
      .optional(),
    restartPolicy: z
      .string()
      .meta({ proto: 24, description: "Overrides the pod's restart policy for this container; on an init container, Always makes it a sidecar." })
      .optional(),
    restartPolicyRules: z
      .array(containerRestartRule)
      .meta({ proto: 25, listType: "atomic", description: "Rules, tried in order, deciding whether the container restarts when it exits." })
      .optional(),
    volumeMounts: z
      .array(volumeMount)
      .meta({
        proto: 9,
        patchStrategy: "merge",
        patchMergeKey: "mountPath",
        listType: "map",
        listMapKeys: ["mountPath"],
        description: "The pod volumes mounted into the container's filesystem.",
      })
      .optional(),
    volumeDevices: z
      .array(volumeDevice)
      .meta({
        proto: 21,
        patchStrategy: "merge",
        patchMergeKey: "devicePath",
        listType: "map",
        listMapKeys: ["devicePath"],
        description: "Block volumes the container sees as raw devices.",
      })
      .optional(),
    livenessProbe: probe.meta({ proto: 10, description: "Checks the container is alive; kubelet restarts it when the check fails." }).optional(),
    readinessProbe: probe.meta({ proto: 11, description: "Checks the container can serve; it leaves service endpoints while the check fails." }).optional(),
    startupProbe: probe.meta({ proto: 22, description: "Checks the container has started; the other probes wait for it to succeed." }).optional(),
    lifecycle: lifecycle.meta({ proto: 12, description: "Actions run after the container starts and before it stops." }).optional(),
    terminationMessagePath: z
      .string()
      .meta({ proto: 13, description: "A file whose content becomes the container's termination message; /dev/termination-log when unset." })
      .optional(),
    terminationMessagePolicy: z
      .string()
      .meta({ proto: 20, description: "File, or FallbackToLogsOnError to use the end of the log when a failed container left the file empty." })
      .optional(),
    imagePullPolicy: z
      .string()
      .meta({ proto: 14, description: "Always, Never or IfNotPresent; Always for :latest or untagged images when unset, else IfNotPresent." })
      .optional(),
    securityContext: securityContext.meta({ proto: 15, description: "Security settings of the container; they override the pod's." }).optional(),
    stdin: z.boolean().meta({ proto: 16, omitEmpty: true, description: "Keep a stdin buffer open for the container." }).optional(),
    stdinOnce: z.boolean().meta({ proto: 17, omitEmpty: true, description: "Close stdin once the first attached client detaches." }).optional(),
    tty: z.boolean().meta({ proto: 18, omitEmpty: true, description: "Give the container a terminal; needs stdin." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Container", description: "One container of a pod: the image it runs and how." });

/**
 * An ephemeral container has a container's fields plus targetContainerName. In protobuf the container's fields
 * sit in an EphemeralContainerCommon message (field 1) with the same numbers as Container's.
 */
export const ephemeralContainer = container
  .extend({
    targetContainerName: z
      .string()
      .meta({ proto: 2, description: "A container of the pod whose namespaces, its process namespace above all, this one joins." })
      .optional(),
  })
  .meta({
    definition: "io.k8s.api.core.v1.EphemeralContainer",
    inline: [{ proto: 1, definition: "io.k8s.api.core.v1.EphemeralContainerCommon", fields: Object.keys(container.shape) }] satisfies InlineMessage[],
    description: "A temporary container added to a running pod, to debug it for instance; it gets no ports, probes or resources.",
  });

export type ContainerPort = z.infer<typeof containerPort>;
export type Container = z.infer<typeof container>;
export type Probe = z.infer<typeof probe>;
