// Pods and the workload kinds through protobuf and back: rich objects (volumes of many sources, probes of
// every handler, security contexts, affinity, spreading, env sources, statuses with conditions) come back
// from encodeKubeObject -> decodeKubeObject exactly as they went in, so no field a Go client sends is lost.
// One object is also checked byte by byte against kube's field numbers, as client-go would write it. The zero
// values Go writes for its plain (non-pointer, omitempty) fields decode to nothing, as in Go's JSON; so the
// objects leave those fields out or set them, and keep the zeros of pointers (collisionCount: 0).

import { describe, expect, it } from "vitest";
import { findKind } from "../../resources/catalog.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import { decodeEnvelope, encodeEnvelope } from "./envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "./kube-object.ts";
import { WireType, WireWriter } from "./wire.ts";

const kind = (group: string, plural: string): KindDefinition => findKind(group, "v1", plural)!;

const t0 = "2025-03-04T05:06:07Z";
const t1 = "2025-03-04T05:07:30Z";

const metadata = (name: string) => ({
  name,
  namespace: "team-a",
  uid: "1d1f5a52-8a43-4c57-9a8f-3f0b5a1e2c11",
  resourceVersion: "812",
  generation: 4,
  creationTimestamp: t0,
  labels: { app: "web" },
  annotations: { "example.com/owner": "team-a" },
});

const selectorTerm = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front", "edge"] }] };

const container = {
  name: "web",
  image: "registry.example.com/web:1.4.2",
  command: ["/bin/web"],
  args: ["--port=8080", "--verbose"],
  workingDir: "/srv",
  ports: [
    { name: "http", containerPort: 8080, protocol: "TCP" },
    { name: "metrics", containerPort: 9090, hostPort: 19090, hostIP: "10.0.0.1", protocol: "UDP" },
  ],
  envFrom: [{ prefix: "CFG_", configMapRef: { name: "web-config", optional: true } }, { secretRef: { name: "web-secrets" } }],
  env: [
    { name: "MODE", value: "production" },
    { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    { name: "CPU_LIMIT", valueFrom: { resourceFieldRef: { containerName: "web", resource: "limits.cpu", divisor: "1m" } } },
    { name: "LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "level", optional: false } } },
    { name: "TOKEN", valueFrom: { secretKeyRef: { name: "web-secrets", key: "token" } } },
    { name: "FROM_FILE", valueFrom: { fileKeyRef: { volumeName: "scratch", path: "env/vars", key: "A", optional: true } } },
  ],
  resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "250m", memory: "128Mi" }, claims: [{ name: "gpu", request: "one" }] },
  resizePolicy: [
    { resourceName: "cpu", restartPolicy: "NotRequired" },
    { resourceName: "memory", restartPolicy: "RestartContainer" },
  ],
  volumeMounts: [
    { name: "config", mountPath: "/etc/web", readOnly: true },
    { name: "scratch", mountPath: "/tmp/scratch", subPathExpr: "$(POD_NAME)", mountPropagation: "None", recursiveReadOnly: "Disabled" },
  ],
  volumeDevices: [{ name: "raw", devicePath: "/dev/xvdb" }],
  livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
  readinessProbe: {
    httpGet: { path: "/ready", port: "http", host: "localhost", scheme: "HTTPS", httpHeaders: [{ name: "X-Probe", value: "1" }] },
    periodSeconds: 5,
  },
  startupProbe: { tcpSocket: { port: 8080, host: "127.0.0.1" }, failureThreshold: 30, terminationGracePeriodSeconds: 12 },
  lifecycle: {
    postStart: { exec: { command: ["/bin/warm-up"] } },
    preStop: { sleep: { seconds: 5 } },
    stopSignal: "SIGUSR1",
  },
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "FallbackToLogsOnError",
  imagePullPolicy: "IfNotPresent",
  securityContext: {
    capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
    privileged: false,
    seLinuxOptions: { user: "system_u", role: "system_r", type: "container_t", level: "s0:c1,c2" },
    runAsUser: 1000,
    runAsGroup: 3000,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    procMount: "Default",
    seccompProfile: { type: "Localhost", localhostProfile: "profiles/web.json" },
    appArmorProfile: { type: "RuntimeDefault" },
  },
  stdin: true,
};

const sidecar = {
  name: "proxy",
  image: "registry.example.com/proxy:2",
  restartPolicy: "Always",
  restartPolicyRules: [{ action: "Restart", exitCodes: { operator: "In", values: [42, 43] } }],
  readinessProbe: { grpc: { port: 9901, service: "proxy" } },
  lifecycle: { preStop: { httpGet: { path: "/drain", port: 9901 } }, postStart: { tcpSocket: { port: "admin" } } },
  securityContext: { windowsOptions: { gmsaCredentialSpecName: "spec", runAsUserName: "ContainerUser", hostProcess: false } },
  resources: {},
};

const podSpec = {
  volumes: [
    { name: "config", configMap: { name: "web-config", items: [{ key: "app.yaml", path: "app.yaml", mode: 0o400 }], defaultMode: 0o644, optional: false } },
    { name: "creds", secret: { secretName: "web-secrets", defaultMode: 0o440, optional: true } },
    { name: "scratch", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
    { name: "empty", emptyDir: {} },
    { name: "logs", hostPath: { path: "/var/log/web", type: "DirectoryOrCreate" } },
    { name: "data", persistentVolumeClaim: { claimName: "web-data", readOnly: true } },
    { name: "info", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "cpu", resourceFieldRef: { containerName: "web", resource: "requests.cpu", divisor: "1m" } }], defaultMode: 0o444 } },
    {
      name: "projected",
      projected: {
        defaultMode: 0o420,
        sources: [
          { secret: { name: "tls", items: [{ key: "tls.crt", path: "cert.pem" }], optional: false } },
          { configMap: { name: "ca", optional: true } },
          { downwardAPI: { items: [{ path: "name", fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } }] } },
          { serviceAccountToken: { audience: "vault", expirationSeconds: 7200, path: "token" } },
          { clusterTrustBundle: { signerName: "example.com/signer", labelSelector: { matchLabels: { trust: "yes" } }, optional: true, path: "bundle.pem" } },
          { podCertificate: { signerName: "example.com/pods", keyType: "ED25519", maxExpirationSeconds: 86400, credentialBundlePath: "creds.pem", userAnnotations: { team: "a" } } },
        ],
      },
    },
    { name: "nfs", nfs: { server: "nfs.example.com", path: "/exports/web", readOnly: true } },
    { name: "iscsi", iscsi: { targetPortal: "10.0.0.9:3260", iqn: "iqn.2001-04.com.example:disk", lun: 0, iscsiInterface: "default", portals: ["10.0.0.10:3260"], chapAuthSession: true, secretRef: { name: "chap" } } },
    { name: "csi", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "web" }, nodePublishSecretRef: { name: "csi-creds" } } },
    { name: "raw", ephemeral: { volumeClaimTemplate: { metadata: { labels: { scratch: "true" } }, spec: { accessModes: ["ReadWriteOnce"], volumeMode: "Block", storageClassName: "fast", resources: { requests: { storage: "10Gi" } } } } } },
    { name: "model", image: { reference: "registry.example.com/model:v3", pullPolicy: "IfNotPresent" } },
    { name: "fc", fc: { targetWWNs: ["500a0982991b8dc5"], lun: 2, fsType: "xfs" } },
    { name: "git", gitRepo: { repository: "https://example.com/repo.git", revision: "main", directory: "." } },
    { name: "flex", flexVolume: { driver: "example.com/flex", options: { a: "b" }, secretRef: { name: "flex" } } },
    { name: "disk", azureDisk: { diskName: "d1", diskURI: "https://disk", cachingMode: "ReadOnly", kind: "Managed", readOnly: true } },
    { name: "ebs", awsElasticBlockStore: { volumeID: "vol-1", fsType: "ext4", partition: 1 } },
    { name: "cephfs", cephfs: { monitors: ["10.0.0.1:6789"], path: "/", user: "admin", secretRef: { name: "ceph" } } },
    { name: "sio", scaleIO: { gateway: "https://sio", system: "sys", secretRef: { name: "sio" }, sslEnabled: true, readOnly: true } },
  ],
  initContainers: [sidecar],
  containers: [container],
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 45,
  activeDeadlineSeconds: 3600,
  dnsPolicy: "None",
  dnsConfig: { nameservers: ["10.96.0.10"], searches: ["team-a.svc.cluster.local"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] },
  nodeSelector: { "kubernetes.io/os": "linux" },
  serviceAccountName: "web",
  automountServiceAccountToken: false,
  nodeName: "node-1",
  shareProcessNamespace: true,
  securityContext: {
    runAsUser: 1000,
    runAsGroup: 3000,
    runAsNonRoot: true,
    fsGroup: 2000,
    fsGroupChangePolicy: "OnRootMismatch",
    supplementalGroups: [4000, 4294967296],
    supplementalGroupsPolicy: "Strict",
    sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
    seccompProfile: { type: "RuntimeDefault" },
    seLinuxChangePolicy: "MountOption",
  },
  imagePullSecrets: [{ name: "registry" }],
  hostname: "web-0",
  subdomain: "web",
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["a", "b"] }], matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["node-9"] }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: "disk", operator: "Exists" }] } }],
    },
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selectorTerm, topologyKey: "kubernetes.io/hostname", namespaces: ["team-a"] }] },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { labelSelector: { matchLabels: { app: "web" } }, namespaceSelector: {}, topologyKey: "topology.kubernetes.io/zone", matchLabelKeys: ["pod-template-hash"], mismatchLabelKeys: ["tenant"] },
        },
      ],
    },
  },
  schedulerName: "default-scheduler",
  tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoExecute", tolerationSeconds: 300 }],
  hostAliases: [{ ip: "10.1.2.3", hostnames: ["db.local", "cache.local"] }],
  priorityClassName: "high",
  priority: 1000,
  readinessGates: [{ conditionType: "example.com/ready" }],
  runtimeClassName: "gvisor",
  enableServiceLinks: false,
  preemptionPolicy: "Never",
  overhead: { cpu: "100m" },
  topologySpreadConstraints: [
    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } }, minDomains: 2, nodeAffinityPolicy: "Honor", nodeTaintsPolicy: "Ignore", matchLabelKeys: ["pod-template-hash"] },
  ],
  setHostnameAsFQDN: true,
  os: { name: "linux" },
  hostUsers: false,
  schedulingGates: [{ name: "example.com/quota" }],
  resourceClaims: [{ name: "gpu", resourceClaimTemplateName: "gpu-template" }],
  resources: { limits: { memory: "1Gi" } },
  workloadRef: { name: "training", podGroup: "workers", podGroupReplicaKey: "0" },
};

const containerStatus = (name: string, image: string) => ({
  name,
  state: { running: { startedAt: t1 } },
  lastState: { terminated: { exitCode: 137, signal: 9, reason: "OOMKilled", message: "out of memory", startedAt: t0, finishedAt: t1, containerID: "containerd://abc" } },
  ready: true,
  restartCount: 1,
  image,
  imageID: "registry.example.com/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  containerID: "containerd://def",
  started: true,
  allocatedResources: { cpu: "250m" },
  resources: { requests: { cpu: "250m" } },
  volumeMounts: [{ name: "config", mountPath: "/etc/web", readOnly: true, recursiveReadOnly: "Disabled" }],
  user: { linux: { uid: 1000, gid: 3000, supplementalGroups: [4000] } },
  allocatedResourcesStatus: [{ name: "claim:gpu/one", resources: [{ resourceID: "gpu-0", health: "Healthy" }] }],
  stopSignal: "SIGTERM",
});

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: metadata("web-0"),
  spec: podSpec,
  status: {
    observedGeneration: 4,
    phase: "Running",
    conditions: [
      { type: "PodScheduled", status: "True", lastTransitionTime: t0 },
      { type: "Ready", status: "False", observedGeneration: 4, lastProbeTime: t1, lastTransitionTime: t1, reason: "ContainersNotReady", message: "containers with unready status: [web]" },
    ],
    message: "running",
    nominatedNodeName: "node-2",
    hostIP: "10.0.0.1",
    hostIPs: [{ ip: "10.0.0.1" }, { ip: "fd00::1" }],
    podIP: "10.244.1.7",
    podIPs: [{ ip: "10.244.1.7" }, { ip: "fd00:10:244::7" }],
    startTime: t0,
    initContainerStatuses: [{ ...containerStatus("proxy", "registry.example.com/proxy:2"), state: { waiting: { reason: "PodInitializing", message: "starting" } } }],
    containerStatuses: [containerStatus("web", "registry.example.com/web:1.4.2")],
    qosClass: "Burstable",
    resourceClaimStatuses: [{ name: "gpu", resourceClaimName: "web-0-gpu-x7k2" }],
    extendedResourceClaimStatus: { requestMappings: [{ containerName: "web", resourceName: "example.com/gpu", requestName: "container-0-request-0" }], resourceClaimName: "web-0-extended" },
    allocatedResources: { memory: "1Gi" },
    resources: { limits: { memory: "1Gi" } },
  },
};

const template = { metadata: { labels: { app: "web" }, annotations: { "example.com/rev": "7" }, finalizers: ["example.com/keep"] }, spec: podSpec };

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: metadata("web"),
  spec: { replicas: 3, selector: selectorTerm, template, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 } }, minReadySeconds: 5, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
  status: {
    observedGeneration: 4,
    replicas: 3,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    terminatingReplicas: 1,
    conditions: [
      { type: "Available", status: "True", lastUpdateTime: t0, lastTransitionTime: t0, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." },
      { type: "Progressing", status: "True", lastUpdateTime: t1, lastTransitionTime: t0, reason: "ReplicaSetUpdated", message: 'ReplicaSet "web-7d9f" is progressing.' },
    ],
    collisionCount: 1,
  },
};

const claimTemplate = {
  metadata: { name: "data", labels: { app: "web" } },
  spec: {
    accessModes: ["ReadWriteOnce"],
    selector: { matchLabels: { tier: "ssd" } },
    resources: { requests: { storage: "20Gi" }, limits: { storage: "40Gi" } },
    storageClassName: "fast",
    volumeMode: "Filesystem",
    dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap-1" },
    dataSourceRef: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap-1", namespace: "team-b" },
    volumeAttributesClassName: "gold",
  },
  status: {
    phase: "Bound",
    accessModes: ["ReadWriteOnce"],
    capacity: { storage: "20Gi" },
    conditions: [{ type: "Resizing", status: "True", lastProbeTime: t0, lastTransitionTime: t0, reason: "Expand", message: "resizing" }],
    allocatedResources: { storage: "40Gi" },
    allocatedResourceStatuses: { storage: "ControllerResizeInProgress" },
    currentVolumeAttributesClassName: "silver",
    modifyVolumeStatus: { targetVolumeAttributesClassName: "gold", status: "InProgress" },
  },
};

const statefulSet = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: metadata("db"),
  spec: {
    replicas: 3,
    selector: selectorTerm,
    template,
    volumeClaimTemplates: [claimTemplate],
    serviceName: "db",
    podManagementPolicy: "Parallel",
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1, maxUnavailable: "50%" } },
    revisionHistoryLimit: 5,
    minReadySeconds: 10,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
    ordinals: { start: 1 },
  },
  status: {
    observedGeneration: 4,
    replicas: 3,
    readyReplicas: 2,
    currentReplicas: 1,
    updatedReplicas: 2,
    currentRevision: "db-5c6d",
    updateRevision: "db-7f8a",
    collisionCount: 0,
    conditions: [{ type: "Example", status: "Unknown", lastTransitionTime: t1, reason: "Probing", message: "checking" }],
    availableReplicas: 2,
  },
};

const jobSpec = {
  parallelism: 4,
  completions: 8,
  activeDeadlineSeconds: 7200,
  podFailurePolicy: {
    rules: [
      { action: "FailJob", onExitCodes: { containerName: "web", operator: "In", values: [1, 2, 3] } },
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] },
    ],
  },
  successPolicy: { rules: [{ succeededIndexes: "0,2-4", succeededCount: 2 }] },
  backoffLimitPerIndex: 1,
  maxFailedIndexes: 3,
  selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "1d1f" } },
  manualSelector: false,
  template: { ...template, spec: { ...podSpec, restartPolicy: "Never" } },
  ttlSecondsAfterFinished: 600,
  completionMode: "Indexed",
  suspend: false,
  podReplacementPolicy: "Failed",
  managedBy: "kubernetes.io/job-controller",
};

const job = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: metadata("train"),
  spec: jobSpec,
  status: {
    conditions: [{ type: "FailureTarget", status: "True", lastProbeTime: t1, lastTransitionTime: t1, reason: "PodFailurePolicy", message: "container web failed" }],
    startTime: t0,
    completionTime: t1,
    active: 2,
    succeeded: 5,
    failed: 1,
    terminating: 1,
    completedIndexes: "0-4",
    failedIndexes: "6",
    uncountedTerminatedPods: { succeeded: ["uid-a"], failed: ["uid-b", "uid-c"] },
    ready: 2,
  },
};

const cronJob = {
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: metadata("nightly"),
  spec: {
    schedule: "0 3 * * *",
    timeZone: "Europe/Berlin",
    startingDeadlineSeconds: 300,
    concurrencyPolicy: "Forbid",
    suspend: false,
    jobTemplate: { metadata: { labels: { app: "nightly" } }, spec: jobSpec },
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
  },
  status: {
    active: [{ kind: "Job", namespace: "team-a", name: "nightly-29012345", uid: "u-9", apiVersion: "batch/v1", resourceVersion: "77" }],
    lastScheduleTime: t0,
    lastSuccessfulTime: t1,
  },
};

const daemonSet = {
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: metadata("agent"),
  spec: { selector: selectorTerm, template, updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
  status: {
    currentNumberScheduled: 5,
    numberMisscheduled: 0,
    desiredNumberScheduled: 5,
    numberReady: 4,
    observedGeneration: 4,
    updatedNumberScheduled: 5,
    numberAvailable: 4,
    numberUnavailable: 1,
    collisionCount: 0,
    conditions: [{ type: "Example", status: "False", lastTransitionTime: t0, reason: "None", message: "none" }],
  },
};

const replicaSet = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: metadata("web-7d9f"),
  spec: { replicas: 3, minReadySeconds: 5, selector: selectorTerm, template },
  status: {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    terminatingReplicas: 0,
    observedGeneration: 4,
    conditions: [{ type: "ReplicaFailure", status: "True", lastTransitionTime: t1, reason: "FailedCreate", message: "quota exceeded" }],
  },
};

const objects: [KindDefinition, Record<string, unknown>][] = [
  [kind("", "pods"), pod],
  [kind("apps", "deployments"), deployment],
  [kind("apps", "replicasets"), replicaSet],
  [kind("apps", "statefulsets"), statefulSet],
  [kind("apps", "daemonsets"), daemonSet],
  [kind("batch", "jobs"), job],
  [kind("batch", "cronjobs"), cronJob],
];

describe("Pod and the workload kinds through protobuf and back", () => {
  it.each(objects.map(([def, object]) => [def.kind, def, object] as const))("%s round-trips JSON -> protobuf -> JSON unchanged", (_, def, object) => {
    expect(decodeKubeObject(encodeKubeObject(object, def), def)).toEqual({ ok: true, object });
  });

  it("every object's JSON passes its kind's schema", () => {
    for (const [def, object] of objects) expect(def.schema.safeParse(object).error).toBeUndefined();
  });

  it("writes a volume source inside the embedded VolumeSource, with kube's numbers", () => {
    const def = kind("", "pods");
    const object = {
      apiVersion: "v1",
      kind: "Pod",
      spec: {
        volumes: [{ name: "config", configMap: { name: "web-config", defaultMode: 420 } }],
        securityContext: { runAsUser: 1000 },
      },
    };
    const message = (build: (w: WireWriter) => void) => {
      const w = new WireWriter();
      build(w);
      return w.finish();
    };
    // PodSpec: volumes = 1 {name = 1, VolumeSource = 2 {configMap = 19 {LocalObjectReference = 1 {name = 1}, defaultMode = 3}}}; securityContext = 14 {runAsUser = 2}
    const configMap = message((w) => {
      w.tag(1, WireType.bytes).bytes(message((r) => r.tag(1, WireType.bytes).string("web-config")));
      w.tag(3, WireType.varint).int32(420);
    });
    const volume = message((w) => {
      w.tag(1, WireType.bytes).string("config");
      w.tag(2, WireType.bytes).bytes(message((s) => s.tag(19, WireType.bytes).bytes(configMap)));
    });
    const spec = message((w) => {
      w.tag(1, WireType.bytes).bytes(volume);
      w.tag(14, WireType.bytes).bytes(message((s) => s.tag(2, WireType.varint).int64(1000)));
    });
    const envelope = decodeEnvelope(encodeKubeObject(object, def));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(envelope.envelope.raw).toEqual(message((w) => w.tag(2, WireType.bytes).bytes(spec)));
  });

  it("leaves out the zeros Go writes for plain omitempty fields, and keeps a pointer's zero", () => {
    const def = kind("apps", "deployments");
    const message = (build: (w: WireWriter) => void) => {
      const w = new WireWriter();
      build(w);
      return w.finish();
    };
    // What client-go writes for a Deployment with replicas: 0 (a pointer) and nothing else set: every plain
    // field, zero or empty, is on the wire. Container: name = 1, image = 2, ports = 6 {hostPort = 2,
    // containerPort = 3}, stdin = 16, stdinOnce = 17, tty = 18; PodSpec: containers = 2, hostNetwork = 11,
    // hostPID = 12, hostIPC = 13; template = 3 {metadata = 1 {generation = 7}, spec = 2}; DeploymentSpec:
    // replicas = 1, minReadySeconds = 5, paused = 7.
    const container = message((w) => {
      w.tag(1, WireType.bytes).string("web").tag(2, WireType.bytes).string("nginx");
      w.tag(6, WireType.bytes).bytes(message((p) => p.tag(2, WireType.varint).int32(0).tag(3, WireType.varint).int32(0)));
      for (const field of [16, 17, 18]) w.tag(field, WireType.varint).bool(false);
    });
    const podSpec = message((w) => {
      w.tag(2, WireType.bytes).bytes(container);
      for (const field of [11, 12, 13]) w.tag(field, WireType.varint).bool(false);
    });
    const template = message((w) => {
      w.tag(1, WireType.bytes).bytes(message((m) => m.tag(7, WireType.varint).int64(0)));
      w.tag(2, WireType.bytes).bytes(podSpec);
    });
    const spec = message((w) => {
      w.tag(1, WireType.varint).int32(0).tag(3, WireType.bytes).bytes(template);
      w.tag(5, WireType.varint).int32(0).tag(7, WireType.varint).bool(false);
    });
    const bytes = encodeEnvelope({ apiVersion: "apps/v1", kind: "Deployment" }, message((w) => w.tag(2, WireType.bytes).bytes(spec)));
    expect(decodeKubeObject(bytes, def)).toEqual({
      ok: true,
      object: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        spec: { replicas: 0, template: { metadata: {}, spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 0 }] }] } } },
      },
    });
  });
});
