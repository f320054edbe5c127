// Custom resources with the clients operators and packagers use, default flags: a @kubernetes/client-node
// informer over a CRD's resources in all namespaces follows kubectl's creates, patches and deletes, and helm 4
// installs a chart that ships its CRD in crds/ (fixtures/crd-chart), upgrades it and uninstalls it.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { startServer, type TestServer } from "./server.ts";

const chart = fileURLToPath(new URL("./fixtures/crd-chart", import.meta.url));

let server: TestServer;
let helmHome: string;

beforeAll(async () => {
  server = await startServer();
  helmHome = await mkdtemp(join(tmpdir(), "edge-kube-helm-crd-"));
});
afterAll(async () => {
  await server?.stop();
  if (helmHome) await rm(helmHome, { recursive: true, force: true });
});

const ok = (args: string[], input?: string) => server.kubectlOk(args, { input });

function helm(...args: string[]): Promise<string> {
  const env = { ...process.env, KUBECONFIG: server.kubeconfig, HELM_CACHE_HOME: join(helmHome, "cache"), HELM_CONFIG_HOME: join(helmHome, "config"), HELM_DATA_HOME: join(helmHome, "data") };
  return new Promise((done, fail) => {
    execFile(ensureKubeTools().helm, args, { env, cwd: helmHome }, (error, stdout, stderr) => {
      if (error) fail(new Error(`helm ${args.join(" ")} failed: ${stderr}\n${server.output()}`));
      else done(stdout);
    });
  });
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const gadgetCrd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.informers.example.com
spec:
  group: informers.example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              mode: {type: string, default: idle}
`;

const gadget = (namespace: string, name: string, size: number) => `
apiVersion: informers.example.com/v1
kind: Gadget
metadata: {name: ${name}, namespace: ${namespace}}
spec: {size: ${size}}
`;

interface Gadget extends k8s.KubernetesObject {
  spec?: { size?: number; mode?: string };
}

const key = (o: k8s.KubernetesObject) => `${o.metadata?.namespace}/${o.metadata?.name}`;

describe("custom resources with client-node and helm", () => {
  it("a client-node informer over a CRD applied by kubectl sees kubectl's creates, patches and deletes", async () => {
    expect(await ok(["apply", "-f", "-"], gadgetCrd)).toBe("customresourcedefinition.apiextensions.k8s.io/gadgets.informers.example.com created\n");
    expect(await ok(["wait", "--for", "condition=established", "--timeout=30s", "crd/gadgets.informers.example.com"])).toBe(
      "customresourcedefinition.apiextensions.k8s.io/gadgets.informers.example.com condition met\n",
    );
    await ok(["create", "namespace", "gadgets-a"]);

    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const resource = { group: "informers.example.com", version: "v1", resourcePlural: "gadgets" };
    const list = async () => (await custom.listCustomObjectForAllNamespaces(resource)) as k8s.KubernetesListObject<Gadget>;
    let lists = 0;
    const informer = k8s.makeInformer<Gadget>(kc, "/apis/informers.example.com/v1/gadgets", () => (lists++, list()));
    const events: string[] = [];
    const errors: unknown[] = [];
    let connects = 0;
    informer.on("connect", () => connects++);
    const record = (verb: string) => (o: Gadget) => events.push(`${verb} ${key(o)} size=${o.spec?.size} mode=${o.spec?.mode}`);
    informer.on("add", record("add"));
    informer.on("update", record("update"));
    informer.on("delete", record("delete"));
    informer.on("error", (err) => errors.push(err));
    await informer.start();
    // The wire events themselves, on a plain watch from a list's revision (nothing is written in between).
    const phases: string[] = [];
    const raw = await new k8s.Watch(kc).watch(
      "/apis/informers.example.com/v1/gadgets",
      { resourceVersion: (await list()).metadata?.resourceVersion },
      (phase: string, o: Gadget) => phases.push(`${phase} ${key(o)}`),
      (err: unknown) => err && errors.push(err),
    );
    try {
      expect(informer.list()).toEqual([]);
      await ok(["create", "namespace", "gadgets-b"]); // a namespace the watch has not seen before

      expect(await ok(["apply", "-f", "-"], gadget("gadgets-a", "alpha", 1) + "---" + gadget("gadgets-b", "beta", 2))).toBe(
        "gadget.informers.example.com/alpha created\ngadget.informers.example.com/beta created\n",
      );
      await until("both ADDED events", () => events.length >= 2);
      expect(await ok(["patch", "gadget", "alpha", "-n", "gadgets-a", "--type=merge", "-p", '{"spec":{"size":3,"mode":"busy"}}'])).toBe(
        "gadget.informers.example.com/alpha patched\n",
      );
      await until("the MODIFIED event", () => events.length >= 3);
      expect(await ok(["delete", "gadget", "beta", "-n", "gadgets-b"])).toBe('gadget.informers.example.com "beta" deleted from gadgets-b namespace\n');
      await until("the DELETED event", () => events.length >= 4 && phases.length >= 4);
      await new Promise((r) => setTimeout(r, 500)); // nothing more may follow

      expect(events).toEqual([
        "add gadgets-a/alpha size=1 mode=idle",
        "add gadgets-b/beta size=2 mode=idle",
        "update gadgets-a/alpha size=3 mode=busy",
        "delete gadgets-b/beta size=2 mode=idle",
      ]);
      expect(phases).toEqual(["ADDED gadgets-a/alpha", "ADDED gadgets-b/beta", "MODIFIED gadgets-a/alpha", "DELETED gadgets-b/beta"]);
      expect({ lists, connects }).toEqual({ lists: 1, connects: 1 }); // every event came over the one watch
      const fresh = await list();
      expect(fresh.items.map(key)).toEqual(["gadgets-a/alpha"]);
      expect(fresh.items[0]).toMatchObject({ apiVersion: "informers.example.com/v1", kind: "Gadget" });
      const byKey = (items: readonly Gadget[]) => Object.fromEntries(items.map((o) => [key(o), o]));
      expect(byKey(informer.list())).toEqual(byKey(fresh.items));
      expect(errors).toEqual([]);
    } finally {
      raw.abort();
      await informer.stop();
    }
  });

  it("helm 4 installs a chart's CRD from crds/ and its custom resources, upgrades one and uninstalls them", async () => {
    await ok(["create", "namespace", "charts"]);
    const installed = await helm("install", "shop", chart, "-n", "charts");
    expect(installed).toContain("NAME: shop");
    expect(installed).toContain("STATUS: deployed");
    expect(installed).toContain("REVISION: 1");

    const crd = parse(await ok(["get", "crd", "widgets.charts.example.com", "-o", "yaml"]));
    expect(crd.status.conditions.find((c: { type: string }) => c.type === "Established")).toMatchObject({ status: "True", reason: "InitialNamesAccepted" });
    expect(await ok(["get", "widgets", "-n", "charts"])).toMatch(/^NAME\s+SIZE\s+COLOR\nshop-large\s+5\s+blue\nshop-small\s+1\s+gray\n$/);
    const small = parse(await ok(["get", "widget", "shop-small", "-n", "charts", "-o", "yaml"]));
    expect(small.spec).toEqual({ size: 1, color: "gray" });
    expect(small.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/instance": "shop" });
    expect(small.metadata.annotations).toMatchObject({ "meta.helm.sh/release-name": "shop", "meta.helm.sh/release-namespace": "charts" });

    const upgraded = await helm("upgrade", "shop", chart, "-n", "charts", "--set", "large.size=7");
    expect(upgraded).toContain("STATUS: deployed");
    expect(upgraded).toContain("REVISION: 2");
    expect(parse(await ok(["get", "widget", "shop-large", "-n", "charts", "-o", "yaml"])).spec).toEqual({ size: 7, color: "blue" });
    const smallAfter = parse(await ok(["get", "widget", "shop-small", "-n", "charts", "-o", "yaml"]));
    expect(smallAfter.spec).toEqual({ size: 1, color: "gray" });
    expect(smallAfter.metadata.resourceVersion).toBe(small.metadata.resourceVersion); // an unchanged apply writes nothing
    expect(await helm("history", "shop", "-n", "charts")).toMatch(/^1\s+.*superseded[\s\S]*^2\s+.*deployed/m);

    expect(await helm("uninstall", "shop", "-n", "charts")).toBe('release "shop" uninstalled\n');
    const gone = await server.kubectl(["get", "widgets", "-n", "charts"]);
    expect(gone).toEqual({ code: 0, stdout: "", stderr: "No resources found in charts namespace.\n" });
    expect(await ok(["get", "crd", "widgets.charts.example.com", "-o", "name"])).toBe("customresourcedefinition.apiextensions.k8s.io/widgets.charts.example.com\n");
  });
});
