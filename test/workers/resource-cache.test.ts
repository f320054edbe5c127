// The per-isolate cache of D1-built state (RBAC's rules, the kind catalog) against the real D1: a request never
// waits on a re-check another request started (on workerd it would resume in that request's context and could
// not read its own body), yet after an invalidation or when it names a newer fingerprint it sees the change.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ResourceCache } from "../../src/storage/resource-cache.ts";
import { api, freshNamespace } from "./support/api.ts";

/** A cache of how many ConfigMaps there are in namespaces named like `prefix`. */
function configMapCount(prefix: string) {
  let builds = 0;
  const cache = new ResourceCache(env.DB, ["configmaps"], (objects) => {
    builds++;
    return { count: (objects.get("configmaps") ?? []).filter((o) => o.metadata.namespace?.startsWith(prefix)).length };
  });
  return { cache, builds: () => builds };
}

async function addConfigMap(ns: string, name: string) {
  expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name } })).status).toBe(201);
}

describe("ResourceCache", () => {
  it("answers with the value held while another caller re-checks, and never an older one after", async () => {
    const ns = await freshNamespace("rc");
    const { cache } = configMapCount(ns);
    const t0 = Date.now();
    const first = await cache.current(undefined, t0);
    expect(first.count).toBe(0);
    await addConfigMap(ns, "a");
    // Two seconds on: the first caller re-checks D1; the second, arriving meanwhile, does not wait on it.
    const checking = cache.current(undefined, t0 + 2000);
    const meanwhile = cache.current(undefined, t0 + 2000);
    expect(await meanwhile).toBe(first);
    const after = await checking;
    expect(after.count).toBe(1);
    expect(await cache.current(undefined, t0 + 2001)).toBe(after);
  });

  it("re-checks for every caller after an invalidation, or when a caller names another fingerprint", async () => {
    const ns = await freshNamespace("rc");
    const { cache, builds } = configMapCount(ns);
    const t0 = Date.now();
    await cache.current(undefined, t0);
    await addConfigMap(ns, "a");
    cache.invalidate();
    const [x, y] = await Promise.all([cache.current(undefined, t0 + 1), cache.current(undefined, t0 + 1)]);
    expect([x.count, y.count]).toEqual([1, 1]);
    expect(builds()).toBe(2);

    await addConfigMap(ns, "b");
    const other = configMapCount(ns);
    const seen = await other.cache.current();
    expect(seen.count).toBe(2);
    // Within its second, the first cache still holds one ConfigMap, unless a caller names what it has seen.
    expect((await cache.current(undefined, t0 + 2)).count).toBe(1);
    expect((await cache.current(other.cache.fingerprint, t0 + 3)).count).toBe(2);
  });
});
