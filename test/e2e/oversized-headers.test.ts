// Oversized request heads against the server as `npm start` runs it (workerd's HTTP server in front of the
// Worker). Up to the runtime's limit (about 512 KiB of head) the Worker sees the request and answers as kube
// does (a 300 KiB bearer token is a 401 Status); beyond it the runtime answers 431 Request Header Fields Too
// Large itself, as Go's server does past 1 MiB for kube-apiserver; either way the server keeps serving.
import { request } from "node:https";
import { describe, expect, it } from "vitest";
import { useServer } from "./server.ts";

const server = useServer();

function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${server.url}${path}`, { ca: server.caPem, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

const admin = () => ({ Authorization: `Bearer ${server.token}` });
const unauthorized = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 };

describe("oversized request headers", () => {
  it("a 300 KiB bearer token reaches authentication and is refused with a 401 Status", async () => {
    const res = await get("/api/v1/namespaces", { Authorization: `Bearer ${"a".repeat(300 << 10)}` });
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 401, body: unauthorized });
  });

  it("a 300 KiB header beside a good token does not get in the way", async () => {
    const res = await get("/api/v1/namespaces/default", { ...admin(), "X-Padding": "p".repeat(300 << 10) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).metadata.name).toBe("default");
  });

  it("heads past the runtime's limit (2 MiB in one header, or 20,000 headers) get 431, and the server goes on", async () => {
    const big = await get("/api/v1/namespaces", { Authorization: `Bearer ${"a".repeat(2 << 20)}` });
    expect(big.status).toBe(431);
    const many: Record<string, string> = admin();
    for (let i = 0; i < 20_000; i++) many[`x-h${i}`] = "v";
    expect((await get("/api/v1/namespaces", many)).status).toBe(431);
    expect((await get("/api/v1/namespaces/default", admin())).status).toBe(200);
    expect(await server.kubectlOk(["get", "namespace", "default", "-o", "name"])).toBe("namespace/default\n");
  });
});
