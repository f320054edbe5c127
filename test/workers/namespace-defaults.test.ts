// What every namespace holds from the start, as kube's controllers make it: the `default` ServiceAccount
// (put back when deleted), the `kubernetes` Service in `default`, and the system priority classes.
// (kube-root-ca.crt needs CLUSTER_CA_CERT, which `npm start` sets: test/e2e/namespace-defaults.test.ts.)
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 5000;
  let value = await probe();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}

const accountNames = async (ns: string) => ((await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts`)).body.items as { metadata: { name: string } }[]).map((sa) => sa.metadata.name);

describe("namespace defaults", () => {
  it("gives a new namespace its default ServiceAccount, made by the service account controller", async () => {
    const ns = await freshNamespace();
    expect(await eventually(() => accountNames(ns), (names) => names.includes("default"))).toEqual(["default"]);
    const sa = (await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).body;
    expect(sa).not.toHaveProperty("secrets");
  });

  it("puts the default ServiceAccount back when it is deleted, with a new uid", async () => {
    const ns = await freshNamespace();
    await eventually(() => accountNames(ns), (names) => names.includes("default"));
    const before = (await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).body.metadata.uid;
    expect((await api("DELETE", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status).toBe(200);
    const after = await eventually(
      async () => (await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).body?.metadata?.uid,
      (uid) => uid !== undefined && uid !== before,
    );
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it("leaves other service accounts alone, and a deleted namespace takes its default account with it", async () => {
    const ns = await freshNamespace();
    await eventually(() => accountNames(ns), (names) => names.includes("default"));
    expect((await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: "builder" } })).status).toBe(201);
    expect((await api("DELETE", `/api/v1/namespaces/${ns}/serviceaccounts/builder`)).status).toBe(200);
    expect(await eventually(() => accountNames(ns), (names) => names.length === 1)).toEqual(["default"]);
    expect((await api("DELETE", `/api/v1/namespaces/${ns}`)).status).toBe(200);
    expect(await eventually(async () => (await api("GET", `/api/v1/namespaces/${ns}`)).status, (s) => s === 404)).toBe(404);
    expect(await accountNames(ns)).toEqual([]);
  });

  it("serves the kubernetes Service in default, at the service range's first address", async () => {
    const svc = await eventually(async () => api("GET", "/api/v1/namespaces/default/services/kubernetes"), (r) => r.status === 200);
    expect(svc.body.metadata.labels).toEqual({ component: "apiserver", provider: "kubernetes" });
    expect(svc.body.spec).toMatchObject({
      type: "ClusterIP",
      clusterIP: "10.96.0.1",
      clusterIPs: ["10.96.0.1"],
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 443 }],
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
    });
  });

  it("puts the kubernetes Service back when it is deleted", async () => {
    await eventually(async () => (await api("GET", "/api/v1/namespaces/default/services/kubernetes")).status, (s) => s === 200);
    expect((await api("DELETE", "/api/v1/namespaces/default/services/kubernetes")).status).toBe(200);
    expect(await eventually(async () => (await api("GET", "/api/v1/namespaces/default/services/kubernetes")).status, (s) => s === 200)).toBe(200);
  });

  it("has kube's system priority classes from the start", async () => {
    const list = await api("GET", "/apis/scheduling.k8s.io/v1/priorityclasses");
    const classes = Object.fromEntries((list.body.items as { metadata: { name: string }; value: number; preemptionPolicy: string }[]).map((pc) => [pc.metadata.name, pc]));
    expect(classes["system-node-critical"]).toMatchObject({ value: 2000001000, preemptionPolicy: "PreemptLowerPriority" });
    expect(classes["system-cluster-critical"]).toMatchObject({ value: 2000000000, preemptionPolicy: "PreemptLowerPriority" });
  });
});
