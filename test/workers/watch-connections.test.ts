import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminToken, api, freshNamespace } from "./support/api.ts";
import { watch } from "./support/watch.ts";

const hub = (namespace: string) => env.HUBS.get(env.HUBS.idFromName(`watch/ns/${namespace}`));

async function socketsIn(namespace: string): Promise<number> {
  return runInDurableObject(hub(namespace), (_instance: unknown, state: DurableObjectState) => state.getWebSockets().length);
}

/** The hub's watchers: WebSockets and the HTTP streams it holds in memory. */
async function watchersIn(namespace: string): Promise<number> {
  return runInDurableObject(hub(namespace), (instance: unknown) => (instance as { watchers?: Map<unknown, unknown> }).watchers?.size ?? 0);
}

async function eventually(probe: () => Promise<number>, want: number): Promise<number> {
  const until = Date.now() + 3000;
  let value = await probe();
  while (value !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}

describe("watch connections", () => {
  it("delivers one JSON text frame per event to a WebSocket client", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "before" } });
    const protocol = `base64url.bearer.authorization.k8s.io.${btoa(adminToken).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}`;
    const res = await exports.default.fetch(
      new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps?watch=true`, { headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": protocol } }),
    );
    expect(res.status).toBe(101);
    const socket = res.webSocket!;
    const frames: string[] = [];
    socket.addEventListener("message", (event) => frames.push(String(event.data)));
    socket.accept();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "after" } });
    const until = Date.now() + 3000;
    while (frames.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(frames.map((f) => JSON.parse(f)).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED before", "ADDED after"]);
    socket.close(1000, "done");
    expect(await eventually(() => socketsIn(ns), 0)).toBe(0);
    expect(await eventually(() => watchersIn(ns), 0)).toBe(0);
  });

  it("leaves nothing behind when an HTTP watch client goes away mid-stream", async () => {
    const ns = await freshNamespace();
    const streams = await Promise.all([1, 2, 3].map(() => watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=60`)));
    expect(await eventually(() => socketsIn(ns), 3)).toBe(3);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "x" } });
    await streams[0].next(1);
    await Promise.all(streams.map((s) => s.close()));
    expect(await eventually(() => socketsIn(ns), 0)).toBe(0);
    // Writes after the clients left still succeed, and a new watch works.
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "y" } });
    const again = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true`);
    expect((await again.next(2)).map((e) => e.object.metadata.name)).toEqual(["x", "y"]);
    await again.close();
  });

  it("ends the stream when timeoutSeconds passes", async () => {
    const ns = await freshNamespace();
    const res = await exports.default.fetch(
      new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1`, { headers: { Authorization: `Bearer ${adminToken}` } }),
    );
    const started = Date.now();
    const text = await res.text();
    expect(text).toBe("");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await eventually(() => watchersIn(ns), 0)).toBe(0);
  });
});

describe("slow watch clients", () => {
  it("closes a client that does not read, after everything queued and an ERROR event", async () => {
    const ns = await freshNamespace();
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const res = await exports.default.fetch(
      new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      }),
    );
    // The client reads nothing while 20 changes of ~1 MiB each (more than the 16 MiB allowed) are made.
    const big = "x".repeat(1000 * 1024);
    for (let i = 0; i < 20; i++) {
      expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: `big-${i}` }, data: { v: big } })).status).toBe(201);
    }
    await new Promise((r) => setTimeout(r, 300));
    const lines = (await res.text()).trim().split("\n").map((line) => JSON.parse(line));
    const last = lines[lines.length - 1];
    expect(last.type).toBe("ERROR");
    expect(last.object).toMatchObject({ kind: "Status", code: 429, reason: "TooManyRequests" });
    const added = lines.slice(0, -1);
    expect(added.length).toBeGreaterThanOrEqual(16);
    expect(added.map((e) => e.object.metadata.name)).toEqual(added.map((_, i) => `big-${i}`));
    expect(await eventually(() => watchersIn(ns), 0)).toBe(0);
    // Writers were never held back by the slow client.
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=1`)).body.metadata.remainingItemCount).toBe(19);
  });
});
