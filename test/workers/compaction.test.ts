import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { compactLog } from "../../src/controllers/compaction.ts";
import { api, freshNamespace } from "./support/api.ts";
import { watch } from "./support/watch.ts";

const everything = { windowMs: 0, minEvents: 0, batchRows: 2, maxBatches: 1000 };

describe("compaction", () => {
  it("keeps the current state and answers 410 for history it dropped", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "a" } });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "b" } });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "c" } });
    const page = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=1`);
    const oldRv = page.body.metadata.resourceVersion;
    await api("PUT", `/api/v1/namespaces/${ns}/configmaps/a`, { metadata: { name: "a" }, data: { v: "2" } });
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/b`);
    // One more change so the compaction target lies past every change above.
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "z" } });

    const run = await compactLog(env.DB, new Date(), everything);
    expect(run.deleted).toBeGreaterThan(0);
    expect(run.more).toBe(false);

    const now = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    expect(now.body.items.map((i: any) => i.metadata.name)).toEqual(["a", "c", "z"]);
    expect(now.body.items[0].data).toEqual({ v: "2" });

    const expired = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=1&continue=${encodeURIComponent(page.body.metadata.continue)}`);
    expect(expired.status).toBe(410);
    expect(expired.body.reason).toBe("Expired");
    expect(expired.body.metadata.continue).toBeTruthy();

    const exact = await api("GET", `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${oldRv}&resourceVersionMatch=Exact`);
    expect(exact.status).toBe(410);

    const w = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${oldRv}`);
    const [event] = await w.next(1);
    expect(event.type).toBe("ERROR");
    expect(event.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(event.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    await w.close();
  });

  it("keeps at least the configured number of recent changes", async () => {
    const ns = await freshNamespace();
    for (let i = 0; i < 5; i++) await api("PUT", `/api/v1/namespaces/${ns}/configmaps/x`, { metadata: { name: "x" }, data: { i: String(i) } }).then(async (r) => {
      if (r.status === 404) await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "x" }, data: { i: String(i) } });
    });
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const rv = Number(list.body.metadata.resourceVersion);
    await compactLog(env.DB, new Date(), { ...everything, minEvents: 3 });
    const recent = await api("GET", `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${rv - 2}&resourceVersionMatch=Exact`);
    expect(recent.status).toBe(200);
    const old = await api("GET", `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${rv - 4}&resourceVersionMatch=Exact`);
    expect(old.status).toBe(410);
  });
});
