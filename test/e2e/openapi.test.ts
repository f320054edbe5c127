// The OpenAPI documents as the real kubectl 1.35 uses them: writes from manifests with validation on
// (kubectl reads /openapi/v3 to leave field validation to the server, and validates `kind: List` items
// against /openapi/v2 itself), and explain from v3 and from v2.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
const ns = "openapi-e2e";

beforeAll(async () => {
  server = await startServer();
  await ok(["create", "namespace", ns]);
});
afterAll(async () => {
  await server?.stop();
});

const ok = (args: string[], input?: string) => server.kubectlOk(args, { input });

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  mode: "${value}"\n`;

describe("kubectl writes from manifests with validation on", () => {
  it("creates and replaces a ConfigMap, relying on the server's field validation", async () => {
    const verbose = await server.kubectl(["create", "-f", "-", "-v=6"], { input: configMap("settings", "a") });
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toBe("configmap/settings created\n");
    expect(verbose.stderr).toMatch(/GET https:\/\/\S+\/openapi\/v3\?timeout=\S+ 200 OK|url="https:\/\/\S+\/openapi\/v3\?timeout=\S+" status="200 OK"/);
    expect(verbose.stderr).toContain("fieldValidation=Strict");
    expect(await ok(["replace", "-f", "-"], configMap("settings", "b"))).toBe("configmap/settings replaced\n");
    expect(await ok(["get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode}"])).toBe("b");
  });

  it("validates the items of a List against /openapi/v2 itself", async () => {
    const list = (extra: string) =>
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: listed, namespace: ${ns}}\n  data: {mode: "x"}\n${extra}`;
    const bad = await server.kubectl(["create", "-f", "-"], { input: list("  bogus: 1\n") });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown field "bogus" in io.k8s.api.core.v1.ConfigMap');
    expect(await ok(["create", "-f", "-"], list(""))).toBe("configmap/listed created\n");
  });

  it("applies a Deployment twice", async () => {
    const deployment = (replicas: number) =>
      [
        "apiVersion: apps/v1",
        "kind: Deployment",
        `metadata: {name: web, namespace: ${ns}}`,
        "spec:",
        `  replicas: ${replicas}`,
        "  selector: {matchLabels: {app: web}}",
        "  template:",
        "    metadata: {labels: {app: web}}",
        "    spec:",
        "      containers: [{name: nginx, image: nginx:1.27}]",
        "",
      ].join("\n");
    expect(await ok(["apply", "-f", "-"], deployment(1))).toBe("deployment.apps/web created\n");
    const again = await server.kubectl(["apply", "-f", "-"], { input: deployment(2) });
    // The second apply sends a patch computed from the v3 schema; whether the server takes that patch
    // format is the patch handler's business, so only the document's part is checked here.
    expect(again.stderr).not.toContain("failed to download openapi");
    expect(again.stderr).not.toContain("error calculating patch from openapi v3 spec");
  });
});

describe("kubectl explain", () => {
  it("explains a kind from /openapi/v3", async () => {
    const out = await ok(["explain", "configmap"]);
    expect(out).toMatch(/^KIND:\s+ConfigMap\nVERSION:\s+v1\n\nDESCRIPTION:\n/);
    expect(out).toMatch(/^ {2}data\t<map\[string\]string>$/m);
    expect(out).toMatch(/^ {2}metadata\t<ObjectMeta>$/m);
  });

  it("explains a field path through references", async () => {
    const out = await ok(["explain", "deployment.spec.template.spec.containers"]);
    expect(out).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: containers <\[\]Container>/);
    expect(out).toMatch(/^ {2}image\t<string>$/m);
    expect(out).toMatch(/^ {2}name\t<string>/m);
  });

  it("explains a kind recursively", async () => {
    const out = await ok(["explain", "pods", "--recursive"]);
    expect(out).toMatch(/^KIND:\s+Pod\n/);
    expect(out).toMatch(/^ {2}spec\t<PodSpec>$/m);
    expect(out).toMatch(/^ {4}containers\t<\[\]Container>/m);
    expect(out).toMatch(/^ {6}image\t<string>$/m);
  });

  it("explains every served kind recursively, from v3 and from v2", async () => {
    const resources = (await ok(["api-resources", "-o", "name"])).trim().split("\n");
    expect(resources.length).toBeGreaterThan(10);
    for (const resource of resources) {
      expect(await ok(["explain", resource, "--recursive"]), resource).toMatch(/^(GROUP:.*\n)?KIND:/);
      expect(await ok(["explain", resource, "--recursive", "--output=plaintext-openapiv2"]), resource).toMatch(/^(GROUP:.*\n)?KIND:/);
    }
  });

  it("explains from /openapi/v2 with --output=plaintext-openapiv2", async () => {
    const out = await ok(["explain", "configmap", "--output=plaintext-openapiv2"]);
    expect(out).toMatch(/^KIND:\s+ConfigMap\nVERSION:\s+v1\n\nDESCRIPTION:\n/);
    expect(out).toMatch(/^ {3}data\t<map\[string\]string>$/m);
  });
});
