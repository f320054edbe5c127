// Concurrent writes to one namespace, queued behind a committing batch and run many to a batch: whatever the
// batching, every acknowledged write is applied on the state before it, versions are unique and ordered, and
// an answer carries the resourceVersion of the state it shows.
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const jsonPatch = { "Content-Type": "application/json-patch+json" };

describe("writes queued behind a committing batch", () => {
  it("applies 40 concurrent patches of one object, each on the one before", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    await api("POST", base, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { start: "0" } });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api("PATCH", `${base}/c`, [{ op: "add", path: `/data/k${i}`, value: String(i) }], jsonPatch)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const versions = answers.map((a) => Number(a.body.metadata.resourceVersion));
    expect(new Set(versions).size).toBe(40);
    // Each answer holds every key added by the writes committed before it.
    const byVersion = answers.slice().sort((a, b) => Number(a.body.metadata.resourceVersion) - Number(b.body.metadata.resourceVersion));
    byVersion.forEach((a, i) => expect(Object.keys(a.body.data).length).toBe(i + 2));
    const final = await api("GET", `${base}/c`);
    expect(Object.keys(final.body.data).length).toBe(41);
    expect(Number(final.body.metadata.resourceVersion)).toBe(Math.max(...versions));
  });

  it("answers a no-op update of an object changed a moment before with that change's resourceVersion", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    await api("POST", base, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "n" }, data: { a: "1" } });
    const merge = { "Content-Type": "application/merge-patch+json" };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api("PATCH", `${base}/n`, { data: { a: String(Math.floor(i / 3) % 2) } }, merge)),
    );
    // An answer's resourceVersion names the state it shows: answers with one version show one content.
    const contentAt = new Map<string, string>();
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.metadata.resourceVersion).toMatch(/^\d+$/);
      const seen = contentAt.get(r.body.metadata.resourceVersion);
      if (seen !== undefined) expect(r.body.data.a).toBe(seen);
      contentAt.set(r.body.metadata.resourceVersion, r.body.data.a);
    }
    const final = await api("GET", `${base}/n`);
    const last = results.map((r) => Number(r.body.metadata.resourceVersion));
    expect(Number(final.body.metadata.resourceVersion)).toBe(Math.max(...last));
  });

  it("creates and deletes concurrently without losing or resurrecting an object", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });
    const ops = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? api("POST", base, cm(`x${i >> 1}`)) : api("DELETE", `${base}/x${i >> 1}`)));
    const results = await Promise.all(ops);
    const created = results.filter((r, i) => i % 2 === 0 && r.status === 201).length;
    expect(created).toBe(15);
    const remaining = (await api("GET", base)).body.items.map((o: any) => o.metadata.name);
    const deleted = results.filter((r, i) => i % 2 === 1 && r.status === 200).length;
    expect(remaining.length).toBe(15 - deleted);
  });

  it("commits concurrent writes of large objects, more than one statement's parameters hold, each intact", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    // 300 KiB objects go in statements of their own; 12 of 120 KiB fill more than one 1 MiB chunk; quotes and
    // backslashes grow when a text is put inside another JSON text.
    const sizes = [...Array.from({ length: 6 }, () => 300 * 1024), ...Array.from({ length: 12 }, () => 120 * 1024), 10, 10];
    const payload = (i: number, size: number) => `${i}:"\\${"q\"".repeat(size / 4)}`.slice(0, size);
    const answers = await Promise.all(
      sizes.map((size, i) => api("POST", base, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `big-${i}` }, data: { v: payload(i, size) } })),
    );
    expect(answers.map((a) => a.status)).toEqual(sizes.map(() => 201));
    const versions = answers.map((a) => Number(a.body.metadata.resourceVersion));
    expect(new Set(versions).size).toBe(sizes.length);
    for (const [i, size] of sizes.entries()) {
      const read = await api("GET", `${base}/big-${i}`);
      expect(read.body.data.v).toBe(payload(i, size));
      expect(read.body.metadata.resourceVersion).toBe(String(versions[i]));
    }
  });
});
