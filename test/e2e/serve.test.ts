// `npm start` as a user meets it: HTTPS with the generated CA, a usable kubeconfig, state that survives
// a restart, and the real kubectl.

import { mkdtemp, rm, stat, readFile } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startServer, type TestServer } from "./server.ts";

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; "certificate-authority-data": string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  "current-context": string;
}

function get(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { ca }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("npm start", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it("serves /healthz over HTTPS trusted through the generated CA", async () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    expect(await get(`${server.url}/healthz`, server.caPem)).toEqual({ status: 200, body: "ok" });
  });

  it("is not trusted without the CA", async () => {
    await expect(get(`${server.url}/healthz`)).rejects.toMatchObject({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
  });

  it("writes a kubeconfig with the server, the CA and the admin token, readable only by its owner", async () => {
    const config = parse(await readFile(server.kubeconfig, "utf8")) as Kubeconfig;
    expect(config["current-context"]).toBe("edge");
    expect(config.contexts).toEqual([{ name: "edge", context: { cluster: "edge", user: "admin" } }]);
    expect(config.clusters).toEqual([
      {
        name: "edge",
        cluster: { server: server.url, "certificate-authority-data": Buffer.from(server.caPem).toString("base64") },
      },
    ]);
    expect(config.users).toEqual([{ name: "admin", user: { token: server.token } }]);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect((await stat(server.kubeconfig)).mode & 0o777).toBe(0o600);
  });

  it("runs the real kubectl", async () => {
    const result = await server.kubectl(["version", "--client"]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^Client Version: v1\.35\./m);
  });
});

describe("npm start after a restart", () => {
  it("keeps the same CA and token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "edge-kube-e2e-"));
    try {
      const first = await startServer({ dir });
      await first.stop();
      const second = await startServer({ dir });
      try {
        expect(second.caPem).toBe(first.caPem);
        expect(second.token).toBe(first.token);
        expect(await get(`${second.url}/healthz`, second.caPem)).toEqual({ status: 200, body: "ok" });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
