import { describe, expect, it } from "vitest";
import { jsonEqual } from "./json-equal.ts";

/** The definition, by normalizing: keys sorted, none-values dropped, then compared as text. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalize(v) ?? null);
  if (value === null || typeof value !== "object") return value ?? undefined;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, normalize((value as Record<string, unknown>)[k])] as const)
    .filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
const byDefinition = (a: unknown, b: unknown) => JSON.stringify(normalize(a) ?? null) === JSON.stringify(normalize(b) ?? null);

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function value(rnd: () => number, depth: number): unknown {
  const roll = rnd();
  if (depth > 3 || roll < 0.3) return [null, undefined, 0, 1, "", "a", true, false, -0][Math.floor(rnd() * 9)];
  if (roll < 0.55) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(rnd, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rnd() * 4); i > 0; i--) out[["a", "b", "c"][Math.floor(rnd() * 3)]] = value(rnd, depth + 1);
  return out;
}

describe("jsonEqual", () => {
  it("treats absent, null, empty lists and maps as none, and ignores key order", () => {
    expect(jsonEqual({ a: 1, b: [] }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: { b: null, c: {} } }, {})).toBe(true);
    expect(jsonEqual({ b: 2, a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(jsonEqual([{}], [null])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: "" }, {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: "1" })).toBe(false);
    expect(jsonEqual({ "0": "x" }, ["x"])).toBe(false);
  });

  it("agrees with the normalizing definition on 20,000 random pairs", () => {
    const rnd = random(42);
    let equalPairs = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = value(rnd, 0);
      const b = rnd() < 0.5 ? value(rnd, 0) : structuredClone(a);
      const expected = byDefinition(a, b);
      if (expected) equalPairs++;
      expect(jsonEqual(a, b), JSON.stringify([a, b])).toBe(expected);
    }
    expect(equalPairs).toBeGreaterThan(5_000);
  });
});
