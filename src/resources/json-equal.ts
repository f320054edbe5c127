// kube's semantic equality (apiequality.Semantic.DeepEqual) for JSON values: key order does not matter, and an
// absent, null, empty list or empty map value is the same as none (Go's nil and empty compare equal).

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalize(v) ?? null);
  if (value === null || typeof value !== "object") return value ?? undefined;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, normalize((value as Record<string, unknown>)[k])] as const)
    .filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a) ?? null) === JSON.stringify(normalize(b) ?? null);
}
