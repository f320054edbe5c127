import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { relayTiming } from "../../src/http/watch-handler.ts";
import { api, freshNamespace } from "./support/api.ts";
import { watch } from "./support/watch.ts";

const summary = (events: any[]) => events.map((e) => `${e.type} ${e.object.metadata.name}`);

describe("watch", () => {
  it("streams every change after a list's resourceVersion, in order, exactly once", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "before" } });
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    expect(w.status).toBe(200);
    expect(w.headers.get("content-type")).toBe("application/json");
    const a = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "a" } })).body;
    const a2 = (await api("PUT", `/api/v1/namespaces/${ns}/configmaps/a`, { metadata: { name: "a" }, data: { x: "1" } })).body;
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/before`);
    const events = await w.next(3);
    expect(summary(events)).toEqual(["ADDED a", "MODIFIED a", "DELETED before"]);
    expect(events[0].object.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(events[1].object.metadata.resourceVersion).toBe(a2.metadata.resourceVersion);
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    await expect(w.next(1, 300)).rejects.toThrow();
    await w.close();
  });

  it("starts with the current objects when no resourceVersion is given", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "x" } });
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1`);
    expect(summary(await w.next(1))).toEqual(["ADDED x"]);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "y" } });
    expect(summary(await w.next(1))).toEqual(["ADDED y"]);
    await w.close();
  });

  it("gives watchers that start together their current objects, and every change made after they were answered", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    for (let i = 0; i < 12; i++) await api("POST", base, { metadata: { name: `cm-${i}`, labels: { app: i % 2 ? "a" : "b" } } });
    const names = (await api("GET", base)).body.items.map((o: any) => o.metadata.name).sort();
    const selected = (await api("GET", `${base}?labelSelector=app%3Da`)).body.items.map((o: any) => o.metadata.name).sort();
    const watchers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => watch(`${base}?watch=true${i % 2 ? "&labelSelector=app%3Da" : ""}`)),
    );
    // Made and gone after every watch was answered: each must see both, whenever its first events are read.
    await api("POST", base, { metadata: { name: "late", labels: { app: "a" } } });
    await api("DELETE", `${base}/late`);
    for (const [i, w] of watchers.entries()) {
      const expected = i % 2 ? selected : names;
      const events = await w.next(expected.length + 2);
      expect(events.slice(0, -2).map((e) => `${e.type} ${e.object.metadata.name}`).sort()).toEqual(expected.map((n: string) => `ADDED ${n}`).sort());
      expect(summary(events.slice(-2))).toEqual(["ADDED late", "DELETED late"]);
      await w.close();
    }
  });

  it("gets the next change from the commit's poke when it starts right after writes nobody watched", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    // A commit with no watchers: the shard leaves the hub alone for a while after.
    await api("POST", base, { metadata: { name: "unwatched" } });
    const list = await api("GET", base);
    const w = await watch(`${base}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    // Only a poke can deliver now: the hub's own sweeps are a minute away.
    await runInDurableObject(env.HUBS.get(env.HUBS.idFromName(`watch/ns/${ns}`)), async (instance: unknown, state: DurableObjectState) => {
      (instance as { fastSweepUntil: number }).fastSweepUntil = 0;
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    await api("POST", base, { metadata: { name: "watched" } });
    expect(summary(await w.next(1))).toEqual(["ADDED watched"]);
    await w.close();
  });

  it("sends initial events then the initial-events-end bookmark", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "i1" } });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "i2" } });
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`);
    const events = await w.next(3);
    expect(events.map((e) => e.type)).toEqual(["ADDED", "ADDED", "BOOKMARK"]);
    expect(events[2].object.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
    expect(events[2].object.kind).toBe("ConfigMap");
    await w.close();
  });

  it("turns moves into and out of a label selector into ADDED and DELETED", async () => {
    const ns = await freshNamespace();
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion=${list.body.metadata.resourceVersion}`);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "m", labels: { app: "db" } } });
    await api("PUT", `/api/v1/namespaces/${ns}/configmaps/m`, { metadata: { name: "m", labels: { app: "web" } } });
    await api("PUT", `/api/v1/namespaces/${ns}/configmaps/m`, { metadata: { name: "m", labels: { app: "web" } }, data: { v: "2" } });
    await api("PUT", `/api/v1/namespaces/${ns}/configmaps/m`, { metadata: { name: "m", labels: { app: "db" } } });
    expect((await w.next(3)).map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED"]);
    await w.close();
  });

  it("watches all namespaces in one resourceVersion order", async () => {
    const a = await freshNamespace();
    const b = await freshNamespace();
    const list = await api("GET", `/api/v1/configmaps`);
    const w = await watch(`/api/v1/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    for (let i = 0; i < 6; i++) await api("POST", `/api/v1/namespaces/${i % 2 ? a : b}/configmaps`, { metadata: { name: `c${i}` } });
    const events = await w.next(6);
    expect(events.map((e) => `${e.object.metadata.namespace}/${e.object.metadata.name}`)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${i % 2 ? a : b}/c${i}`));
    await w.close();
  });

  it("watches one object by name", async () => {
    const ns = await freshNamespace();
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&fieldSelector=metadata.name%3Done&resourceVersion=${list.body.metadata.resourceVersion}`);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "other" } });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "one" } });
    expect(summary(await w.next(1))).toEqual(["ADDED one"]);
    await w.close();
  });

  it("refuses bad parameters with 400", async () => {
    const ns = await freshNamespace();
    const bad = await api("GET", `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=abc`);
    expect(bad.status).toBe(400);
    const badSel = await api("GET", `/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=a%20in%20(`);
    expect(badSel.status).toBe(400);
    const badTimeout = await api("GET", `/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=x`);
    expect(badTimeout.status).toBe(400);
  });

  it("sends Table events with column definitions only in the first", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "t1" } });
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true`, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    const [first] = await w.next(1);
    expect(first.object.kind).toBe("Table");
    expect(first.object.columnDefinitions.map((c: any) => c.name)).toEqual(["Name", "Data", "Age"]);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "t2" } });
    const [second] = await w.next(1);
    expect(second.object.columnDefinitions).toEqual([]);
    expect(second.object.rows[0].cells[0]).toBe("t2");
    await w.close();
  });
});

describe("periodic bookmarks of a relayed watch (the default)", () => {
  const period = relayTiming.bookmarkEveryMs;
  afterEach(() => {
    relayTiming.bookmarkEveryMs = period;
  });

  it("sends bookmarks at the latest version to a client that allows them, and none to one that does not", async () => {
    // kube's period is a minute or so; the relay's is 15 s, shortened here.
    relayTiming.bookmarkEveryMs = 300;
    const ns = await freshNamespace();
    const rv = (await api("GET", `/api/v1/namespaces/${ns}/configmaps`)).body.metadata.resourceVersion;
    const withBookmarks = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`);
    const without = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}`);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "a" } });
    const [added] = await withBookmarks.next(1);
    expect(added).toMatchObject({ type: "ADDED", object: { metadata: { name: "a" } } });
    expect((await without.next(1))[0].type).toBe("ADDED");
    const [bookmark] = await withBookmarks.next(1);
    expect(bookmark).toEqual({ type: "BOOKMARK", object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: added.object.metadata.resourceVersion } } });
    expect((await withBookmarks.next(1))[0].type).toBe("BOOKMARK");
    await expect(without.next(1, 700)).rejects.toThrow(/got 0/);
    await Promise.all([withBookmarks.close(), without.close()]);
  });
});

describe("legacy watch paths", () => {
  it("serves /api/v1/watch/namespaces/{ns}/{resource} as a watch", async () => {
    const ns = await freshNamespace();
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const w = await watch(`/api/v1/watch/namespaces/${ns}/configmaps?resourceVersion=${list.body.metadata.resourceVersion}`);
    expect(w.status).toBe(200);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "legacy" } });
    expect(summary(await w.next(1))).toEqual(["ADDED legacy"]);
    await w.close();
  });
});
