// kubectl 1.35's typed create commands send protobuf bodies (k8s\0 + runtime.Unknown). Against the server
// started as a user does: each command succeeds and stores what kubectl meant. Against a plain HTTP listener:
// the exact bytes kubectl sends decode to the object kubectl prints for --dry-run=client -o json.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { decodeKubeObject } from "../../src/api/protobuf/kube-object.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let scratch: string;
const ns = "pb-demo";

beforeAll(async () => {
  server = await startServer();
  scratch = await mkdtemp(join(tmpdir(), "kubectl-create-"));
  await writeFile(join(scratch, "blob.bin"), Uint8Array.of(0, 1, 0xfe, 0xff, 0x62, 0x69, 0x6e));
});
afterAll(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const ok = (...args: string[]) => server.kubectlOk(args);

async function getJson(...args: string[]): Promise<Record<string, any>> {
  return JSON.parse(await ok("get", ...args, "-o", "json"));
}

describe("kubectl create with protobuf bodies, against the server", () => {
  it("creates a namespace", async () => {
    expect(await ok("create", "namespace", ns)).toBe(`namespace/${ns} created\n`);
    const got = await getJson("namespace", ns);
    expect(got).toMatchObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
    expect(got.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    // Go writes its empty strings on the wire; none of them may end up stored.
    for (const key of ["generateName", "namespace", "selfLink", "generation", "deletionTimestamp"]) expect(got.metadata[key]).toBeUndefined();
  });

  it("creates a configmap from literals and a binary file", async () => {
    const file = join(scratch, "blob.bin");
    expect(await ok("create", "configmap", "settings", "-n", ns, "--from-literal=mode=production", "--from-literal=empty=", `--from-file=blob=${file}`)).toBe(
      "configmap/settings created\n",
    );
    const got = await getJson("configmap", "settings", "-n", ns);
    expect(got).toMatchObject({ kind: "ConfigMap", metadata: { name: "settings", namespace: ns } });
    expect(got.data).toEqual({ mode: "production", empty: "" });
    expect(got.binaryData).toEqual({ blob: Buffer.from([0, 1, 0xfe, 0xff, 0x62, 0x69, 0x6e]).toString("base64") });
    expect(got.metadata.generateName).toBeUndefined();
    expect(got.metadata.generation).toBeUndefined();
  });

  it("creates a generic secret", async () => {
    expect(await ok("create", "secret", "generic", "creds", "-n", ns, "--from-literal=username=admin", "--from-literal=password=p@ss w0rd")).toBe(
      "secret/creds created\n",
    );
    const got = await getJson("secret", "creds", "-n", ns);
    expect(got).toMatchObject({ kind: "Secret", type: "Opaque", metadata: { name: "creds", namespace: ns } });
    expect(got.data).toEqual({ username: Buffer.from("admin").toString("base64"), password: Buffer.from("p@ss w0rd").toString("base64") });
  });

  it("creates a service account", async () => {
    expect(await ok("create", "serviceaccount", "builder", "-n", ns)).toBe("serviceaccount/builder created\n");
    const got = await getJson("serviceaccount", "builder", "-n", ns);
    expect(got).toMatchObject({ kind: "ServiceAccount", metadata: { name: "builder", namespace: ns } });
  });

  it("answers a second create with AlreadyExists", async () => {
    const again = await server.kubectl(["create", "configmap", "settings", "-n", ns, "--from-literal=a=b"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: failed to create configmap: configmaps "settings" already exists\n');
  });
});

describe("the bytes kubectl sends", () => {
  let listener: Server;
  let url: string;
  const bodies: { path: string; contentType: string; body: Uint8Array }[] = [];

  beforeAll(async () => {
    listener = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push({ path: req.url ?? "", contentType: req.headers["content-type"] ?? "", body: new Uint8Array(Buffer.concat(chunks)) });
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ apiVersion: "v1", kind: "Status", status: "Success" }));
      });
    });
    await new Promise<void>((done) => listener.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => listener.close(() => done())));

  function kubectl(args: string[]): Promise<string> {
    const { kubectl } = ensureKubeTools();
    const env = { ...process.env, KUBECONFIG: join(scratch, "no-kubeconfig") };
    return new Promise((done, fail) =>
      execFile(kubectl, args, { env }, (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout))),
    );
  }

  const commands: [string, string[]][] = [
    ["namespaces", ["create", "namespace", "wire-ns"]],
    ["configmaps", ["create", "configmap", "wire-cm", "-n", "default", "--from-literal=a=b", "--from-literal=u=✓ ü", "--from-file=blob=BLOB"]],
    ["secrets", ["create", "secret", "generic", "wire-secret", "-n", "default", "--type=kubernetes.io/basic-auth", "--from-literal=username=u"]],
    ["secrets", ["create", "secret", "docker-registry", "wire-reg", "-n", "default", "--docker-server=r.example", "--docker-username=u", "--docker-password=p"]],
    ["serviceaccounts", ["create", "serviceaccount", "wire-sa", "-n", "default"]],
  ];

  it.each(commands)("%s: %j decodes to what --dry-run=client -o json prints", async (plural, template) => {
    const args = template.map((a) => a.replace("BLOB", join(scratch, "blob.bin")));
    const expected = JSON.parse(await kubectl([...args, "--dry-run=client", "-o", "json"]));
    bodies.length = 0;
    await kubectl([...args, `--server=${url}`]).catch(() => undefined); // the listener's answer need not satisfy kubectl
    expect(bodies).toHaveLength(1);
    const [sent] = bodies;
    expect(sent.contentType).toBe("application/vnd.kubernetes.protobuf");
    expect(sent.path.split("?")[0]).toMatch(new RegExp(`/${plural}$`));
    expect(decodeKubeObject(sent.body, findKind("", "v1", plural)!)).toEqual({ ok: true, object: expected });
  });
});
