import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { pods } from "./pods.ts";

const now = new Date("2025-03-01T12:00:00Z");
const ctx = { now, user: { name: "admin", groups: [] } };

const manifest = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-0", namespace: "shop", labels: { app: "web" } },
  spec: {
    initContainers: [{ name: "migrate", image: "registry.example.com/shop/migrate:2.1", command: ["/migrate", "--up"] }],
    containers: [
      {
        name: "web",
        image: "nginx:1.27",
        ports: [{ name: "http", containerPort: 8080 }, { containerPort: 9090, protocol: "UDP", hostPort: 9090 }],
        env: [
          { name: "MODE", value: "prod" },
          { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password", optional: true } } },
        ],
        envFrom: [{ configMapRef: { name: "settings" }, prefix: "APP_" }],
        resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "250m" } },
        volumeMounts: [
          { name: "config", mountPath: "/etc/web", readOnly: true },
          { name: "cache", mountPath: "/var/cache/nginx" },
        ],
        livenessProbe: { httpGet: { port: "http", httpHeaders: [{ name: "X-Probe", value: "1" }] }, initialDelaySeconds: 5 },
        readinessProbe: { tcpSocket: { port: 8080 } },
        lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
        securityContext: { runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
      },
    ],
    volumes: [
      { name: "config", configMap: { name: "web-config", items: [{ key: "nginx.conf", path: "nginx.conf" }] } },
      { name: "cache", emptyDir: { sizeLimit: "1Gi" } },
      { name: "token", projected: { sources: [{ serviceAccountToken: { path: "token", audience: "vault" } }] } },
    ],
    nodeSelector: { "kubernetes.io/os": "linux" },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname" } }] } },
    serviceAccountName: "web",
    priorityClassName: "high",
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } }],
  },
};

function parse(body: unknown): KubeObject {
  const result = pods.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  pods.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);

function withSpec(patch: Record<string, unknown>): KubeObject {
  return defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });
}

describe("pods", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's pod and pod spec defaults", () => {
    const s = spec(defaulted());
    expect(s).toMatchObject({
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
    });
    const web = s.containers[0];
    expect(web).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" });
    expect(web.ports.map((p: { protocol: string }) => p.protocol)).toEqual(["TCP", "UDP"]);
    expect(web.resources.requests).toEqual({ cpu: "250m", memory: "256Mi" });
    expect(web.env[1].valueFrom.fieldRef).toEqual({ apiVersion: "v1", fieldPath: "status.podIP" });
    expect(web.livenessProbe).toMatchObject({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(web.livenessProbe.httpGet).toMatchObject({ path: "/", scheme: "HTTP" });
    expect(s.initContainers[0].resources).toEqual({});
    expect(s.volumes[0].configMap.defaultMode).toBe(420);
    expect(s.volumes[2].projected).toMatchObject({ defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3600 } }] });
  });

  it("picks the pull policy from the image tag", () => {
    const policy = (image: string) => spec(withSpec({ containers: [{ name: "c", image }] })).containers[0].imagePullPolicy;
    expect(policy("nginx")).toBe("Always");
    expect(policy("nginx:latest")).toBe("Always");
    expect(policy("localhost:5000/team/app")).toBe("Always");
    expect(policy("nginx:1.27")).toBe("IfNotPresent");
    expect(policy(`nginx@sha256:${"a".repeat(64)}`)).toBe("IfNotPresent");
  });

  it("defaults host ports under host networking and a volume without source to emptyDir", () => {
    const s = spec(withSpec({ hostNetwork: true, containers: [{ name: "c", image: "x:1", ports: [{ containerPort: 80 }] }], volumes: [{ name: "scratch" }] }));
    expect(s.containers[0].ports[0].hostPort).toBe(80);
    expect(s.volumes[0]).toEqual({ name: "scratch", emptyDir: {} });
  });

  it("accepts the realistic manifest", () => {
    expect(pods.validate(defaulted())).toEqual([]);
  });

  it("rejects what kube rejects, with kube's paths", () => {
    expect(show(pods.validate(withSpec({ containers: [] })))).toEqual(["FieldValueRequired spec.containers"]);
    const bad = withSpec({
      containers: [
        { name: "", image: "" },
        { name: "Web", image: " x ", ports: [{ containerPort: 70000, protocol: "HTTP" }] },
        { name: "dup", image: "x", volumeMounts: [{ name: "missing", mountPath: "/a" }] },
        { name: "dup", image: "x" },
      ],
      restartPolicy: "Sometimes",
      volumes: [],
    });
    expect(show(pods.validate(bad))).toEqual([
      "FieldValueRequired spec.containers[0].name",
      "FieldValueRequired spec.containers[0].image",
      "FieldValueInvalid spec.containers[1].name: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "FieldValueInvalid spec.containers[1].image: must not have leading or trailing whitespace",
      "FieldValueInvalid spec.containers[1].ports[0].containerPort: must be between 1 and 65535, inclusive",
      'FieldValueNotSupported spec.containers[1].ports[0].protocol: supported values: "SCTP", "TCP", "UDP"',
      "FieldValueNotFound spec.containers[2].volumeMounts[0].name",
      "FieldValueDuplicate spec.containers[3].name",
      'FieldValueNotSupported spec.restartPolicy: supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it("rejects requests above limits and probes on plain init containers", () => {
    const errors = withSpec({
      initContainers: [{ name: "init", image: "x", livenessProbe: { exec: { command: ["true"] } } }],
      containers: [{ name: "c", image: "x", resources: { limits: { cpu: "1" }, requests: { cpu: "2" } } }],
      volumes: [],
    });
    expect(show(pods.validate(errors))).toEqual([
      "FieldValueInvalid spec.containers[0].resources.requests: must be less than or equal to cpu limit of 1",
      "FieldValueForbidden spec.initContainers[0].livenessProbe: may not be set for init containers without restartPolicy=Always",
    ]);
  });

  it("starts Pending with the QoS class kube computes", () => {
    const qos = (resources: unknown) => {
      const pod = withSpec({ initContainers: [], containers: [{ name: "c", image: "x", resources }], volumes: [] });
      pods.prepareForCreate(pod, ctx);
      return pod.status as { phase: string; qosClass: string };
    };
    expect(qos(undefined)).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    expect(qos({ limits: { cpu: "1", memory: "1Gi" } }).qosClass).toBe("Guaranteed");
    expect(qos({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m" } }).qosClass).toBe("Burstable");
    expect(qos({ requests: { memory: "64Mi" } }).qosClass).toBe("Burstable");
  });

  it("marks a gated pod as not schedulable yet", () => {
    const pod = withSpec({ schedulingGates: [{ name: "example.com/quota" }] });
    pods.prepareForCreate(pod, ctx);
    expect((pod.status as { conditions: unknown[] }).conditions).toEqual([
      { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: "2025-03-01T12:00:00Z", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates" },
    ]);
  });

  it("allows image, deadline and toleration changes, and nothing else", () => {
    const old = defaulted();
    const next = cloneJson(old);
    spec(next).containers[0].image = "nginx:1.28";
    spec(next).activeDeadlineSeconds = 600;
    spec(next).tolerations.push({ key: "spot", operator: "Exists" });
    expect(pods.validateUpdate(next, old)).toEqual([]);

    spec(next).containers[0].ports[0].containerPort = 8081;
    const errors = pods.validateUpdate(next, old);
    expect(errors.map((e) => e.field)).toEqual(["spec"]);
    expect(errors[0].detail).toMatch(/^pod updates may not change fields other than `spec.containers\[\*\].image`/);

    const fewer = cloneJson(old);
    spec(fewer).containers = [];
    expect(show(pods.validateUpdate(fewer, old))).toEqual(["FieldValueForbidden spec.containers: pod updates may not add or remove containers"]);

    const longer = cloneJson(old);
    spec(old).activeDeadlineSeconds = 60;
    spec(longer).activeDeadlineSeconds = 120;
    expect(show(pods.validateUpdate(longer, old))).toEqual(["FieldValueInvalid spec.activeDeadlineSeconds: must be less than or equal to previous value"]);
  });

  it("prints kube's pod row", () => {
    const pod = defaulted();
    pod.metadata.creationTimestamp = "2025-03-01T11:00:00Z";
    pod.spec = { ...spec(pod), nodeName: "node-1", readinessGates: [{ conditionType: "example.com/lb" }] };
    pod.status = {
      phase: "Running",
      podIPs: [{ ip: "10.0.0.7" }],
      conditions: [{ type: "Ready", status: "True" }, { type: "example.com/lb", status: "True" }],
      initContainerStatuses: [{ name: "migrate", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      containerStatuses: [
        { name: "web", ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: "2025-03-01T11:55:00Z" } } },
      ],
    };
    expect(pods.table.cells(pod, { now })).toEqual(["web-0", "1/1", "Running", "2 (5m ago)", "60m", "10.0.0.7", "node-1", "<none>", "1/1"]);

    pod.status = { phase: "Pending", initContainerStatuses: [{ name: "migrate", state: { waiting: { reason: "ImagePullBackOff" } } }] };
    expect(pods.table.cells(pod, { now }).slice(0, 4)).toEqual(["web-0", "0/1", "Init:ImagePullBackOff", "0"]);
    pod.status = { phase: "Running", containerStatuses: [{ name: "web", state: { waiting: { reason: "CrashLoopBackOff" } } }] };
    pod.metadata.deletionTimestamp = "2025-03-01T11:59:00Z";
    expect(pods.table.cells(pod, { now })[2]).toBe("Terminating");
    expect(pods.table.columns.map((c) => c.name)).toEqual(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"]);
  });

  it("answers kube's pod field selectors", () => {
    const pod = defaulted();
    pod.status = { phase: "Running", podIPs: [{ ip: "10.0.0.7" }] };
    const f = pods.fieldSelectors;
    expect([f["spec.restartPolicy"](pod), f["spec.hostNetwork"](pod), f["status.phase"](pod), f["status.podIP"](pod), f["spec.nodeName"](pod)]).toEqual([
      "Always",
      "false",
      "Running",
      "10.0.0.7",
      "",
    ]);
  });
});
