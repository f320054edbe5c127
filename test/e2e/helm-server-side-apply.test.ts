// helm 4 against the server: it installs and upgrades a chart with server-side apply and keeps its release
// Secrets with PUT. A chart from `helm create`: install, list, upgrade (a changed value), history, uninstall.
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

async function kubectlYaml(...args: string[]): Promise<any> {
  const res = await server.kubectl([...args, "-o", "yaml", "--show-managed-fields"]);
  if (res.code !== 0) throw new Error(res.stderr);
  return parse(res.stdout);
}

describe("helm 4", () => {
  it("installs, upgrades, lists and uninstalls a chart through server-side apply", async () => {
    await helm("create", "demo");
    expect(await helm("install", "demo", "./demo", "-n", "default")).toContain("STATUS: deployed");
    const installed = await kubectlYaml("get", "deployment", "demo", "-n", "default");
    expect(installed.spec.replicas).toBe(1);
    expect(installed.metadata.managedFields.map((e: any) => [e.manager, e.operation])).toEqual([["helm", "Apply"]]);
    expect(await helm("list", "-n", "default")).toMatch(/^demo\s+default\s+1\s+.*deployed\s+demo-0\.1\.0/m);

    expect(await helm("upgrade", "demo", "./demo", "-n", "default", "--set", "replicaCount=2")).toContain("REVISION: 2");
    expect((await kubectlYaml("get", "deployment", "demo", "-n", "default")).spec.replicas).toBe(2);
    expect(await helm("history", "demo", "-n", "default")).toMatch(/^1\s+.*superseded[\s\S]*^2\s+.*deployed/m);
    const releases = await kubectlYaml("get", "secrets", "-n", "default", "-l", "owner=helm");
    expect(releases.items.map((s: any) => s.metadata.labels.status).sort()).toEqual(["deployed", "superseded"]);

    expect(await helm("uninstall", "demo", "-n", "default")).toContain('release "demo" uninstalled');
    expect(await helm("list", "-n", "default")).not.toContain("demo");
    expect((await server.kubectl(["get", "deployment", "demo", "-n", "default"])).stderr).toContain("not found");
  });
});
