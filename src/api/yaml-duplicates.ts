// Finds the keys a YAML document repeats inside one mapping. kube converts YAML leniently (the last value wins)
// and, under strict field validation, reports each repeat as yaml.v2's strict decoder words it:
// `line 12: key "paused" already set in map`, the line being that of the repeated key's value.

import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";

/** Go's %#v of a scalar map key: strings quoted, other scalars as they print. */
function goKey(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "<nil>";
  return String(value);
}

/** Line numbers (1-based) of offsets in a text; the newline index is built on first use. */
function lineCounter(text: string): (offset: number) => number {
  let newlines: number[] | undefined;
  return (offset) => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
    }
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}

/**
 * yaml.v2's line for every key the document repeats within one mapping, in the order yaml.v2 finds them:
 * a mapping's entries in order, each value's own repeats before the repeat of its key.
 */
export function yamlDuplicateKeys(doc: Document, text: string): string[] {
  const found: string[] = [];
  const lineOf = lineCounter(text);
  const visit = (node: unknown): void => {
    if (isSeq(node)) {
      for (const item of node.items) visit(item);
      return;
    }
    if (!isMap(node)) return;
    const keys = new Set<string>();
    for (const pair of node.items) {
      visit(pair.value);
      if (!isScalar(pair.key)) continue;
      const value: unknown = pair.key.value;
      const identity = `${typeof value}:${String(value)}`;
      if (!keys.has(identity)) {
        keys.add(identity);
        continue;
      }
      const at = (pair.value as Node | null)?.range?.[0] ?? pair.key.range?.[0] ?? 0;
      found.push(`line ${lineOf(at)}: key ${goKey(value)} already set in map`);
    }
  };
  visit(doc.contents);
  return found;
}
