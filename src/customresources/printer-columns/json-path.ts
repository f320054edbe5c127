// kube's JSONPath (k8s.io/client-go/util/jsonpath) for additionalPrinterColumns: a column's jsonPath is parsed as
// the template "{<jsonPath>}" and evaluated with missing keys allowed. Parse once, evaluate per object.

import { GoNumber } from "./go-values.ts";
import { findResults, type FindResult } from "./json-path-eval.ts";
import { parseTemplate, type JsonPathNode } from "./json-path-parser.ts";

export type { FindResult } from "./json-path-eval.ts";

export interface JsonPath {
  /** The template parsed, e.g. "{.spec.replicas}". */
  readonly template: string;
  readonly nodes: readonly JsonPathNode[];
}

export type JsonPathParse = { ok: true; path: JsonPath } | { ok: false; error: string };

/** Parses a printer column's jsonPath as kube does (wrapped in braces); the error is client-go's parser's. */
export function parseJsonPath(text: string): JsonPathParse {
  return parseJsonPathTemplate(`{${text}}`);
}

/** Parses a whole template, text and {actions}, as kubectl's -o jsonpath takes it. */
export function parseJsonPathTemplate(template: string): JsonPathParse {
  const parsed = parseTemplate(template);
  return parsed.ok ? { ok: true, path: { template, nodes: parsed.nodes } } : parsed;
}

/**
 * client-go's FindResults: one group of results per node of the template. Values are the JSON values found, or
 * GoNumber for what is not one (a number literal of the path, a byte of a string).
 */
export function findJsonPathResults(path: JsonPath, data: unknown, options: { allowMissingKeys?: boolean } = {}): FindResult {
  return findResults(path.nodes, data, options.allowMissingKeys ?? true);
}

/** The results of the path's first group (what a printer column reads), as plain JSON values; [] on error. */
export function evaluateJsonPath(path: JsonPath, obj: unknown): unknown[] {
  const found = findJsonPathResults(path, obj);
  if (!found.ok || found.results.length === 0) return [];
  return found.results[0].map((v) => (v instanceof GoNumber ? v.value : v));
}

/**
 * A function that finds a path's results the fastest way: a path of plain fields (".spec.replicas", the common
 * column) is read directly; anything else goes through the evaluator. Same results either way.
 */
export function jsonPathFinder(path: JsonPath): (data: unknown) => FindResult {
  const fields = plainFields(path);
  if (!fields) return (data) => findResults(path.nodes, data, true);
  return (data) => {
    let value = data;
    for (const name of fields) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: true, results: [[]] };
      const next = (value as Record<string, unknown>)[name];
      if (next === undefined || !Object.hasOwn(value, name)) return { ok: true, results: [[]] };
      value = next;
    }
    return { ok: true, results: [[value]] };
  };
}

function plainFields(path: JsonPath): string[] | undefined {
  if (path.nodes.length !== 1) return undefined;
  const [list] = path.nodes;
  if (list.type !== "list" || !list.nodes.every((n) => n.type === "field")) return undefined;
  return list.nodes.map((n) => (n as { name: string }).name);
}
