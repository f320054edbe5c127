// helm 4 beyond install and upgrade: `helm rollback` (a third revision that re-applies the first one's
// manifest), and `helm template | kubectl apply -f -` (client-side apply of a rendered chart: created, then
// unchanged, then configured for the one object a changed value touches). A chart from `helm create`.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), "edge-kube-helm-"));
  await helm("create", "demo");
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function helm(...args: string[]): Promise<string> {
  const env = { ...process.env, KUBECONFIG: server.kubeconfig, HELM_CACHE_HOME: join(dir, "cache"), HELM_CONFIG_HOME: join(dir, "config"), HELM_DATA_HOME: join(dir, "data") };
  return new Promise((done, fail) => {
    execFile(ensureKubeTools().helm, args, { env, cwd: dir }, (error, stdout, stderr) => {
      if (error) fail(new Error(`helm ${args.join(" ")} failed: ${stderr}\n${server.output()}`));
      else done(stdout);
    });
  });
}

async function kubectl(args: string[], input?: string): Promise<string> {
  const res = await server.kubectl(args, { input });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${res.code}): ${res.stderr}\n${server.output()}`);
  return res.stdout;
}

async function getYaml(...args: string[]): Promise<any> {
  return parse(await kubectl([...args, "-o", "yaml", "--show-managed-fields"]));
}

/** `helm history`'s table as [revision, status, chart, description] rows (columns are tab-separated). */
function historyRows(table: string): string[][] {
  const rows = table.trimEnd().split("\n").map((line) => line.split("\t").map((cell) => cell.trim()));
  expect(rows[0]).toEqual(["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]);
  return rows.slice(1).map(([revision, , status, chart, , description]) => [revision, status, chart, description]);
}

describe("helm 4 rollback and template", () => {
  it("rolls a release back to revision 1 as a third revision", async () => {
    const ns = "rollback";
    await kubectl(["create", "namespace", ns]);
    expect(await helm("install", "demo", "./demo", "-n", ns)).toContain("REVISION: 1");
    const first = await getYaml("get", "deployment", "demo", "-n", ns);
    expect(first.spec.replicas).toBe(1);
    expect(first.spec.template.spec.containers[0].image).toBe("nginx:1.16.0");

    const upgraded = await helm("upgrade", "demo", "./demo", "-n", ns, "--set", "replicaCount=2", "--set", "image.tag=1.27");
    expect(upgraded).toContain('Release "demo" has been upgraded. Happy Helming!');
    expect(upgraded).toContain("REVISION: 2");
    const second = await getYaml("get", "deployment", "demo", "-n", ns);
    expect([second.spec.replicas, second.spec.template.spec.containers[0].image, second.metadata.generation]).toEqual([2, "nginx:1.27", 2]);

    expect(await helm("rollback", "demo", "1", "-n", ns)).toBe("Rollback was a success! Happy Helming!\n");
    const rolledBack = await getYaml("get", "deployment", "demo", "-n", ns);
    expect(rolledBack.spec).toEqual(first.spec);
    expect(rolledBack.metadata.labels).toEqual(first.metadata.labels);
    expect(rolledBack.metadata.annotations).toEqual(first.metadata.annotations);
    expect(rolledBack.metadata.generation).toBe(3);
    expect(rolledBack.metadata.uid).toBe(first.metadata.uid);
    expect(rolledBack.metadata.managedFields.map((e: any) => [e.manager, e.operation])).toEqual([["helm", "Apply"]]);
    expect(rolledBack.metadata.managedFields[0].fieldsV1).toEqual(first.metadata.managedFields[0].fieldsV1);

    expect(historyRows(await helm("history", "demo", "-n", ns))).toEqual([
      ["1", "superseded", "demo-0.1.0", "Install complete"],
      ["2", "superseded", "demo-0.1.0", "Upgrade complete"],
      ["3", "deployed", "demo-0.1.0", "Rollback to 1"],
    ]);
    const releases = await getYaml("get", "secrets", "-n", ns, "-l", "owner=helm,name=demo");
    expect(releases.items.map((s: any) => [s.metadata.name, s.type, s.metadata.labels.version, s.metadata.labels.status])).toEqual([
      ["sh.helm.release.v1.demo.v1", "helm.sh/release.v1", "1", "superseded"],
      ["sh.helm.release.v1.demo.v2", "helm.sh/release.v1", "2", "superseded"],
      ["sh.helm.release.v1.demo.v3", "helm.sh/release.v1", "3", "deployed"],
    ]);
    expect(await helm("list", "-n", ns)).toMatch(/^demo\s+rollback\s+3\s+.*deployed\s+demo-0\.1\.0\s+1\.16\.0\s*$/m);
  });

  it("applies `helm template` output with kubectl: created, unchanged, then configured for the changed object", async () => {
    const ns = "templated";
    await kubectl(["create", "namespace", ns]);
    const apply = async (...set: string[]) => kubectl(["apply", "-n", ns, "-f", "-"], await helm("template", "demo", "./demo", ...set));

    expect(await apply()).toBe(
      "serviceaccount/demo created\nservice/demo created\ndeployment.apps/demo created\npod/demo-test-connection created\n",
    );
    const created = await getYaml("get", "serviceaccount/demo", "service/demo", "deployment/demo", "pod/demo-test-connection", "-n", ns);
    const versions = created.items.map((o: any) => o.metadata.resourceVersion);
    for (const o of created.items) {
      expect(o.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toBeTruthy();
      expect(o.metadata.managedFields.map((e: any) => [e.manager, e.operation])).toEqual([["kubectl-client-side-apply", "Update"]]);
    }

    expect(await apply()).toBe(
      "serviceaccount/demo unchanged\nservice/demo unchanged\ndeployment.apps/demo unchanged\npod/demo-test-connection unchanged\n",
    );
    expect(await apply("--set", "replicaCount=3")).toBe(
      "serviceaccount/demo unchanged\nservice/demo unchanged\ndeployment.apps/demo configured\npod/demo-test-connection unchanged\n",
    );
    const after = await getYaml("get", "serviceaccount/demo", "service/demo", "deployment/demo", "pod/demo-test-connection", "-n", ns);
    const [sa, service, deployment, pod] = after.items;
    expect([sa, service, pod].map((o: any) => o.metadata.resourceVersion)).toEqual([versions[0], versions[1], versions[3]]);
    expect(deployment.metadata.resourceVersion).not.toBe(versions[2]);
    expect([deployment.spec.replicas, deployment.metadata.generation]).toEqual([3, 2]);
    expect(JSON.parse(deployment.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).spec.replicas).toBe(3);
    expect(deployment.metadata.managedFields.map((e: any) => [e.manager, e.operation])).toEqual([["kubectl-client-side-apply", "Update"]]);
  });
});
