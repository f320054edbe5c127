// Label selectors: kube's string grammar (labels.Parse, as in ?labelSelector=), the metav1.LabelSelector
// object form, matching, and both printed forms. Parse errors carry kube's exact messages (a 400 to clients).

import { labelValueErrors, qualifiedNameErrors } from "./validation/names.ts";

/** kube's selection.Operator values. */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** The metav1.LabelSelector object form, as found in specs. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A selector (label or field) that does not parse or validate; the message is kube's. */
export class SelectorParseError extends Error {
  override readonly name = "SelectorParseError";
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** strconv.ParseInt(v, 10, 64) */
function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = BigInt(value);
  return n < int64.min || n > int64.max ? undefined : n;
}

export class LabelSelector {
  private constructor(
    readonly requirements: readonly LabelRequirement[],
    /** labels.Nothing(): the selector of a null metav1.LabelSelector. */
    readonly matchesNothing: boolean,
  ) {}

  static everything(): LabelSelector {
    return new LabelSelector([], false);
  }

  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /** Requirements sorted by key (stably), as kube's Add does. */
  static of(requirements: LabelRequirement[]): LabelSelector {
    return new LabelSelector([...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), false);
  }

  matches(labels: Record<string, string> | undefined): boolean {
    if (this.matchesNothing) return false;
    return this.requirements.every((r) => requirementMatches(r, labels ?? {}));
  }

  /** True when the selector selects everything (Nothing is not empty). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** The value `key` must have, when a requirement pins it to exactly one. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((req) => req.key === key);
    if (!r || !["=", "==", "in"].includes(r.operator) || r.values.length !== 1) return undefined;
    return r.values[0];
  }

  /** kube's Selector.String(): "app=web,tier in (a,b),!legacy"; "" for everything and for nothing. */
  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

function requirementMatches(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case "=":
    case "==":
    case "in":
      return has && r.values.includes(value!);
    case "!=":
    case "notin":
      return !has || !r.values.includes(value!);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const opText: Record<LabelOperator, string> = { "=": "=", "==": "==", "!=": "!=", in: " in ", notin: " notin ", gt: ">", lt: "<", exists: "", "!": "" };

function requirementString(r: LabelRequirement): string {
  if (r.operator === "exists") return r.key;
  if (r.operator === "!") return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  const set = r.operator === "in" || r.operator === "notin";
  return `${r.key}${opText[r.operator]}${set ? `(${values})` : values}`;
}

/** Go's %q / JSON rendering of a value in a field error, as in `values[0][app]: Invalid value: "x"`. */
function shown(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}

/** kube's aggregate of errors: one message alone, several deduplicated in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

function keyError(key: string, path: string): string | undefined {
  const errs = qualifiedNameErrors(key);
  return errs.length ? `${path}: Invalid value: ${shown(key)}: ${errs.join("; ")}` : undefined;
}

/**
 * labels.NewRequirement: checks key, operator arity and values. `values` is undefined for a Go nil slice
 * (shown as null). Throws SelectorParseError with kube's aggregated message.
 */
export function newRequirement(key: string, operator: LabelOperator, values: string[] | undefined): LabelRequirement {
  const vals = values ?? [];
  const errors: string[] = [];
  const bad = keyError(key, "key");
  if (bad) errors.push(bad);
  const invalidValues = (detail: string) => errors.push(`values: Invalid value: ${shown(values ?? null)}: ${detail}`);
  switch (operator) {
    case "in":
    case "notin":
      if (vals.length === 0) invalidValues("for 'in', 'notin' operators, values set can't be empty");
      break;
    case "=":
    case "==":
    case "!=":
      if (vals.length !== 1) invalidValues("exact-match compatibility requires one single value");
      break;
    case "exists":
    case "!":
      if (vals.length !== 0) invalidValues("values set must be empty for exists and does not exist");
      break;
    case "gt":
    case "lt":
      if (vals.length !== 1) invalidValues("for 'Gt', 'Lt' operators, exactly one value is required");
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errors.push(`values[${i}]: Invalid value: ${shown(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
  }
  vals.forEach((v, i) => {
    const errs = labelValueErrors(v);
    if (errs.length) errors.push(`values[${i}][${key}]: Invalid value: ${shown(v)}: ${errs.join("; ")}`);
  });
  if (errors.length) throw new SelectorParseError(aggregate(errors));
  return { key, operator, values: vals };
}

/**
 * metav1.LabelSelectorAsSelector. A null or absent selector matches NOTHING (labels.Nothing()), while an
 * empty one ({}) matches EVERYTHING; that is why, e.g., a Service without a selector selects no pods.
 * Throws SelectorParseError for an invalid key, value or operator.
 */
export function selectorFromObject(sel: LabelSelectorObject | null | undefined): LabelSelector {
  if (sel === null || sel === undefined) return LabelSelector.nothing();
  const labels = Object.entries(sel.matchLabels ?? {});
  const expressions = sel.matchExpressions ?? [];
  if (labels.length + expressions.length === 0) return LabelSelector.everything();
  const requirements = labels.map(([k, v]) => newRequirement(k, "=", [v]));
  for (const expr of expressions) {
    const op = objectOperators[expr.operator];
    if (!op) throw new SelectorParseError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    // Go copies the values with append([]string(nil), ...): an empty list becomes nil.
    requirements.push(newRequirement(expr.key, op, expr.values?.length ? [...expr.values] : undefined));
  }
  return LabelSelector.of(requirements);
}

const objectOperators: Record<string, LabelOperator | undefined> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/** metav1.FormatLabelSelector: the selector's string, "<none>" when it is empty or null, "<error>" if invalid. */
export function formatLabelSelector(sel: LabelSelectorObject | null | undefined): string {
  try {
    return selectorFromObject(sel).toString() || "<none>";
  } catch (err) {
    if (err instanceof SelectorParseError) return "<error>";
    throw err;
  }
}

// The string grammar (labels.Parse):
//   selector    ::= requirement ("," requirement)*  |  ""
//   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
// Whitespace separates tokens; "in" and "notin" are keywords only where an operator may stand.

type Token = "end" | "id" | "in" | "notin" | "(" | ")" | "," | "!" | "=" | "==" | "!=" | ">" | "<";

interface Item {
  tok: Token;
  lit: string;
}

const specials = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const whitespace = new Set([" ", "\t", "\r", "\n"]);

function lex(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  // Go's lexer reads a NUL byte as the end of input.
  const at = (i: number): string => (i < text.length && text[i] !== "\0" ? text[i] : "");
  for (;;) {
    while (whitespace.has(at(pos))) pos++;
    const ch = at(pos);
    if (ch === "") {
      items.push({ tok: "end", lit: "" });
      return items;
    }
    if (specials.has(ch)) {
      const two = ch + at(pos + 1);
      const lit = two === "!=" || two === "==" ? two : ch;
      pos += lit.length;
      items.push({ tok: lit as Token, lit });
      continue;
    }
    const start = pos;
    while (at(pos) !== "" && !specials.has(at(pos)) && !whitespace.has(at(pos))) pos++;
    const lit = text.slice(start, pos);
    items.push({ tok: lit === "in" || lit === "notin" ? lit : "id", lit });
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** The next token; where values are expected "in" and "notin" are plain identifiers. */
  peek(asValue = true): Item {
    const item = this.items[this.position];
    return asValue && (item.tok === "in" || item.tok === "notin") ? { tok: "id", lit: item.lit } : item;
  }

  next(asValue = true): Item {
    const item = this.peek(asValue);
    this.position++;
    return item;
  }

  selector(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === "end") return requirements;
      if (tok !== "id" && tok !== "!") throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (err) {
        if (err instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const after = this.next();
      if (after.tok === "end") return requirements;
      if (after.tok !== ",") throw new SelectorParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== "id" && following.tok !== "!") {
        throw new SelectorParseError(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let negated = false;
    let item = this.next();
    if (item.tok === "!") {
      negated = true;
      item = this.next();
    }
    if (item.tok !== "id") throw new SelectorParseError(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    // The parser checks the key before building the requirement, with no field path: kube prints "<nil>".
    const bad = keyError(key, "<nil>");
    if (bad) throw new SelectorParseError(bad);
    const upcoming = this.peek().tok;
    if (negated) return newRequirement(key, "!", []);
    if (upcoming === "end" || upcoming === ",") return newRequirement(key, "exists", []);

    const op = this.operator();
    const values = op === "in" || op === "notin" ? this.valueSet() : [this.exactValue()];
    // kube collects the values in a set: deduplicated and sorted.
    return newRequirement(key, op, [...new Set(values)].sort());
  }

  private operator(): LabelOperator {
    const { tok, lit } = this.next(false);
    const ops: Partial<Record<Token, LabelOperator>> = { in: "in", notin: "notin", "=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt" };
    const op = ops[tok];
    if (!op) throw new SelectorParseError(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.tok !== "(") throw new SelectorParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ")") {
      this.next();
      return [""];
    }
    if (tok !== "id" && tok !== ",") throw new SelectorParseError(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    this.next(); // the ")" identifiers() stopped at
    return values;
  }

  /** A comma-separated list whose items may be empty: "(a,,b)", "(,a)" and "(a,)" all include "". */
  private identifiers(): string[] {
    const values: string[] = [];
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === "id") {
        values.push(lit);
        const after = this.peek();
        if (after.tok === ")") return values;
        if (after.tok !== ",") throw new SelectorParseError(`found '${after.lit}', expected: ',' or ')'`);
      } else if (tok === ",") {
        if (values.length === 0) values.push("");
        const after = this.peek().tok;
        if (after === ")") {
          values.push("");
          return values;
        }
        if (after === ",") values.push("");
      } else {
        throw new SelectorParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string {
    const upcoming = this.peek().tok;
    if (upcoming === "end" || upcoming === ",") return "";
    const { tok, lit } = this.next();
    if (tok !== "id") throw new SelectorParseError(`found '${lit}', expected: identifier`);
    return lit;
  }
}

/** labels.Parse: the ?labelSelector= grammar. "" selects everything. Throws SelectorParseError. */
export function parseLabelSelector(text: string): LabelSelector {
  return LabelSelector.of(new Parser(lex(text)).selector());
}
