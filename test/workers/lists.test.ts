import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

async function seed(ns: string, count: number, labels: (i: number) => Record<string, string> = () => ({})) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: `cm-${String(i).padStart(3, "0")}`, labels: labels(i) } });
    out.push(res.body);
  }
  return out;
}

describe("lists", () => {
  it("lists in name order with the list's resourceVersion", async () => {
    const ns = await freshNamespace();
    const created = await seed(ns, 3);
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    expect(list.body.kind).toBe("ConfigMapList");
    expect(list.body.apiVersion).toBe("v1");
    expect(list.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-000", "cm-001", "cm-002"]);
    expect(Number(list.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(created[2].metadata.resourceVersion));
  });

  it("filters by label selector, including set-based requirements", async () => {
    const ns = await freshNamespace();
    await seed(ns, 6, (i) => ({ tier: ["web", "db", "cache"][i % 3], ...(i < 2 ? { canary: "yes" } : {}) }));
    const names = async (selector: string) =>
      (await api("GET", `/api/v1/namespaces/${ns}/configmaps?labelSelector=${encodeURIComponent(selector)}`)).body.items.map((i: any) => i.metadata.name);
    expect(await names("tier=web")).toEqual(["cm-000", "cm-003"]);
    expect(await names("tier in (db,cache),!canary")).toEqual(["cm-002", "cm-004", "cm-005"]);
    expect(await names("canary")).toEqual(["cm-000", "cm-001"]);
    expect(await names("tier!=web,tier notin (cache)")).toEqual(["cm-001", "cm-004"]);
    const bad = await api("GET", `/api/v1/namespaces/${ns}/configmaps?labelSelector=${encodeURIComponent("tier in (a")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe("BadRequest");
  });

  it("filters by field selector and refuses unknown fields", async () => {
    const ns = await freshNamespace();
    await seed(ns, 3);
    const one = await api("GET", `/api/v1/namespaces/${ns}/configmaps?fieldSelector=metadata.name%3Dcm-001`);
    expect(one.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-001"]);
    const not = await api("GET", `/api/v1/namespaces/${ns}/configmaps?fieldSelector=metadata.name!%3Dcm-001`);
    expect(not.body.items).toHaveLength(2);
    const bad = await api("GET", `/api/v1/namespaces/${ns}/configmaps?fieldSelector=spec.nope%3Dx`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("field label not supported: spec.nope");
  });

  it("pages with limit and continue over one consistent snapshot", async () => {
    const ns = await freshNamespace();
    await seed(ns, 5);
    const first = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=2`);
    expect(first.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-000", "cm-001"]);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const token = first.body.metadata.continue;
    expect(token).toBeTruthy();
    // Changes after the first page do not show in later pages.
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/cm-003`);
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "cm-002a" } });
    const second = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=2&continue=${encodeURIComponent(token)}`);
    expect(second.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-002", "cm-003"]);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    const third = await api("GET", `/api/v1/namespaces/${ns}/configmaps?limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`);
    expect(third.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-004"]);
    expect(third.body.metadata.continue).toBeUndefined();
    const bad = await api("GET", `/api/v1/namespaces/${ns}/configmaps?continue=garbage`);
    expect(bad.status).toBe(400);
  });

  it("shows later pages as they were at the first page's resourceVersion, whether or not anything changed since", async () => {
    const ns = await freshNamespace();
    const created = await seed(ns, 4);
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const page = async (token: string) => (await api("GET", `${base}?limit=2&continue=${encodeURIComponent(token)}`)).body;
    const first = (await api("GET", `${base}?limit=2`)).body;
    // Nothing changed: the later page is the current objects.
    const unchanged = await page(first.metadata.continue);
    expect(unchanged.items.map((i: any) => [i.metadata.name, i.metadata.resourceVersion])).toEqual(
      created.slice(2).map((c: any) => [c.metadata.name, c.metadata.resourceVersion]),
    );
    expect(unchanged.metadata.remainingItemCount).toBeUndefined();
    // An update after the first page: the later page still shows the object as it was.
    const updated = await api("PUT", `${base}/cm-002`, { metadata: { name: "cm-002", labels: { changed: "yes" } } });
    expect(updated.status).toBe(200);
    const before = await page(first.metadata.continue);
    expect(before.items[0].metadata.labels?.changed).toBeUndefined();
    expect(before.items[0].metadata.resourceVersion).toBe(created[2].metadata.resourceVersion);
    // Across all namespaces likewise.
    const all = (await api("GET", `/api/v1/configmaps?limit=1`)).body;
    await api("PUT", `${base}/cm-003`, { metadata: { name: "cm-003", labels: { changed: "yes" } } });
    let token = all.metadata.continue;
    let found: any;
    while (token && !found) {
      const next = (await api("GET", `/api/v1/configmaps?limit=200&continue=${encodeURIComponent(token)}`)).body;
      expect(next.metadata.resourceVersion).toBe(all.metadata.resourceVersion);
      found = next.items.find((i: any) => i.metadata.namespace === ns && i.metadata.name === "cm-003");
      token = next.metadata.continue;
    }
    expect(found.metadata.labels?.changed).toBeUndefined();
    expect(found.metadata.resourceVersion).toBe(created[3].metadata.resourceVersion);
  });

  it("lists an exact past resourceVersion", async () => {
    const ns = await freshNamespace();
    await seed(ns, 2);
    const before = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/cm-000`);
    const rv = before.body.metadata.resourceVersion;
    const past = await api("GET", `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect(past.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-000", "cm-001"]);
    const future = await api("GET", `/api/v1/namespaces/${ns}/configmaps?resourceVersion=999999999`);
    expect(future.status).toBe(504);
    expect(future.body.reason).toBe("Timeout");
  });

  it("lists across all namespaces", async () => {
    const a = await freshNamespace();
    const b = await freshNamespace();
    await seed(a, 1);
    await seed(b, 1);
    const all = await api("GET", `/api/v1/configmaps`);
    const keys = all.body.items.map((i: any) => `${i.metadata.namespace}/${i.metadata.name}`);
    expect(keys).toEqual(expect.arrayContaining([`${a}/cm-000`, `${b}/cm-000`]));
  });

  it("answers a Table with kube's columns", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "t" }, data: { a: "1", b: "2" } });
    const table = await api("GET", `/api/v1/namespaces/${ns}/configmaps`, undefined, {
      Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
    });
    expect(table.body.kind).toBe("Table");
    expect(table.body.columnDefinitions.map((c: any) => c.name)).toEqual(["Name", "Data", "Age"]);
    expect(table.body.rows[0].cells.slice(0, 2)).toEqual(["t", 2]);
    expect(table.body.rows[0].object.kind).toBe("PartialObjectMetadata");
  });

  it("deletes a collection by label", async () => {
    const ns = await freshNamespace();
    await seed(ns, 4, (i) => ({ keep: i % 2 ? "yes" : "no" }));
    const res = await api("DELETE", `/api/v1/namespaces/${ns}/configmaps?labelSelector=keep%3Dno`);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe("ConfigMapList");
    expect(res.body.items).toHaveLength(2);
    const left = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    expect(left.body.items.map((i: any) => i.metadata.name)).toEqual(["cm-001", "cm-003"]);
  });
});
