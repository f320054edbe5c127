// JSON data as CEL values, by the node's CEL view (kube's UnstructuredToVal): integers become bigint, objects
// instances of their node's class keyed by escaped field names (a null field of an object is absent), maps JS
// Maps, strings of format date-time/duration/byte timestamps, durations and bytes. A value that does not match
// its schema is passed through as it is, so a rule that reads it fails at run time as kube's does.

import { Duration } from "@marcbachmann/cel-js/evaluator";
import type { CelNode } from "./cel-model.ts";

/** Converted values of one evaluation, by the JSON object or array they came from (and the node they are for). */
export type CelValueCache = WeakMap<object, { node: CelNode; value: unknown }>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toCelValue(value: unknown, node: CelNode, cache?: CelValueCache): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && cache) {
    const hit = cache.get(value);
    if (hit?.node === node) return hit.value;
    const converted = convert(value, node, cache);
    cache.set(value, { node, value: converted });
    return converted;
  }
  return convert(value, node, cache);
}

function convert(value: unknown, node: CelNode, cache?: CelValueCache): unknown {
  switch (node.kind) {
    case "object": {
      if (!isPlainObject(value)) return value;
      const out = new node.ctor();
      for (const [escaped, field] of node.fields) {
        const v = value[field.name];
        if (v !== undefined && v !== null) out.set(escaped, toCelValue(v, field.node, cache));
      }
      return out;
    }
    case "map": {
      if (!isPlainObject(value)) return value;
      const out = new Map<string, unknown>();
      for (const [k, v] of Object.entries(value)) out.set(k, toCelValue(v, node.values, cache));
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((item) => toCelValue(item, node.items, cache)) : value;
    case "scalar":
      return scalarValue(value, node.scalar);
  }
}

function scalarValue(value: unknown, scalar: Extract<CelNode, { kind: "scalar" }>["scalar"]): unknown {
  switch (scalar) {
    case "int":
    case "int-or-string":
      return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
    case "double":
      return value;
    case "bytes":
      return typeof value === "string" ? (decodeBase64(value) ?? value) : value;
    case "duration":
      return typeof value === "string" ? (parseDuration(value) ?? value) : value;
    case "timestamp":
      return typeof value === "string" ? (parseTimestamp(value) ?? value) : value;
    default:
      return value;
  }
}

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

function parseTimestamp(text: string): Date | undefined {
  if (!timestampPattern.test(text)) return undefined;
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text.replace(" ", "T"));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const durationUnits: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n,
  "μs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

/** A Go duration string ("1h30m", "-1.5s"; kube-openapi also takes d and w) as a CEL duration. */
export function parseDuration(text: string): Duration | undefined {
  let rest = text;
  let negative = false;
  if (rest[0] === "-" || rest[0] === "+") {
    negative = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return new Duration(0, 0);
  if (rest === "") return undefined;
  let nanos = 0n;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/;
  while (rest !== "") {
    const match = part.exec(rest);
    if (!match) return undefined;
    const unit = durationUnits[match[2]];
    const [whole, fraction = ""] = match[1].split(".");
    nanos += BigInt(whole || "0") * unit;
    if (fraction) nanos += (BigInt(fraction.slice(0, 18).padEnd(18, "0")) * unit) / 10n ** 18n;
    rest = rest.slice(match[0].length);
  }
  if (negative) nanos = -nanos;
  return new Duration(nanos / 1_000_000_000n, Number(nanos % 1_000_000_000n));
}
