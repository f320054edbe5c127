// The change kube appends to a "spec is immutable" refusal, so the user sees what they tried to change. kube
// prints a Go struct diff; this prints the same information as one "-" and one "+" line per changed field.

import { jsonEqual } from "../json-equal.ts";

export function specDiff(type: string, old: Record<string, unknown> | undefined, next: Record<string, unknown> | undefined): string {
  const before = old ?? {};
  const after = next ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines = [`  ${type}{`];
  for (const key of keys) {
    if (jsonEqual(before[key], after[key])) continue;
    if (before[key] !== undefined) lines.push(`-   ${key}: ${JSON.stringify(before[key])},`);
    if (after[key] !== undefined) lines.push(`+   ${key}: ${JSON.stringify(after[key])},`);
  }
  lines.push("  }");
  return lines.join("\n");
}
