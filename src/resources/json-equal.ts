// kube's semantic equality (apiequality.Semantic.DeepEqual) for JSON values: key order does not matter, and an
// absent, null, empty list or empty map value is the same as none (Go's nil and empty compare equal); a map
// whose values are all such is empty too. Compared in place, without copying: the write path runs this on
// every update (the unchanged check, generation).

/** The value is the same as none: absent, null, an empty list, or a map of nothing but such values. */
function isNone(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== "object") return false;
  for (const key in value) if (!isNone((value as Record<string, unknown>)[key])) return false;
  return true;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const noneA = isNone(a);
  const noneB = isNone(b);
  if (noneA || noneB) return noneA && noneB;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!jsonEqual(x[key], y[key])) return false;
  for (const key in y) if (!(key in x) && !isNone(y[key])) return false;
  return true;
}
