// kubectl 1.35's typed create commands for workloads, services and RBAC (protobuf bodies, protobuf answers),
// and kubectl expose, against the server started as a user does: kubectl prints what it prints against kube,
// and the stored objects are what kube stores, defaults included. Against a plain HTTP listener: the bytes
// kubectl sends decode to the object kubectl prints for --dry-run=client -o json (Go writes the zeros of its
// plain fields on the wire, and leaves them out of JSON).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { decodeKubeObject } from "../../src/api/protobuf/kube-object.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
const ns = "workloads";

beforeAll(async () => {
  server = await startServer();
  await ok("create", "namespace", ns);
});
afterAll(async () => {
  await server?.stop();
});

const ok = (...args: string[]) => server.kubectlOk(args);

async function getJson(...args: string[]): Promise<Record<string, any>> {
  return JSON.parse(await ok("get", ...args, "-o", "json"));
}

/** The fields kube fills in on every create: a uid, a creation time, a resourceVersion. */
function expectServerSetMetadata(metadata: Record<string, unknown>): void {
  expect(metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(metadata.resourceVersion).toMatch(/^\d+$/);
}

/** A container as the pod template defaults leave it. */
const defaultedContainer = (fields: Record<string, unknown>) => ({
  imagePullPolicy: "Always",
  resources: {},
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
  ...fields,
});

/** The pod spec defaults of a template. */
const defaultedPodSpec = (containers: unknown[], restartPolicy: string) => ({
  containers,
  dnsPolicy: "ClusterFirst",
  restartPolicy,
  schedulerName: "default-scheduler",
  securityContext: {},
  terminationGracePeriodSeconds: 30,
});

/** The labels and selector kube gives a Job's pods: its own uid and name. */
function jobLabels(uid: string, name: string) {
  return { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name };
}

function defaultedJobSpec(uid: string, name: string, template: Record<string, unknown>) {
  return {
    backoffLimit: 6,
    completionMode: "NonIndexed",
    completions: 1,
    manualSelector: false,
    parallelism: 1,
    podReplacementPolicy: "TerminatingOrFailed",
    selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
    suspend: false,
    template: { metadata: { labels: jobLabels(uid, name) }, ...template },
  };
}

const clusterIPPattern = /^10\.(9[6-9]|10[0-9]|11[01])\.\d{1,3}\.\d{1,3}$/;

function expectClusterIP(spec: Record<string, any>): void {
  expect(spec.clusterIP).toMatch(clusterIPPattern);
  expect(spec.clusterIPs).toEqual([spec.clusterIP]);
}

function expectNodePort(port: Record<string, any>): void {
  expect(port.nodePort).toBeGreaterThanOrEqual(30000);
  expect(port.nodePort).toBeLessThanOrEqual(32767);
}

describe("kubectl create of workloads, services and RBAC, against the server", () => {
  it("creates a deployment, defaulted as kube defaults it", async () => {
    expect(await ok("create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=80", "-n", ns)).toBe("deployment.apps/web created\n");
    const got = await getJson("deployment", "web", "-n", ns);
    expect(Object.keys(got).sort()).toEqual(["apiVersion", "kind", "metadata", "spec", "status"]);
    expect(got).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", status: {} });
    expect(got.status).toEqual({});
    const { uid, creationTimestamp, resourceVersion, ...metadata } = got.metadata;
    expectServerSetMetadata({ uid, creationTimestamp, resourceVersion });
    expect(metadata).toEqual({ name: "web", namespace: ns, labels: { app: "web" }, generation: 1 });
    expect(got.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: "web" } },
        spec: defaultedPodSpec([defaultedContainer({ name: "nginx", image: "nginx", ports: [{ containerPort: 80, protocol: "TCP" }] })], "Always"),
      },
    });
    const lines = (await ok("get", "deployment", "web", "-n", ns)).trim().split("\n");
    expect(lines[0].split(/\s+/)).toEqual(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
    expect(lines[1].split(/\s+/).slice(0, 4)).toEqual(["web", "0/2", "0", "0"]);
  });

  it("creates a job, with the selector and labels kube generates", async () => {
    expect(await ok("create", "job", "once", "--image=busybox", "-n", ns, "--", "echo", "hi")).toBe("job.batch/once created\n");
    const got = await getJson("job", "once", "-n", ns);
    const { uid } = got.metadata;
    expectServerSetMetadata(got.metadata);
    expect(got.metadata).toMatchObject({ name: "once", namespace: ns, generation: 1, labels: jobLabels(uid, "once") });
    expect(got.metadata.annotations).toBeUndefined();
    expect(got.spec).toEqual(
      defaultedJobSpec(uid, "once", {
        spec: defaultedPodSpec([defaultedContainer({ name: "once", image: "busybox", command: ["echo", "hi"] })], "Never"),
      }),
    );
    expect(got.status).toEqual({});
  });

  it("creates a cronjob, and a job from it", async () => {
    expect(await ok("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "-n", ns, "--", "date")).toBe("cronjob.batch/tick created\n");
    const cron = await getJson("cronjob", "tick", "-n", ns);
    expectServerSetMetadata(cron.metadata);
    expect(cron.metadata).toMatchObject({ name: "tick", namespace: ns, generation: 1 });
    const container = defaultedContainer({ name: "tick", image: "busybox", command: ["date"] });
    expect(cron.spec).toEqual({
      schedule: "*/5 * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { name: "tick" }, spec: { template: { metadata: {}, spec: defaultedPodSpec([container], "OnFailure") } } },
    });
    expect(cron.status).toEqual({});

    expect(await ok("create", "job", "tick-now", "--from=cronjob/tick", "-n", ns)).toBe("job.batch/tick-now created\n");
    const job = await getJson("job", "tick-now", "-n", ns);
    const { uid } = job.metadata;
    expect(job.metadata.annotations).toEqual({ "cronjob.kubernetes.io/instantiate": "manual" });
    // kubectl names the cronjob its controller, without blockOwnerDeletion (that would need cronjobs/finalizers).
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "tick", uid: cron.metadata.uid, controller: true }]);
    expect(job.metadata.labels).toEqual(jobLabels(uid, "tick-now"));
    expect(job.spec).toEqual(defaultedJobSpec(uid, "tick-now", { spec: defaultedPodSpec([container], "OnFailure") }));
  });

  it("creates a ClusterIP service: an address allocated, one IPv4 family", async () => {
    expect(await ok("create", "service", "clusterip", "front", "--tcp=80:8080", "-n", ns)).toBe("service/front created\n");
    const got = await getJson("service", "front", "-n", ns);
    expectServerSetMetadata(got.metadata);
    expect(got.metadata).toMatchObject({ name: "front", namespace: ns, labels: { app: "front" } });
    expect(got.metadata.generation).toBeUndefined();
    const { clusterIP, clusterIPs, ...spec } = got.spec;
    expectClusterIP({ clusterIP, clusterIPs });
    expect(spec).toEqual({
      type: "ClusterIP",
      selector: { app: "front" },
      ports: [{ name: "80-8080", port: 80, protocol: "TCP", targetPort: 8080 }],
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
    expect(got.status).toEqual({ loadBalancer: {} });
  });

  it("creates a headless service", async () => {
    expect(await ok("create", "service", "clusterip", "peers", "--clusterip=None", "-n", ns)).toBe("service/peers created\n");
    const got = await getJson("service", "peers", "-n", ns);
    expect(got.spec).toEqual({
      type: "ClusterIP",
      clusterIP: "None",
      clusterIPs: ["None"],
      selector: { app: "peers" },
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
  });

  it("creates a NodePort service: a node port allocated", async () => {
    expect(await ok("create", "service", "nodeport", "edge", "--tcp=80:8080", "--node-port=30080", "-n", ns)).toBe("service/edge created\n");
    expect(await ok("create", "service", "nodeport", "edge-any", "--tcp=443:8443", "-n", ns)).toBe("service/edge-any created\n");
    const got = await getJson("service", "edge", "-n", ns);
    const { clusterIP, clusterIPs, ...spec } = got.spec;
    expectClusterIP({ clusterIP, clusterIPs });
    expect(spec).toEqual({
      type: "NodePort",
      selector: { app: "edge" },
      ports: [{ name: "80-8080", port: 80, protocol: "TCP", targetPort: 8080, nodePort: 30080 }],
      sessionAffinity: "None",
      externalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
    const any = await getJson("service", "edge-any", "-n", ns);
    expect(any.spec.ports).toEqual([{ name: "443-8443", port: 443, protocol: "TCP", targetPort: 8443, nodePort: expect.any(Number) }]);
    expectNodePort(any.spec.ports[0]);
  });

  it("creates a LoadBalancer service", async () => {
    expect(await ok("create", "service", "loadbalancer", "public", "--tcp=443:8443", "-n", ns)).toBe("service/public created\n");
    const got = await getJson("service", "public", "-n", ns);
    const { clusterIP, clusterIPs, ports, ...spec } = got.spec;
    expectClusterIP({ clusterIP, clusterIPs });
    expect(ports).toEqual([{ name: "443-8443", port: 443, protocol: "TCP", targetPort: 8443, nodePort: expect.any(Number) }]);
    expectNodePort(ports[0]);
    expect(spec).toEqual({
      type: "LoadBalancer",
      selector: { app: "public" },
      sessionAffinity: "None",
      externalTrafficPolicy: "Cluster",
      allocateLoadBalancerNodePorts: true,
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
    expect(got.status).toEqual({ loadBalancer: {} });
  });

  it("creates an ExternalName service: no address, no families", async () => {
    expect(await ok("create", "service", "externalname", "upstream", "--external-name=example.com", "-n", ns)).toBe("service/upstream created\n");
    const got = await getJson("service", "upstream", "-n", ns);
    expect(got.spec).toEqual({ type: "ExternalName", externalName: "example.com", selector: { app: "upstream" }, sessionAffinity: "None" });
    const lines = (await ok("get", "service", "upstream", "-n", ns)).trim().split("\n");
    expect(lines[1].split(/\s+/).slice(0, 5)).toEqual(["upstream", "ExternalName", "<none>", "example.com", "<none>"]);
  });

  it("exposes a deployment as a service", async () => {
    await ok("create", "deployment", "api", "--image=nginx", "-n", ns);
    expect(await ok("expose", "deployment", "api", "--port=8080", "--target-port=80", "-n", ns)).toBe("service/api exposed\n");
    const got = await getJson("service", "api", "-n", ns);
    expect(got.metadata.labels).toEqual({ app: "api" });
    const { clusterIP, clusterIPs, ...spec } = got.spec;
    expectClusterIP({ clusterIP, clusterIPs });
    expect(spec).toEqual({
      type: "ClusterIP",
      selector: { app: "api" },
      ports: [{ port: 8080, protocol: "TCP", targetPort: 80 }],
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
  });

  it("creates a cluster role and a cluster role binding", async () => {
    expect(await ok("create", "clusterrole", "workloads-pod-reader", "--verb=get,list", "--resource=pods,deployments.apps")).toBe(
      "clusterrole.rbac.authorization.k8s.io/workloads-pod-reader created\n",
    );
    const role = await getJson("clusterrole", "workloads-pod-reader");
    expectServerSetMetadata(role.metadata);
    expect(Object.keys(role).sort()).toEqual(["apiVersion", "kind", "metadata", "rules"]);
    expect(role.rules).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"] },
    ]);

    const args = ["--clusterrole=workloads-pod-reader", "--user=alice", "--group=devs", `--serviceaccount=${ns}:default`];
    expect(await ok("create", "clusterrolebinding", "workloads-readers", ...args)).toBe(
      "clusterrolebinding.rbac.authorization.k8s.io/workloads-readers created\n",
    );
    const binding = await getJson("clusterrolebinding", "workloads-readers");
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "workloads-pod-reader" });
    // kube defaults the apiGroup of User and Group subjects; a ServiceAccount's stays empty.
    expect(binding.subjects).toEqual([
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "devs" },
      { kind: "ServiceAccount", name: "default", namespace: ns },
    ]);
    expect((await ok("auth", "can-i", "list", "pods", "-n", ns, "--as=alice")).trim()).toBe("yes");
  });
});

describe("the bytes kubectl sends", () => {
  let listener: Server;
  let url: string;
  let scratch: string;
  const bodies: { path: string; contentType: string; body: Uint8Array }[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "kubectl-create-workloads-"));
    listener = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push({ path: req.url ?? "", contentType: req.headers["content-type"] ?? "", body: new Uint8Array(Buffer.concat(chunks)) });
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ apiVersion: "v1", kind: "Status", status: "Success" }));
      });
    });
    await new Promise<void>((done) => listener.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => listener.close(() => done()));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  function kubectl(args: string[]): Promise<string> {
    const { kubectl } = ensureKubeTools();
    const env = { ...process.env, KUBECONFIG: join(scratch, "no-kubeconfig") };
    return new Promise((done, fail) =>
      execFile(kubectl, args, { env }, (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout))),
    );
  }

  const commands: [string, string, string[]][] = [
    ["apps", "deployments", ["create", "deployment", "wire-web", "-n", "default", "--image=nginx", "--replicas=0", "--port=80"]],
    ["batch", "jobs", ["create", "job", "wire-job", "-n", "default", "--image=busybox", "--", "echo", "hi"]],
    ["batch", "cronjobs", ["create", "cronjob", "wire-cron", "-n", "default", "--image=busybox", "--schedule=@hourly", "--restart=Never"]],
    ["", "services", ["create", "service", "clusterip", "wire-svc", "-n", "default", "--tcp=80:8080", "--tcp=443"]],
    ["", "services", ["create", "service", "nodeport", "wire-np", "-n", "default", "--tcp=80:8080", "--node-port=30001"]],
    ["", "services", ["create", "service", "externalname", "wire-ext", "-n", "default", "--external-name=example.com"]],
    ["rbac.authorization.k8s.io", "clusterrolebindings", ["create", "clusterrolebinding", "wire-rb", "--clusterrole=view", "--user=u", "--serviceaccount=default:sa"]],
    // The kinds whose protobuf numbers were checked against kube's generated.proto (see their unit tests).
    ["networking.k8s.io", "ingresses", ["create", "ingress", "wire-ing", "-n", "default", "--rule=a.example.com/=web:http", "--rule=b.example.com/*=api:8080,tls=cert"]],
    ["policy", "poddisruptionbudgets", ["create", "pdb", "wire-pdb", "-n", "default", "--selector=app=web", "--max-unavailable=0"]],
    ["scheduling.k8s.io", "priorityclasses", ["create", "priorityclass", "wire-pc", "--value=0", "--description=zero"]],
    ["", "resourcequotas", ["create", "quota", "wire-quota", "-n", "default", "--hard=pods=0,cpu=1", "--scopes=BestEffort"]],
  ];

  /** The command with more flags, before a `--` that starts the container's command. */
  const withFlags = (args: string[], ...flags: string[]) => {
    const end = args.includes("--") ? args.indexOf("--") : args.length;
    return [...args.slice(0, end), ...flags, ...args.slice(end)];
  };

  // (create clusterrole is left out: it asks discovery what --resource names, which this listener cannot answer.)
  it.each(commands)("%s %s: %j decodes to what --dry-run=client -o json prints", async (group, plural, args) => {
    const expected = JSON.parse(await kubectl(withFlags(args, "--dry-run=client", "-o", "json")));
    bodies.length = 0;
    await kubectl(withFlags(args, `--server=${url}`)).catch(() => undefined); // the listener's answer need not satisfy kubectl
    expect(bodies).toHaveLength(1);
    const [sent] = bodies;
    expect(sent.contentType).toBe("application/vnd.kubernetes.protobuf");
    expect(sent.path.split("?")[0]).toMatch(new RegExp(`/${plural}$`));
    expect(decodeKubeObject(sent.body, findKind(group, "v1", plural)!)).toEqual({ ok: true, object: expected });
  });
});
