// The user flow of the README with the real kubectl 1.35: create, get, label, annotate, replace, scale,
// delete, and deleting a namespace with everything in it.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let manifests: string;
const ns = "demo";

beforeAll(async () => {
  server = await startServer();
  manifests = (await readFile(new URL("./fixtures/demo-app.yaml", import.meta.url), "utf8")).replaceAll("DEMO_NS", ns);
});
afterAll(async () => {
  await server?.stop();
});

async function kubectl(...args: string[]) {
  return server.kubectl(args);
}

async function ok(...args: string[]): Promise<string> {
  const res = await kubectl(...args);
  if (res.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${res.code}): ${res.stderr}\n${server.output()}`);
  return res.stdout;
}

describe("kubectl against the server started as the README says", () => {
  it("lists the served resources like a v1.35 cluster", async () => {
    const out = await ok("api-resources");
    const lines = out.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(out).toMatch(/^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
    expect(out).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(out).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    expect(out).toMatch(/^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/m);
    expect(out).toMatch(/^persistentvolumes\s+pv\s+v1\s+false\s+PersistentVolume$/m);
    expect(out).toMatch(/^replicationcontrollers\s+rc\s+v1\s+true\s+ReplicationController$/m);
    expect(await ok("api-versions")).toBe(
      "apiextensions.k8s.io/v1\napps/v1\nauthentication.k8s.io/v1\nauthorization.k8s.io/v1\nbatch/v1\ncoordination.k8s.io/v1\nnetworking.k8s.io/v1\npolicy/v1\nrbac.authorization.k8s.io/v1\nscheduling.k8s.io/v1\nv1\n",
    );
    expect(await ok("version")).toMatch(/Server Version: v1\.35\.\d+/);
  });

  it("creates a namespace and an application from manifests", async () => {
    expect(await ok("create", "namespace", ns)).toBe(`namespace/${ns} created\n`);
    const out = (await server.kubectl(["create", "-f", "-"], { input: manifests })).stdout;
    expect(out.split("\n").filter(Boolean)).toEqual([
      "deployment.apps/web created",
      "service/web created",
      "configmap/settings created",
      "secret/creds created",
      "pod/debug created",
    ]);
    const again = await server.kubectl(["create", "-f", "-"], { input: manifests });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists');
  });

  it("shows kube's columns with get all -o wide", async () => {
    const out = await ok("get", "all", "-n", ns, "-o", "wide");
    expect(out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    expect(out).toMatch(/^pod\/debug\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    expect(out).toMatch(/^service\/web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+\s+app=web$/m);
    expect(out).toMatch(/^deployment\.apps\/web\s+0\/3\s+0\s+0\s+\S+\s+nginx\s+nginx:1\.27\s+app=web$/m);
  });

  it("prints a deployment as YAML with kube's defaults", async () => {
    const out = await ok("get", "deploy", "web", "-n", ns, "-o", "yaml");
    expect(out).toContain("kind: Deployment");
    expect(out).toContain("generation: 1");
    expect(out).toContain("revisionHistoryLimit: 10");
    expect(out).toContain("imagePullPolicy: IfNotPresent");
    expect(out).toMatch(/resourceVersion: "\d+"/);
  });

  it("labels, annotates, replaces and scales", async () => {
    expect(await ok("label", "deploy", "web", "-n", ns, "tier=frontend")).toBe("deployment.apps/web labeled\n");
    expect(await ok("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.labels.tier}")).toBe("frontend");
    expect(await ok("annotate", "cm", "settings", "-n", ns, "owner=team-a")).toBe("configmap/settings annotated\n");
    const replaced = (await server.kubectl(["replace", "-f", "-"], { input: manifests.replace("production", "staging") })).stdout;
    expect(replaced).toContain("configmap/settings replaced");
    expect(await ok("get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode}")).toBe("staging");
    expect(await ok("scale", "deploy", "web", "-n", ns, "--replicas=5")).toBe("deployment.apps/web scaled\n");
    expect(await ok("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}/{.metadata.generation}")).toBe("5/2");
  });

  it("reports errors as kube does", async () => {
    const missing = await kubectl("get", "cm", "nope", "-n", ns);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    const bad = await server.kubectl(["create", "-f", "-"], {
      input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: ${ns}\n`,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
    const noContainers = await server.kubectl(["create", "-f", "-"], {
      input: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty\n  namespace: ${ns}\nspec:\n  containers: []\n`,
    });
    expect(noContainers.code).toBe(1);
    expect(noContainers.stderr).toContain("spec.containers: Required value");
  });

  it("deletes objects, then the namespace with everything in it", async () => {
    expect(await ok("delete", "pod", "debug", "-n", ns)).toBe(`pod "debug" deleted from ${ns} namespace\n`);
    expect(await ok("delete", "namespace", ns)).toBe(`namespace "${ns}" deleted\n`);
    const gone = await kubectl("get", "namespace", ns);
    expect(gone.stderr).toBe(`Error from server (NotFound): namespaces "${ns}" not found\n`);
    expect(await ok("get", "deploy,svc,cm,secret", "-A", "-o", "name")).not.toContain("web");
  });
});
