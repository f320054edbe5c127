// HTTP watch streams held by the watch hub: this file runs in its own workers project with HTTP_WATCH_STREAMS=hub
// (vitest.config.ts; the default is the relay). The hub writes them, times them out, sends their bookmarks and
// forgets a stream as soon as its client goes.
import { createExecutionContext, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/http/app.ts";
import { adminToken, api, freshNamespace } from "./support/api.ts";
import { watch } from "./support/watch.ts";

const hub = (namespace: string) => env.HUBS.get(env.HUBS.idFromName(`watch/ns/${namespace}`));

/** The hub's watchers by transport. */
async function watchersIn(namespace: string): Promise<{ sockets: number; streams: number }> {
  return runInDurableObject(hub(namespace), (instance: unknown, state: DurableObjectState) => {
    const all = (instance as { watchers?: Map<unknown, unknown> }).watchers?.size ?? 0;
    const sockets = state.getWebSockets().length;
    return { sockets, streams: all - sockets };
  });
}

async function eventually<T>(probe: () => Promise<T>, want: T, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  let value = await probe();
  while (JSON.stringify(value) !== JSON.stringify(want) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    value = await probe();
  }
  return value;
}

describe("HTTP watch streams held by the hub", () => {
  it("holds the stream in memory (no socket) and forgets it as soon as the client goes away", async () => {
    const ns = await freshNamespace();
    const stream = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true`);
    expect(stream.headers.get("content-type")).toBe("application/json");
    expect(stream.headers.get("content-encoding")).toBe("identity");
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 1 })).toEqual({ sockets: 0, streams: 1 });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "a" } });
    expect((await stream.next(1))[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "a" } } });
    // No further write is needed for the hub to notice: the cancelled read side ends the watcher.
    await stream.close();
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 0 }, 1000)).toEqual({ sockets: 0, streams: 0 });
  });

  it("gives many watchers of one spec the same bytes of a round", async () => {
    const ns = await freshNamespace();
    const streams = await Promise.all([1, 2, 3, 4].map(() => watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=app%3Dweb`)));
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "web", labels: { app: "web" } } });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "db", labels: { app: "db" } } });
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/web`);
    for (const s of streams) expect((await s.next(2)).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED web", "DELETED web"]);
    await Promise.all(streams.map((s) => s.close()));
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 0 })).toEqual({ sockets: 0, streams: 0 });
  });

  it("ends the stream at timeoutSeconds and forgets it", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "before" } });
    const started = Date.now();
    const res = await exports.default.fetch(
      new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1`, { headers: { Authorization: `Bearer ${adminToken}` } }),
    );
    const events = (await res.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED before"]);
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 0 })).toEqual({ sockets: 0, streams: 0 });
  });

  it("sends periodic bookmarks to a client that allows them, and none to one that does not", async () => {
    const ns = await freshNamespace();
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const rv = list.body.metadata.resourceVersion;
    // The hub's period is 15 s; this hub's streams get theirs every 300 ms.
    await runInDurableObject(hub(ns), (instance: unknown) => {
      (instance as { streamBookmarkMs: number }).streamBookmarkMs = 300;
    });
    const withBookmarks = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`);
    const without = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}`);
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 2 })).toEqual({ sockets: 0, streams: 2 });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "a" } });
    const [added] = await withBookmarks.next(1);
    await without.next(1);
    const [bookmark] = await withBookmarks.next(1);
    expect(bookmark).toEqual({ type: "BOOKMARK", object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: added.object.metadata.resourceVersion } } });
    expect((await withBookmarks.next(1))[0].type).toBe("BOOKMARK");
    await expect(without.next(1, 300)).rejects.toThrow(/got 0/);
    await Promise.all([withBookmarks.close(), without.close()]);
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 0 })).toEqual({ sockets: 0, streams: 0 });
  });
});

describe("HTTP watch streams relayed by the Worker (HTTP_WATCH_STREAMS=relay)", () => {
  const relayed = (path: string) =>
    Promise.resolve(app.fetch(new Request(`https://kube.test${path}`, { headers: { Authorization: `Bearer ${adminToken}` } }), { ...env, HTTP_WATCH_STREAMS: "relay" }, createExecutionContext()));

  // (Called in the test's own context, the relay's cancel cannot close a socket made in the app's context, so
  // a client going away is not checked here; the relay code is the one that was the default before.)
  it("streams through a hibernatable hub socket", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "before" } });
    const res = await relayed(`/api/v1/namespaces/${ns}/configmaps?watch=true`);
    expect(res.headers.get("content-encoding")).toBe("identity");
    expect(await eventually(() => watchersIn(ns), { sockets: 1, streams: 0 })).toEqual({ sockets: 1, streams: 0 });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first.trim())).toMatchObject({ type: "ADDED", object: { metadata: { name: "before" } } });
    await reader.cancel();
  });

  it("ends the relayed stream at timeoutSeconds", async () => {
    const ns = await freshNamespace();
    const started = Date.now();
    const res = await relayed(`/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1`);
    expect(await res.text()).toBe("");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await eventually(() => watchersIn(ns), { sockets: 0, streams: 0 })).toEqual({ sockets: 0, streams: 0 });
  });
});
