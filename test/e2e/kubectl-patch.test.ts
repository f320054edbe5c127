// The real kubectl 1.35 changing objects with strategic merge patch against the server started as a user does:
// client-side apply (three-way merge with last-applied-configuration), kubectl patch of every type, set image,
// edit, diff (server-side dry run) and apply --prune.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type CommandResult, type TestServer } from "./server.ts";

let server: TestServer;
let scratch: string;
const ns = "patching";

beforeAll(async () => {
  server = await startServer();
  scratch = await mkdtemp(join(tmpdir(), "kubectl-patch-"));
  await ok("create", "namespace", ns);
});
afterAll(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function kubectl(args: string[], input?: string): Promise<CommandResult> {
  return server.kubectl(["-n", ns, ...args], { input });
}

async function ok(...args: string[]): Promise<string> {
  const res = await kubectl(args);
  if (res.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${res.code}): ${res.stderr}\n${server.output()}`);
  return res.stdout;
}

async function apply(manifest: string, ...flags: string[]): Promise<string> {
  const res = await kubectl(["apply", ...flags, "-f", "-"], manifest);
  if (res.code !== 0) throw new Error(`kubectl apply failed (${res.code}): ${res.stderr}\n${server.output()}`);
  return res.stdout;
}

async function get(resource: string): Promise<Record<string, any>> {
  return JSON.parse(await ok("get", resource, "-o", "json"));
}

function deployment(name: string, opts: { replicas?: number; env?: Record<string, string>; image?: string } = {}): string {
  const env = Object.entries(opts.env ?? { MODE: "production", LOG: "info" })
    .map(([k, v]) => `        - name: ${k}\n          value: "${v}"`)
    .join("\n");
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? "nginx:1.27"}
        ports:
        - containerPort: 80
        env:
${env}
`;
}

const container = (d: Record<string, any>, name = "nginx") => d.spec.template.spec.containers.find((c: Record<string, any>) => c.name === name);

describe("kubectl apply (client-side)", () => {
  it("creates, then three-way merges: removed fields go, others' fields stay, unchanged says so", async () => {
    expect(await apply(deployment("web"))).toBe("deployment.apps/web created\n");
    const created = await get("deploy/web");
    expect(created.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toContain('"name":"web"');

    // Someone else adds a label and a container resource limit.
    expect(await ok("label", "deploy", "web", "owner=other")).toBe("deployment.apps/web labeled\n");
    await ok("patch", "deploy", "web", "--type=strategic", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","resources":{"limits":{"cpu":"500m"}}}]}}}}');

    const changed = deployment("web", { replicas: 3, env: { MODE: "production" } });
    expect(await apply(changed)).toBe("deployment.apps/web configured\n");
    const after = await get("deploy/web");
    expect(after.spec.replicas).toBe(3);
    expect(container(after).env).toEqual([{ name: "MODE", value: "production" }]);
    expect(after.metadata.labels).toEqual({ app: "web", owner: "other" });
    expect(container(after).resources).toEqual({ limits: { cpu: "500m" } });
    expect(after.metadata.generation).toBe(3);

    expect(await apply(changed)).toBe("deployment.apps/web unchanged\n");
    expect((await get("deploy/web")).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
  });
});

describe("kubectl patch, set image, edit", () => {
  it("patches with --type=strategic, merge and json", async () => {
    await apply(deployment("api"));
    const strategic = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"EXTRA","value":"1"}]}]}}}}';
    expect(await ok("patch", "deploy", "api", "--type=strategic", "-p", strategic)).toBe("deployment.apps/api patched\n");
    expect(container(await get("deploy/api")).env.map((e: Record<string, string>) => e.name)).toEqual(["EXTRA", "MODE", "LOG"]);
    expect(await ok("patch", "deploy", "api", "--type=strategic", "-p", strategic)).toBe("deployment.apps/api patched (no change)\n");

    expect(await ok("patch", "deploy", "api", "--type=merge", "-p", '{"spec":{"replicas":4}}')).toBe("deployment.apps/api patched\n");
    expect(await ok("patch", "deploy", "api", "--type=json", "-p", '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"}]')).toBe(
      "deployment.apps/api patched\n",
    );
    const d = await get("deploy/api");
    expect([d.spec.replicas, container(d).image]).toEqual([4, "nginx:1.29"]);

    const missingKey = await kubectl(["patch", "deploy", "api", "-p", '{"spec":{"template":{"spec":{"containers":[{"image":"httpd"}]}}}}']);
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toBe("Error from server: map: map[image:httpd] does not contain declared merge key: name\n");
    const deleteContainer = await kubectl(["patch", "deploy", "api", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}}}']);
    expect(deleteContainer.code).toBe(1);
    expect(deleteContainer.stderr).toBe('The Deployment "api" is invalid: spec.template.spec.containers: Required value\n');
    expect((await get("deploy/api")).metadata.resourceVersion).toBe(d.metadata.resourceVersion);
  });

  it("sets an image", async () => {
    await apply(deployment("img"));
    expect(await ok("set", "image", "deployment/img", "nginx=nginx:1.28")).toBe("deployment.apps/img image updated\n");
    expect(container(await get("deploy/img")).image).toBe("nginx:1.28");
  });

  it("edits with $EDITOR", async () => {
    await apply(deployment("ed"));
    const editor = join(scratch, "editor.sh");
    await writeFile(editor, `#!/bin/sh\nsed -i -e 's/replicas: 2/replicas: 6/' -e 's/value: info/value: debug/' "$1"\n`);
    await chmod(editor, 0o755);
    const saved = process.env.KUBE_EDITOR;
    process.env.KUBE_EDITOR = editor;
    try {
      expect(await ok("edit", "deploy/ed")).toBe("deployment.apps/ed edited\n");
    } finally {
      if (saved === undefined) delete process.env.KUBE_EDITOR;
      else process.env.KUBE_EDITOR = saved;
    }
    const d = await get("deploy/ed");
    expect(d.spec.replicas).toBe(6);
    expect(container(d).env).toEqual([
      { name: "MODE", value: "production" },
      { name: "LOG", value: "debug" },
    ]);
  });
});

describe("kubectl diff and apply --prune", () => {
  it("diffs a manifest against a server-side dry run, storing nothing", async () => {
    await apply(deployment("df"));
    const before = await get("deploy/df");
    const same = await kubectl(["diff", "-f", "-"], deployment("df"));
    expect([same.code, same.stdout, same.stderr]).toEqual([0, "", ""]);
    const different = await kubectl(["diff", "-f", "-"], deployment("df", { replicas: 5, image: "nginx:1.28" }));
    expect(different.code, different.stderr).toBe(1);
    expect(different.stdout).toMatch(/^-  replicas: 2$/m);
    expect(different.stdout).toMatch(/^\+  replicas: 5$/m);
    expect(different.stdout).toMatch(/^\+\s+image: nginx:1\.28$/m);
    expect((await get("deploy/df")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("prunes objects with the label that the manifests no longer hold", async () => {
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app: pruned\ndata:\n  k: v\n`;
    await apply(`${cm("keep")}---\n${cm("drop")}`);
    const out = await apply(cm("keep"), "--prune", "-l", "app=pruned", "--prune-allowlist=core/v1/ConfigMap");
    expect(out).toBe("configmap/keep unchanged\nconfigmap/drop pruned\n");
    expect(await ok("get", "cm", "-l", "app=pruned", "-o", "name")).toBe("configmap/keep\n");
  });
});
