// kubectl apply --server-side with the real kubectl 1.35: create by apply, re-apply with a change, a conflict
// with another field manager and --force-conflicts, and the managedFields kubectl shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
const ns = "ssa";

beforeAll(async () => {
  server = await startServer();
  await ok(["create", "namespace", ns]);
});
afterAll(async () => {
  await server?.stop();
});

const ok = (args: string[], input?: string) => server.kubectlOk(args, { input });

const manifest = (replicas: number, image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{containerPort: 80}]
`;

describe("kubectl apply --server-side", () => {
  it("creates, re-applies, conflicts with another manager, and forces", async () => {
    expect(await ok(["apply", "--server-side", "-f", "-"], manifest(2, "nginx:1.27"))).toBe("deployment.apps/web serverside-applied\n");
    expect(await ok(["apply", "--server-side", "-f", "-"], manifest(3, "nginx:1.28"))).toBe("deployment.apps/web serverside-applied\n");
    const got = parse(await ok(["get", "deployment", "web", "-n", ns, "-o", "yaml"]));
    expect(got.spec.replicas).toBe(3);
    expect(got.spec.template.spec.containers[0].image).toBe("nginx:1.28");
    expect(got.metadata.managedFields).toBeUndefined();

    const conflict = await server.kubectl(["apply", "--server-side", "--field-manager=other", "-f", "-"], { input: manifest(5, "nginx:1.28") });
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    expect(conflict.stderr).toContain("--force-conflicts");

    expect(await ok(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"], manifest(5, "nginx:1.28"))).toBe(
      "deployment.apps/web serverside-applied\n",
    );
    const shown = parse(await ok(["get", "deployment", "web", "-n", ns, "-o", "yaml", "--show-managed-fields"]));
    expect(shown.spec.replicas).toBe(5);
    const entries = shown.metadata.managedFields as { manager: string; operation: string; fieldsType: string; fieldsV1: any }[];
    expect(entries.map((e) => [e.manager, e.operation, e.fieldsType])).toEqual([
      ["kubectl", "Apply", "FieldsV1"],
      ["other", "Apply", "FieldsV1"],
    ]);
    expect(entries[0].fieldsV1["f:spec"]["f:replicas"]).toBeUndefined();
    expect(entries[1].fieldsV1["f:spec"]["f:replicas"]).toEqual({});
    expect(entries[0].fieldsV1["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']["f:image"]).toEqual({});
  });

  it("records kubectl create's fields as an Update by kubectl-create, and a dry run stores nothing", async () => {
    await ok(["create", "configmap", "settings", "-n", ns, "--from-literal=a=1"]);
    const shown = parse(await ok(["get", "configmap", "settings", "-n", ns, "-o", "yaml", "--show-managed-fields"]));
    expect(shown.metadata.managedFields).toEqual([
      { manager: "kubectl-create", operation: "Update", apiVersion: "v1", time: expect.any(String), fieldsType: "FieldsV1", fieldsV1: { "f:data": { ".": {}, "f:a": {} } } },
    ]);
    const cm = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry","namespace":"${ns}"},"data":{"x":"1"}}`;
    expect(await ok(["apply", "--server-side", "--dry-run=server", "-f", "-"], cm)).toBe("configmap/dry serverside-applied (server dry run)\n");
    const missing = await server.kubectl(["get", "configmap", "dry", "-n", ns]);
    expect(missing.stderr).toContain('configmaps "dry" not found');
  });
});
