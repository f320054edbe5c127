// JSON merge patch (RFC 7386): objects merge key by key, null deletes, anything else replaces.

import { isPlainObject, type JsonValue } from "./object.ts";

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

export type { JsonValue };
