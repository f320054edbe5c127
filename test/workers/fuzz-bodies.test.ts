// Mutated request bodies against the running Worker: every answer is a Status or the object (never a 5xx or a
// crash), and the stored state is exactly what the acknowledged writes made it. Deterministic (seeded).
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { deploymentManifest } from "./support/deployment-manifest.ts";

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const odd: unknown[] = [null, 0, -1, 1.5, 2 ** 53, "", "x".repeat(300), "é\u0000", true, [], {}, [1, "a"], { a: { b: [] } }];

/** One mutation of a JSON value: a key dropped, a value replaced by an odd one, or a key added. */
function mutate(value: unknown, rnd: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  if (value === null || typeof value !== "object" || rnd() < 0.15) return pick(odd);
  if (Array.isArray(value)) {
    if (value.length === 0 || rnd() < 0.2) return [...value, pick(odd)];
    const i = Math.floor(rnd() * value.length);
    return value.map((v, j) => (j === i ? mutate(v, rnd) : v));
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const roll = rnd();
  if (roll < 0.15 && entries.length > 0) return Object.fromEntries(entries.filter((_, j) => j !== Math.floor(rnd() * entries.length)));
  if (roll < 0.25) return { ...(value as object), [pick(["extra", "status", "metadata", "spec", "$patch", "apiVersion"])]: pick(odd) };
  if (entries.length === 0) return { k: pick(odd) };
  const [key, v] = pick(entries);
  return { ...(value as object), [key]: mutate(v, rnd) };
}

/** A body as text, sometimes broken as text too (cut short, stray bytes). */
function text(value: unknown, rnd: () => number): string {
  const json = JSON.stringify(value);
  const roll = rnd();
  if (roll < 0.05) return json.slice(0, Math.floor(rnd() * json.length));
  if (roll < 0.08) return json.replace(/[:,]/, "");
  if (roll < 0.1) return `${json}garbage`;
  return json;
}

function expectStatusOrObject(res: { status: number; body: any; text: string }, what: string): void {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.kind, `${what}: ${res.text.slice(0, 300)}`).toBe("Status");
    expect(res.body.code).toBe(res.status);
  }
}

describe("mutated bodies against the running server", () => {
  it("creates: every answer is the object or a Status, and exactly the acknowledged objects exist", async () => {
    const ns = await freshNamespace();
    const rnd = random(7);
    const created = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const base = i % 2 === 0 ? deploymentManifest(`d${i}`) : { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c${i}` }, data: { a: "1" } };
      const body = mutate(mutate(base, rnd), rnd);
      const path = i % 2 === 0 ? `/apis/apps/v1/namespaces/${ns}/deployments` : `/api/v1/namespaces/${ns}/configmaps`;
      const res = await api("POST", path, text(body, rnd));
      expectStatusOrObject(res, `create #${i} ${JSON.stringify(body).slice(0, 200)}`);
      if (res.status === 201) created.add(`${res.body.kind}/${res.body.metadata.name}`);
    }
    // The mutations reach both outcomes, or the test would prove little.
    expect(created.size).toBeGreaterThan(10);
    expect(created.size).toBeLessThan(140);
    const deployments = (await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments`)).body.items.map((o: any) => `Deployment/${o.metadata.name}`);
    const configMaps = (await api("GET", `/api/v1/namespaces/${ns}/configmaps`)).body.items.map((o: any) => `ConfigMap/${o.metadata.name}`);
    expect(new Set([...deployments, ...configMaps])).toEqual(created);
  });

  it("updates and patches: a refused write changes nothing; the object is what the last accepted one made it", async () => {
    const ns = await freshNamespace();
    const path = `/apis/apps/v1/namespaces/${ns}/deployments`;
    let current = (await api("POST", path, deploymentManifest("web"))).body;
    const rnd = random(11);
    const kinds = [
      ["PUT", "application/json"],
      ["PATCH", "application/merge-patch+json"],
      ["PATCH", "application/strategic-merge-patch+json"],
      ["PATCH", "application/json-patch+json"],
      ["PATCH", "application/apply-patch+yaml"],
    ] as const;
    let accepted = 0;
    for (let i = 0; i < 150; i++) {
      const [method, type] = kinds[i % kinds.length];
      let body: unknown;
      if (type === "application/json-patch+json") body = [{ op: rnd() < 0.5 ? "replace" : "add", path: rnd() < 0.5 ? "/spec/replicas" : "/spec/template/spec/containers/0/image", value: mutate(3, rnd) }];
      else if (method === "PUT") body = mutate(current, rnd);
      else body = mutate({ spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image: "nginx" }] } } } }, rnd);
      const query = type === "application/apply-patch+yaml" ? "?fieldManager=fuzz&force=true" : "";
      const res = await api(method, `${path}/web${query}`, text(body, rnd), { "Content-Type": type });
      expectStatusOrObject(res, `${method} ${type} #${i} ${JSON.stringify(body).slice(0, 200)}`);
      const now = (await api("GET", `${path}/web`)).body;
      if (res.status < 300) {
        current = now;
        accepted++;
      }
      else expect(now, `refused write #${i} changed the object`).toEqual(current);
    }
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(140);
  });
});
