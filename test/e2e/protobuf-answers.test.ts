// The real kubectl 1.35 against protobuf answers: its typed create commands ask for protobuf
// (`application/vnd.kubernetes.protobuf, */*`) and must decode what they get; its gets ask for JSON and Tables.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("kubectl with protobuf answers", () => {
  it("create configmap decodes a protobuf answer; get -o json and the table still read JSON", async () => {
    const created = await server.kubectl(["create", "configmap", "pb-answer", "-n", "default", "--from-literal=a=b", "-v=8"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("configmap/pb-answer created");
    // -v=8 logs the request and the response with their headers: the answer kubectl decoded was protobuf.
    const response = created.stderr.slice(created.stderr.indexOf('"Response" status="201 Created"'));
    expect(response.length, created.stderr).toBeLessThan(created.stderr.length);
    expect(response.split("\n").slice(0, 12).join("\n")).toMatch(/Content-Type: application\/vnd\.kubernetes\.protobuf\s*$/m);

    const got = await server.kubectl(["get", "configmap", "pb-answer", "-n", "default", "-o", "json"]);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "pb-answer", namespace: "default" }, data: { a: "b" } });

    const table = await server.kubectl(["get", "configmaps", "-n", "default"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^pb-answer\s+1\s+/m);
  });

  it("a typed command that fails reads the protobuf Status", async () => {
    const again = await server.kubectl(["create", "configmap", "pb-dup", "-n", "default", "--from-literal=a=b"]);
    expect(again.code, again.stderr).toBe(0);
    const dup = await server.kubectl(["create", "configmap", "pb-dup", "-n", "default", "--from-literal=a=b"]);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('configmaps "pb-dup" already exists');
  });

  it("create namespace, secret and serviceaccount answer in protobuf without errors", async () => {
    for (const args of [
      ["create", "namespace", "pb-ns"],
      ["create", "secret", "generic", "pb-secret", "-n", "pb-ns", "--from-literal=u=p"],
      ["create", "serviceaccount", "pb-sa", "-n", "pb-ns"],
    ]) {
      const res = await server.kubectl(args);
      expect(res.code, `${args.join(" ")}: ${res.stderr}`).toBe(0);
    }
    const sa = await server.kubectl(["get", "serviceaccount", "pb-sa", "-n", "pb-ns", "-o", "jsonpath={.metadata.name}"]);
    expect(sa.stdout).toBe("pb-sa");
  });
});
