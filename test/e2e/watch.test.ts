// Watch with real clients: kubectl get -w, kubectl wait, and a @kubernetes/client-node informer whose cache
// must equal a fresh list after many concurrent writes.
import { spawn } from "node:child_process";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { useServer } from "./server.ts";

const server = useServer();

const ok = (...args: string[]) => server.kubectlOk(args);

/** Runs a long kubectl in the background, collecting its output. */
function background(args: string[]) {
  const { kubectl } = ensureKubeTools();
  const child = spawn(kubectl, args, { env: { ...process.env, KUBECONFIG: server.kubeconfig } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number>((done) => child.once("exit", (code) => done(code ?? -1)));
  return {
    output: () => stdout,
    errors: () => stderr,
    exited,
    async waitFor(pattern: RegExp, ms = 15_000) {
      const until = Date.now() + ms;
      while (!pattern.test(stdout)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; got:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => child.kill("SIGTERM"),
  };
}

describe("watch with real clients", () => {
  it("kubectl get -w sees another kubectl's create, modify and delete", async () => {
    await server.kubectl(["create", "-f", "-"], { input: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: w1\n" });
    const watcher = background(["get", "configmaps", "-n", "w1", "-w", "--output-watch-events"]);
    await new Promise((r) => setTimeout(r, 1000));
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: w1\ndata:\n  a: '1'\n";
    await server.kubectl(["create", "-f", "-"], { input: cm });
    await watcher.waitFor(/ADDED\s+live\s+1\s/);
    await ok("label", "cm", "live", "-n", "w1", "x=y");
    await watcher.waitFor(/MODIFIED\s+live\s+1\s/);
    await ok("delete", "cm", "live", "-n", "w1");
    await watcher.waitFor(/DELETED\s+live\s+1\s/);
    watcher.stop();
    await watcher.exited;
  });

  it("kubectl wait returns when a condition, a jsonpath value or a deletion lands", async () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flag\n  namespace: default\ndata:\n  state: starting\n";
    await server.kubectl(["create", "-f", "-"], { input: cm });
    const byJsonpath = background(["wait", "--for=jsonpath={.data.state}=ready", "cm/flag", "-n", "default", "--timeout=30s"]);
    await new Promise((r) => setTimeout(r, 500));
    await ok("patch", "cm", "flag", "-n", "default", "--type=merge", "-p", '{"data":{"state":"ready"}}');
    expect(await byJsonpath.exited).toBe(0);
    expect(byJsonpath.output()).toBe("configmap/flag condition met\n");

    const job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: task\n  namespace: default\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n";
    await server.kubectl(["create", "-f", "-"], { input: job });
    const byCondition = background(["wait", "--for=condition=Complete", "job/task", "-n", "default", "--timeout=30s"]);
    await new Promise((r) => setTimeout(r, 500));
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const status = { status: { conditions: [{ type: "Complete", status: "True", lastProbeTime: now, lastTransitionTime: now }], succeeded: 1, startTime: now, completionTime: now } };
    await ok("patch", "job", "task", "-n", "default", "--subresource=status", "--type=merge", "-p", JSON.stringify(status));
    expect(await byCondition.exited).toBe(0);
    expect(byCondition.output()).toBe("job.batch/task condition met\n");

    await ok("patch", "cm", "flag", "-n", "default", "--type=merge", "-p", '{"metadata":{"finalizers":["example.com/hold"]}}');
    await ok("delete", "cm", "flag", "-n", "default", "--wait=false");
    const byDelete = background(["wait", "--for=delete", "cm/flag", "-n", "default", "--timeout=30s"]);
    await new Promise((r) => setTimeout(r, 500));
    await ok("patch", "cm", "flag", "-n", "default", "--type=json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]');
    expect(await byDelete.exited).toBe(0);
  });

  it("a client-node informer over all namespaces ends equal to a fresh list after concurrent writes", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespaces = Array.from({ length: 10 }, (_, i) => `inf-${i}`);
    for (const name of namespaces) await core.createNamespace({ body: { metadata: { name } } });

    const informer = k8s.makeInformer(kc, "/api/v1/configmaps", () => core.listConfigMapForAllNamespaces());
    const errors: unknown[] = [];
    informer.on("error", (err) => errors.push(err));
    await informer.start();

    const total = 1000;
    let next = 0;
    const writer = async () => {
      while (next < total) {
        const i = next++;
        const namespace = namespaces[i % namespaces.length];
        const name = `cm-${i}`;
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data: { v: "0" } } });
        if (i % 3 !== 0) await core.replaceNamespacedConfigMap({ namespace, name, body: { metadata: { name }, data: { v: "1" } } });
        if (i % 5 === 0) await core.deleteNamespacedConfigMap({ namespace, name });
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));

    const fresh = await core.listConfigMapForAllNamespaces();
    const expected = new Map(fresh.items.map((cm) => [`${cm.metadata!.namespace}/${cm.metadata!.name}`, cm.metadata!.resourceVersion]));
    const until = Date.now() + 30_000;
    let cached = new Map<string, string | undefined>();
    while (Date.now() < until) {
      cached = new Map(informer.list().map((cm) => [`${cm.metadata!.namespace}/${cm.metadata!.name}`, cm.metadata!.resourceVersion]));
      if (cached.size === expected.size && [...expected].every(([k, rv]) => cached.get(k) === rv)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await informer.stop();
    expect(errors).toEqual([]);
    expect(cached).toEqual(expected);
    // The writers' 800 survivors; each namespace also holds the cluster CA's kube-root-ca.crt.
    expect([...expected.keys()].filter((k) => /^inf-\d+\/cm-/.test(k)).length).toBe(800);
    expect([...expected.keys()].filter((k) => k.endsWith("/kube-root-ca.crt")).length).toBeGreaterThanOrEqual(10);
  });
});
