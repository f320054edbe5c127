// Evaluates a parsed JSONPath template against decoded JSON as client-go's JSONPath.FindResults does: one result
// group per template node, range/end loops, and its error cases (an index out of bounds or a comparison of unlike
// types fails the whole evaluation; a missing key yields nothing when missing keys are allowed).

import { compareGoStrings, goKind, GoNumber, isJsonInteger, marshalGoJson, numberOf } from "./go-values.ts";
import type { JsonPathNode, ListNode, SliceParam } from "./json-path-parser.ts";

export type FindResult = { ok: true; results: unknown[][] } | { ok: false; error: string };

/** An evaluation error, with what the failing step returned alongside it (an exists filter still counts it). */
class EvalFailure extends Error {
  constructor(
    message: string,
    readonly partial: unknown[],
  ) {
    super(message);
  }
}

const isNil = (v: unknown): boolean => v === null || v === undefined;
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoNumber);
const utf8 = new TextEncoder();

function goTypeName(v: unknown): string {
  if (v instanceof GoNumber) return v.kind === "int" ? "int" : v.kind === "float" ? "float64" : "uint8";
  if (typeof v === "number") return isJsonInteger(v) ? "int64" : "float64";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  return isMap(v) ? "map[string]interface {}" : "[]interface {}";
}

export function findResults(nodes: readonly JsonPathNode[], data: unknown, allowMissingKeys: boolean): FindResult {
  try {
    return { ok: true, results: new Evaluation(nodes, allowMissingKeys).find(data, 0) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, error: e.message };
    throw e;
  }
}

class Evaluation {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: readonly JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** FindResults over the template's nodes from `from` on (a range body is evaluated once per item). */
  find(data: unknown, from: number): unknown[][] {
    const cur = [data];
    const full: unknown[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) for (const value of results) full.push(...this.find(value, i + 1));
        else this.find(null, i + 1);
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: JsonPathNode): unknown[] {
    switch (node.type) {
      case "list":
        return this.list(input, node);
      case "text":
        return [node.text];
      case "field":
        return this.field(input, node.name);
      case "array":
        return array(input, node.params);
      case "filter":
        return this.filter(input, node.left, node.right, node.operator);
      case "int":
      case "float":
        return input.map(() => new GoNumber(node.type, node.value));
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap(children);
      case "recursive":
        return recursive(input);
      case "union":
        return this.union(input, node.lists);
      case "identifier":
        return this.identifier(input, node.name);
    }
  }

  private list(input: unknown[], node: ListNode): unknown[] {
    let values = input;
    for (const child of node.nodes) values = this.walk(values, child);
    return values;
  }

  private field(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (isMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new EvalFailure(`${name} is not found`, results);
    return results;
  }

  private filter(input: unknown[], left: ListNode, right: ListNode, operator: string): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = isNil(value) ? "<nil>" : marshalGoJson(value);
        throw new EvalFailure(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value) {
        let lefts: unknown[];
        try {
          lefts = this.list([item], left);
        } catch (e) {
          if (!(e instanceof EvalFailure)) throw e;
          if (operator !== "exists") throw new EvalFailure(e.message, input);
          lefts = e.partial;
        }
        if (operator === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalFailure("can only compare one element at a time", input);
        let rights: unknown[];
        try {
          rights = this.list([item], right);
        } catch (e) {
          if (e instanceof EvalFailure) throw new EvalFailure(e.message, input);
          throw e;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalFailure("can only compare one element at a time", input);
        let pass: boolean;
        try {
          pass = compare(operator, lefts[0], rights[0]);
        } catch (e) {
          if (e instanceof Error && !(e instanceof EvalFailure)) throw new EvalFailure(e.message, results);
          throw e;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  private union(input: unknown[], lists: ListNode[]): unknown[] {
    const results: unknown[] = [];
    for (const list of lists) {
      try {
        results.push(...this.list(input, list));
      } catch (e) {
        if (e instanceof EvalFailure) throw new EvalFailure(e.message, input);
        throw e;
      }
    }
    return results;
  }

  private identifier(input: unknown[], name: string): unknown[] {
    if (name === "range") {
      this.beginRange++;
      return input;
    }
    if (name === "end") {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new EvalFailure("not in range, nothing to end", []);
    }
    throw new EvalFailure(`unrecognized identifier ${name}`, input);
  }
}

function array(input: unknown[], params: readonly [SliceParam, SliceParam, SliceParam]): unknown[] {
  const results: unknown[] = [];
  for (const value of input) {
    if (isNil(value)) continue;
    if (!Array.isArray(value)) throw new EvalFailure(`${goTypeName(value)} is not array or slice`, input);
    const length = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += length;
    let end = params[1].known ? params[1].value : length;
    if (end < 0 || (end === 0 && params[1].derived)) end += length;
    if (end === start) return results;
    if (start >= length || start < 0) throw new EvalFailure(`array index out of bounds: index ${start}, length ${length}`, input);
    if (end > length || end < 0) throw new EvalFailure(`array index out of bounds: index ${end - 1}, length ${length}`, input);
    if (start > end) throw new EvalFailure(`starting index ${start} is greater than ending index ${end}`, input);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new EvalFailure("step must be > 0", input);
      step = params[2].value;
    }
    for (let i = start; i < end; i += step) results.push(value[i]);
  }
  return results;
}

/** What a wildcard yields of a value: a map's values, an array's items, a string's UTF-8 bytes. */
function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.values(value).filter((v) => v !== undefined);
  if (typeof value === "string") return Array.from(utf8.encode(value), (b) => new GoNumber("byte", b));
  return [];
}

/** Every value with children (a non-empty string counts), depth first, the value before its descendants. */
function recursive(input: unknown[]): unknown[] {
  const results: unknown[] = [];
  for (const value of input) {
    if (typeof value === "string") {
      if (value.length > 0) results.push(value);
      continue;
    }
    const kids = children(value);
    if (kids.length === 0) continue;
    results.push(value);
    results.push(...recursive(kids));
  }
  return results;
}

/** text/template's eq, lt and friends as the forked copy in client-go has them. */
function compare(operator: string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case "<":
      return less(a, b);
    case ">":
      return !lessOrEqual(a, b);
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "<=":
      return lessOrEqual(a, b);
    case ">=":
      return !less(a, b);
    default:
      throw new Error(`unrecognized filter operator ${operator}`);
  }
}

function kinds(a: unknown, b: unknown): [ReturnType<typeof goKind>, ReturnType<typeof goKind>] {
  const ka = goKind(a);
  if (ka === "invalid") throw new Error("invalid type for comparison");
  const kb = goKind(b);
  if (kb === "invalid") throw new Error("invalid type for comparison");
  return [ka, kb];
}

function equal(a: unknown, b: unknown): boolean {
  const [ka, kb] = kinds(a, b);
  if (ka !== kb) {
    if ((ka === "int" && kb === "uint") || (ka === "uint" && kb === "int")) return numberOf(a) === numberOf(b);
    throw new Error("incompatible types for comparison");
  }
  return ka === "string" || ka === "bool" ? a === b : numberOf(a) === numberOf(b);
}

function less(a: unknown, b: unknown): boolean {
  const [ka, kb] = kinds(a, b);
  if (ka !== kb) {
    if ((ka === "int" && kb === "uint") || (ka === "uint" && kb === "int")) return numberOf(a) < numberOf(b);
    throw new Error("incompatible types for comparison");
  }
  if (ka === "bool") throw new Error("invalid type for comparison");
  if (ka === "string") return compareGoStrings(a as string, b as string) < 0;
  return numberOf(a) < numberOf(b);
}

function lessOrEqual(a: unknown, b: unknown): boolean {
  return less(a, b) || equal(a, b);
}
