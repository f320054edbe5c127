// kube's default admission of pods: ServiceAccount (the account, its token volume, its pull secrets, its
// mountable-secrets limit, mirror pods), DefaultTolerationSeconds and Priority.
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const tokenPath = "/var/run/secrets/kubernetes.io/serviceaccount";
const pod = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, ...metadata },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});
const create = (ns: string, body: unknown, query = "") => api("POST", `/api/v1/namespaces/${ns}/pods${query}`, body);

describe("ServiceAccount admission", () => {
  it("runs a pod as `default` and mounts the projected token volume in every container", async () => {
    const ns = await freshNamespace();
    const res = await create(ns, pod("web", { initContainers: [{ name: "init", image: "busybox" }] }));
    expect(res.status).toBe(201);
    const spec = res.body.spec;
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.serviceAccount).toBe("default");
    expect(spec.volumes).toHaveLength(1);
    const volume = spec.volumes[0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
    });
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath: tokenPath }]);
    }
    // What admission adds belongs to no field manager.
    const owned = JSON.stringify(res.body.metadata.managedFields);
    expect(owned).not.toContain("kube-api-access");
    expect(owned).not.toContain("f:volumes");
    // And it is stored as answered.
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods/web`)).body.spec.volumes).toEqual(spec.volumes);
  });

  it("does not mount a token when the pod or its account opts out, or a container has something at the path", async () => {
    const ns = await freshNamespace();
    const optOut = await create(ns, pod("a", { automountServiceAccountToken: false }));
    expect(optOut.body.spec.volumes).toBeUndefined();
    expect(optOut.body.spec.containers[0].volumeMounts).toBeUndefined();

    expect((await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: "quiet" }, automountServiceAccountToken: false })).status).toBe(201);
    expect((await create(ns, pod("b", { serviceAccountName: "quiet" }))).body.spec.volumes).toBeUndefined();
    const podWins = await create(ns, pod("c", { serviceAccountName: "quiet", automountServiceAccountToken: true }));
    expect(podWins.body.spec.volumes[0].name).toMatch(/^kube-api-access-/);

    const own = await create(
      ns,
      pod("d", {
        containers: [
          { name: "own", image: "nginx", volumeMounts: [{ name: "mine", mountPath: tokenPath }] },
          { name: "other", image: "nginx" },
        ],
        volumes: [{ name: "mine", emptyDir: {} }],
      }),
    );
    expect(own.status).toBe(201);
    const [first, second] = own.body.spec.containers;
    expect(first.volumeMounts).toEqual([{ name: "mine", mountPath: tokenPath }]);
    expect(second.volumeMounts[0].mountPath).toBe(tokenPath);
    expect(own.body.spec.volumes.map((v: { name: string }) => v.name)).toEqual(["mine", second.volumeMounts[0].name]);
  });

  it("refuses a pod whose service account does not exist, and stores nothing", async () => {
    const ns = await freshNamespace();
    const res = await create(ns, pod("web", { serviceAccountName: "ghost" }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      kind: "Status",
      reason: "Forbidden",
      message: `pods "web" is forbidden: error looking up service account ${ns}/ghost: serviceaccount "ghost" not found`,
      details: { name: "web", kind: "pods" },
    });
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods/web`)).status).toBe(404);
  });

  it("copies the account's image pull secrets to a pod that has none", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: "puller" }, imagePullSecrets: [{ name: "registry" }] });
    expect((await create(ns, pod("a", { serviceAccountName: "puller" }))).body.spec.imagePullSecrets).toEqual([{ name: "registry" }]);
    const own = await create(ns, pod("b", { serviceAccountName: "puller", imagePullSecrets: [{ name: "mine" }] }));
    expect(own.body.spec.imagePullSecrets).toEqual([{ name: "mine" }]);
  });

  it("limits a pod to its account's secrets when the account enforces mountable secrets", async () => {
    const ns = await freshNamespace();
    const account = { metadata: { name: "strict", annotations: { "kubernetes.io/enforce-mountable-secrets": "true" } }, secrets: [{ name: "allowed" }] };
    expect((await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, account)).status).toBe(201);
    const allowed = pod("ok", { serviceAccountName: "strict", volumes: [{ name: "s", secret: { secretName: "allowed" } }] });
    expect((await create(ns, allowed)).status).toBe(201);
    const volume = await create(ns, pod("vol", { serviceAccountName: "strict", volumes: [{ name: "s", secret: { secretName: "other" } }] }));
    expect(volume.status).toBe(403);
    expect(volume.body.message).toBe(`pods "vol" is forbidden: volume with secret.secretName="other" is not allowed because service account strict does not reference that secret`);
    const env = await create(ns, pod("env", { serviceAccountName: "strict", containers: [{ name: "app", image: "nginx", env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "other", key: "k" } } }] }] }));
    expect(env.body.message).toBe(`pods "env" is forbidden: container app with envVar PW referencing secret.secretName="other" is not allowed because service account strict does not reference that secret`);
    const pull = await create(ns, pod("pull", { serviceAccountName: "strict", imagePullSecrets: [{ name: "reg" }] }));
    expect(pull.body.message).toBe(`pods "pull" is forbidden: imagePullSecrets[0].name="reg" is not allowed because service account strict does not reference that imagePullSecret`);
  });

  it("leaves mirror pods as they are, and refuses one that references an account or a secret", async () => {
    const ns = await freshNamespace();
    const mirror = { "kubernetes.io/config.mirror": "abc" };
    const plain = await create(ns, pod("m1", {}, { annotations: mirror }));
    expect(plain.status).toBe(201);
    expect(plain.body.spec.serviceAccountName).toBeUndefined();
    expect(plain.body.spec.volumes).toBeUndefined();
    const named = await create(ns, pod("m2", { serviceAccountName: "default" }, { annotations: mirror }));
    expect(named.status).toBe(403);
    expect(named.body.message).toBe(`pods "m2" is forbidden: a mirror pod may not reference service accounts`);
    const secret = await create(ns, pod("m3", { volumes: [{ name: "s", secret: { secretName: "x" } }] }, { annotations: mirror }));
    expect(secret.body.message).toBe(`pods "m3" is forbidden: a mirror pod may not reference secrets`);
  });

  it("admits a dry-run create the same way, and stores nothing", async () => {
    const ns = await freshNamespace();
    const res = await create(ns, pod("dry"), "?dryRun=All");
    expect(res.status).toBe(201);
    expect(res.body.spec.volumes[0].name).toMatch(/^kube-api-access-/);
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods/dry`)).status).toBe(404);
  });
});

describe("DefaultTolerationSeconds admission", () => {
  const notReady = { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };
  const unreachable = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };

  it("adds 300-second tolerations of the not-ready and unreachable taints, unless already tolerated", async () => {
    const ns = await freshNamespace();
    expect((await create(ns, pod("a"))).body.spec.tolerations).toEqual([notReady, unreachable]);
    const own = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 };
    expect((await create(ns, pod("b", { tolerations: [own] }))).body.spec.tolerations).toEqual([own, notReady]);
    const everything = { operator: "Exists" };
    expect((await create(ns, pod("c", { tolerations: [everything] }))).body.spec.tolerations).toEqual([everything]);
  });

  it("keeps them through an update whose body leaves them out", async () => {
    const ns = await freshNamespace();
    const created = (await create(ns, pod("a"))).body;
    const { tolerations: _t, priority: _p, preemptionPolicy: _pp, ...rest } = created.spec;
    const body = { ...created, metadata: { ...created.metadata, labels: { changed: "yes" } }, spec: rest };
    const res = await api("PUT", `/api/v1/namespaces/${ns}/pods/a`, body);
    expect(res.status).toBe(200);
    expect(res.body.spec.tolerations).toEqual([notReady, unreachable]);
    expect(res.body.spec.priority).toBe(0);
    expect(res.body.spec.preemptionPolicy).toBe("PreemptLowerPriority");
    expect(res.body.metadata.labels).toEqual({ changed: "yes" });
  });
});

describe("Priority admission", () => {
  it("gives a pod without a class priority 0 and PreemptLowerPriority", async () => {
    const ns = await freshNamespace();
    const spec = (await create(ns, pod("a"))).body.spec;
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe("PreemptLowerPriority");
    expect(spec.priorityClassName).toBeUndefined();
  });

  it("takes priority and preemption policy from the named class", async () => {
    const ns = await freshNamespace();
    const pc = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: `calm-${ns}` }, value: 1000, preemptionPolicy: "Never" };
    expect((await api("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", pc)).status).toBe(201);
    const spec = (await create(ns, pod("a", { priorityClassName: `calm-${ns}` }))).body.spec;
    expect(spec).toMatchObject({ priority: 1000, preemptionPolicy: "Never", priorityClassName: `calm-${ns}` });
    const critical = (await create(ns, pod("b", { priorityClassName: "system-cluster-critical" }))).body.spec;
    expect(critical).toMatchObject({ priority: 2000000000, preemptionPolicy: "PreemptLowerPriority" });
  });

  it("refuses an unknown class, or a priority or policy that disagrees with the class", async () => {
    const ns = await freshNamespace();
    const unknown = await create(ns, pod("a", { priorityClassName: "nope" }));
    expect(unknown.status).toBe(403);
    expect(unknown.body.message).toBe(`pods "a" is forbidden: no PriorityClass with name nope was found`);
    const wrong = await create(ns, pod("b", { priority: 5 }));
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe(`pods "b" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name`);
    const policy = await create(ns, pod("c", { preemptionPolicy: "Never" }));
    expect(policy.body.message).toBe(`pods "c" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name`);
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods`)).body.items).toEqual([]);
  });

  it("gives a pod without a class the global default class, of which there is one at most", async () => {
    const ns = await freshNamespace();
    const [first, second] = [`first-${ns}`, `second-${ns}`];
    const pc = (name: string, globalDefault: boolean) => ({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value: 7, globalDefault });
    expect((await api("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", pc(first, true))).status).toBe(201);
    try {
      const refused = await api("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", pc(second, true));
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe(`priorityclasses.scheduling.k8s.io "${second}" is forbidden: PriorityClass ${first} is already marked as default. Only one default can exist`);
      expect((await api("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", pc(second, false))).status).toBe(201);
      const marking = await api("PATCH", `/apis/scheduling.k8s.io/v1/priorityclasses/${second}`, { globalDefault: true }, { "Content-Type": "application/merge-patch+json" });
      expect(marking.status).toBe(403);
      // The default itself may be updated.
      const relabel = await api("PATCH", `/apis/scheduling.k8s.io/v1/priorityclasses/${first}`, { metadata: { labels: { a: "b" } } }, { "Content-Type": "application/merge-patch+json" });
      expect(relabel.status).toBe(200);
      expect((await create(ns, pod("a"))).body.spec).toMatchObject({ priorityClassName: first, priority: 7, preemptionPolicy: "PreemptLowerPriority" });
    } finally {
      for (const name of [first, second]) await api("DELETE", `/apis/scheduling.k8s.io/v1/priorityclasses/${name}`);
    }
  });
});
