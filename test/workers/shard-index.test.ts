// A shard's index against the real D1: object texts are cached by key and revision for the whole isolate, so a
// shard that starts again (the runtime evicts idle Durable Objects) reads what D1 holds now, never an older text.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ShardIndex } from "../../src/storage/shard-index.ts";

let counter = 0;
const freshShard = () => `texts-${Date.now().toString(36)}-${counter++}`;

async function store(namespace: string, name: string, data: Record<string, string>): Promise<number> {
  const value = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data });
  const [log] = await env.DB.batch<{ id: number }>([
    env.DB.prepare("INSERT INTO log (resource, namespace, name, event, value, created_at) VALUES ('configmaps', ?1, ?2, 'MODIFIED', ?3, 0) RETURNING id").bind(namespace, name, value),
    env.DB.prepare(
      `INSERT INTO objects (resource, namespace, name, rv, value) VALUES ('configmaps', ?1, ?2, last_insert_rowid(), ?3)
       ON CONFLICT (resource, namespace, name) DO UPDATE SET rv = excluded.rv, value = excluded.value`,
    ).bind(namespace, name, value),
  ]);
  return log.results[0].id;
}

describe("ShardIndex", () => {
  it("reads what D1 holds after another instance of the shard wrote, not the text it cached before", async () => {
    const ns = freshShard();
    const first = await store(ns, "a", { v: "1" });
    const before = await ShardIndex.load(env.DB, ns);
    expect((await before.get(env.DB, "configmaps", "a"))?.data).toEqual({ v: "1" });

    const second = await store(ns, "a", { v: "2" });
    const restarted = await ShardIndex.load(env.DB, ns);
    const read = await restarted.get(env.DB, "configmaps", "a");
    expect(read?.data).toEqual({ v: "2" });
    expect(read?.metadata.resourceVersion).toBe(String(second));
    expect(second).toBeGreaterThan(first);
  });

  it("gives every reader its own copy", async () => {
    const ns = freshShard();
    await store(ns, "a", { v: "1" });
    const index = await ShardIndex.load(env.DB, ns);
    const one = await index.get(env.DB, "configmaps", "a");
    one!.data = { v: "changed" };
    expect((await index.get(env.DB, "configmaps", "a"))?.data).toEqual({ v: "1" });
  });

  it("serves a committed text and forgets a deleted object", async () => {
    const ns = freshShard();
    const index = await ShardIndex.load(env.DB, ns);
    const text = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: ns }, data: { k: "x" } });
    index.committed("configmaps", "b", text, 7);
    const read = await index.get(env.DB, "configmaps", "b");
    expect(read?.data).toEqual({ k: "x" });
    expect(read?.metadata.resourceVersion).toBe("7");
    expect(index.names("configmaps")).toEqual(["b"]);
    index.committed("configmaps", "b", undefined, 8);
    expect(await index.get(env.DB, "configmaps", "b")).toBeUndefined();
    expect(index.has("configmaps", "b")).toBe(false);
  });

  it("prefetches the uncached objects of a batch in one read", async () => {
    const ns = freshShard();
    for (const name of ["p", "q", "r"]) await store(ns, name, { name });
    const index = await ShardIndex.load(env.DB, ns);
    await index.prefetch(env.DB, [
      ["configmaps", "p"],
      ["configmaps", "q"],
      ["configmaps", "missing"],
    ]);
    // Gone from D1 now: only the prefetched texts can answer.
    await env.DB.prepare("DELETE FROM objects WHERE namespace = ?1").bind(ns).run();
    expect((await index.get(env.DB, "configmaps", "p"))?.data).toEqual({ name: "p" });
    expect((await index.get(env.DB, "configmaps", "q"))?.data).toEqual({ name: "q" });
    expect(await index.get(env.DB, "configmaps", "r")).toBeUndefined();
  });
});
