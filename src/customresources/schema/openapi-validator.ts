// kube-openapi's schema validator (pkg/validation/validate) as apiextensions-apiserver runs it on custom
// resources: per node the type, anyOf/oneOf/allOf/not, string, format, number, array, enum and object checks,
// in that order, each check running whenever the value's JSON kind allows it (a string under `type: integer` is
// also held to maxLength). The match counts kube uses to pick which anyOf/oneOf branch's errors to report are
// kept as kube keeps them. With a Correlation (an update), a node's errors are dropped when its value did not
// change (ratcheting). Errors come out in kube's order; toFieldErrors turns them into field errors.

import { isPlainObject } from "../../api/object.ts";
import type { Correlation } from "./correlation.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { goFormat } from "./go-format.ts";
import { openAPIError, type OpenAPIError } from "./openapi-errors.ts";
import { structural, type SchemaNode } from "./structural.ts";

type Kind = "string" | "number" | "boolean" | "array" | "object";

const maxSafe = 2 ** 53 - 1;

/** A bound as kube prints it for a value of this kind: truncated to an int64, or float64's %v. */
function goNumber(n: number, integer: boolean): string {
  return integer ? String(Math.trunc(n)) : goFormat.float(n);
}

function kindOf(v: unknown): Kind {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return "array";
  return "object";
}

/** A JSON number kube decoded as int64 (an integer literal), not float64. */
function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** swag.IsFloat64AJSONInteger: integral within ±(2^53-1), or a positive value within a relative 1e-9 of one. */
function isJSONInteger(f: number): boolean {
  if (!Number.isFinite(f) || f < -maxSafe || f > maxSafe) return false;
  if (Number.isInteger(f)) return true;
  if (f < 0) return false;
  const g = Math.trunc(f);
  return g !== 0 && (f - g) / (f + g) < 1e-9;
}

/** utf8.RuneCountInString. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const k of keys) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Whether `data` matches enum value `e` as kube-openapi compares: converted to e's Go type, then DeepEqual. */
function enumMatches(data: unknown, e: unknown): boolean {
  if (e === null || e === undefined) return false;
  if (typeof data === "number") {
    if (typeof e === "number") return isInt64(e) && !isInt64(data) ? Math.trunc(data) === e : data === e;
    if (typeof e === "string" && isInt64(data)) {
      // Go converts an integer to a string as the rune it numbers.
      const valid = data >= 0 && data <= 0x10ffff && !(data >= 0xd800 && data <= 0xdfff);
      return (valid ? String.fromCodePoint(data) : "\ufffd") === e;
    }
    return false;
  }
  return typeof data === typeof e && Array.isArray(data) === Array.isArray(e) && deepEqual(data, e);
}

class Validator {
  constructor(readonly out: OpenAPIError[]) {}

  /** Validates `data` at `path`; returns kube-openapi's match count for the node. */
  node(schema: JSONSchemaProps, data: unknown, path: string, corr: Correlation | undefined): number {
    const n = structural(schema);
    const start = this.out.length;
    let count: number;
    if (data === null || data === undefined) {
      count = 1;
      if (n.types.length > 0 && !n.types.includes("null") && !n.nullable) {
        this.out.push(openAPIError.invalidType(path, n.typeText, "null"));
        count = 0;
      }
      this.enumCheck(schema, data, path);
    } else {
      const kind = kindOf(data);
      count = 1;
      if (n.types.length > 0 || n.format !== "") count += 1 + (this.typeCheck(n, data, kind, path) ? 1 : 0);
      count += n.hasCombinators ? 1 + this.combinators(schema, data, path) : 2;
      if (kind === "string") {
        count += 1;
        this.stringChecks(n, data as string, path);
        if (n.checkFormat) {
          count += 1;
          if (!n.checkFormat(data as string)) this.out.push(openAPIError.invalidType(path, n.format, data as string));
        }
      } else if (kind === "number") {
        count += 2;
        this.numberChecks(schema, data as number, path);
      } else if (kind === "array") {
        count += 1 + this.arrayChecks(n, data as unknown[], path, corr);
      }
      count += 1;
      this.enumCheck(schema, data, path);
      if (kind === "object") count += 1 + this.objectChecks(n, data as Record<string, unknown>, path, corr);
    }
    if (corr && this.out.length > start && corr.deepEqual()) this.out.length = start;
    return count;
  }

  private typeCheck(n: SchemaNode, data: unknown, kind: Kind, path: string): boolean {
    let schType: string = kind;
    let format = "";
    if (kind === "number") {
      if (isInt64(data as number)) {
        schType = "integer";
        format = "int64";
      } else format = "float64";
    }
    const isFloatInt = schType === "number" && isJSONInteger(data as number) && n.types.includes("integer");
    const isIntFloat = schType === "integer" && n.types.includes("number");
    const matches = n.types.includes(schType) || isFloatInt || isIntFloat;
    if (kind !== "string" && kind !== "array" && n.format !== "" && !(matches || format === n.format)) {
      this.out.push(openAPIError.invalidType(path, n.format, format));
      return false;
    }
    if (!(n.types.includes("number") || n.types.includes("integer")) && n.format !== "" && (kind === "string" || kind === "array")) {
      return true;
    }
    if (!matches) {
      this.out.push(openAPIError.invalidType(path, n.typeText, schType));
      return false;
    }
    return true;
  }

  /** anyOf, oneOf, allOf, not: the branches validate the same value at the same path, without ratcheting. */
  private combinators(schema: JSONSchemaProps, data: unknown, path: string): number {
    let count = 1;
    const { anyOf, oneOf, allOf, not } = schema;
    if (anyOf && anyOf.length > 0) {
      let best: { errors: OpenAPIError[]; count: number } | undefined;
      let success: number | undefined;
      for (const sub of anyOf) {
        const errors: OpenAPIError[] = [];
        const c = new Validator(errors).node(sub, data, path, undefined);
        if (errors.length === 0) {
          best = undefined;
          success = c;
          break;
        }
        if (!best || c > best.count) best = { errors, count: c };
      }
      if (success === undefined) this.out.push(openAPIError.anyOf(path));
      if (best) {
        this.out.push(...best.errors);
        count += best.count;
      } else if (success !== undefined) count += success;
    }
    if (oneOf && oneOf.length > 0) {
      let best: { errors: OpenAPIError[]; count: number } | undefined;
      let first: number | undefined;
      let valid = 0;
      for (const sub of oneOf) {
        const errors: OpenAPIError[] = [];
        const c = new Validator(errors).node(sub, data, path, undefined);
        if (errors.length === 0) {
          valid++;
          best = undefined;
          first ??= c;
          continue;
        }
        if (valid === 0 && (!best || c > best.count)) best = { errors, count: c };
      }
      if (valid !== 1) {
        this.out.push(openAPIError.oneOf(path, valid));
        if (best) {
          this.out.push(...best.errors);
          count += best.count;
        }
      } else if (first !== undefined) count += first;
    }
    if (allOf && allOf.length > 0) {
      let valid = 0;
      for (const sub of allOf) {
        const before = this.out.length;
        count += this.node(sub, data, path, undefined);
        if (this.out.length === before) valid++;
      }
      if (valid !== allOf.length) this.out.push(openAPIError.allOf(path, valid === 0));
    }
    if (not) {
      const errors: OpenAPIError[] = [];
      new Validator(errors).node(not, data, path, undefined);
      if (errors.length === 0) this.out.push(openAPIError.not(path));
    }
    return count;
  }

  /** maxLength, minLength, pattern: the first failing one only. */
  private stringChecks(n: SchemaNode, data: string, path: string): void {
    const { maxLength, minLength } = n.schema;
    if (maxLength !== undefined || minLength !== undefined) {
      const length = runeCount(data);
      if (maxLength !== undefined && length > maxLength) {
        this.out.push(openAPIError.tooLong(path, maxLength, data));
        return;
      }
      if (minLength !== undefined && length < minLength) {
        this.out.push(openAPIError.tooShort(path, minLength, data));
        return;
      }
    }
    const pattern = n.pattern();
    if (!pattern) return;
    const source = n.schema.pattern as string;
    if (pattern.error !== undefined) {
      this.out.push(openAPIError.pattern(path, `${source}, but pattern is invalid: ${pattern.error}`, data));
    } else if (!pattern.regexp?.test(data)) {
      this.out.push(openAPIError.pattern(path, source, data));
    }
  }

  /** multipleOf, minimum, maximum; an int64 value is compared with the bounds truncated to int64, as kube does. */
  private numberChecks(schema: JSONSchemaProps, data: number, path: string): void {
    const int = isInt64(data);
    const { multipleOf, minimum, maximum } = schema;
    if (multipleOf !== undefined) {
      const factor = int ? Math.trunc(multipleOf) : multipleOf;
      if (factor <= 0) this.out.push(openAPIError.multipleOfNotPositive(path, factor, goNumber(factor, int)));
      else if (int ? data % factor !== 0 : !isJSONInteger(factor < 1 ? (1 / factor) * data : data / factor)) {
        this.out.push(openAPIError.multipleOf(path, goNumber(factor, int), data));
      }
    }
    if (minimum !== undefined) {
      const min = int ? Math.trunc(minimum) : minimum;
      const exclusive = schema.exclusiveMinimum === true;
      if (exclusive ? data <= min : data < min) this.out.push(openAPIError.minimum(path, goNumber(min, int), exclusive, data));
    }
    if (maximum !== undefined) {
      const max = int ? Math.trunc(maximum) : maximum;
      const exclusive = schema.exclusiveMaximum === true;
      if (exclusive ? data >= max : data > max) this.out.push(openAPIError.maximum(path, goNumber(max, int), exclusive, data));
    }
  }

  private arrayChecks(n: SchemaNode, data: unknown[], path: string, corr: Correlation | undefined): number {
    let count = 0;
    if (n.items) {
      for (let i = 0; i < data.length; i++) count += this.node(n.items, data[i], `${path}[${i}]`, corr?.index(i));
    } else if (n.tupleItems) {
      const size = Math.min(n.tupleItems.length, data.length);
      for (let i = 0; i < size; i++) count += this.node(n.tupleItems[i], data[i], `${path}[${i}]`, corr?.index(i));
    }
    const { minItems, maxItems, uniqueItems } = n.schema;
    if (minItems !== undefined && data.length < minItems) this.out.push(openAPIError.tooFewItems(path, minItems, data.length));
    if (maxItems !== undefined && data.length > maxItems) this.out.push(openAPIError.tooManyItems(path, maxItems, data.length));
    if (uniqueItems && hasDuplicates(data)) this.out.push(openAPIError.duplicateItems(path));
    return count + 1;
  }

  private objectChecks(n: SchemaNode, data: Record<string, unknown>, path: string, corr: Correlation | undefined): number {
    let count = 0;
    const { minProperties, maxProperties, required } = n.schema;
    const props = n.properties;
    if (minProperties !== undefined || maxProperties !== undefined) {
      const size = Object.keys(data).length;
      if (minProperties !== undefined && size < minProperties) this.out.push(openAPIError.tooFewProperties(path, minProperties, size));
      if (maxProperties !== undefined && size > maxProperties) this.out.push(openAPIError.tooManyProperties(path, maxProperties, size));
    }
    const additional = n.additional;
    if (additional === false) {
      for (const key of Object.keys(data)) {
        if (!props || !Object.hasOwn(props, key)) this.out.push(openAPIError.forbiddenProperty(path, key));
      }
    } else if (typeof additional === "object") {
      for (const key of Object.keys(data)) {
        if (props && Object.hasOwn(props, key)) continue;
        count += this.node(additional, data[key], `${path}.${key}`, this.childCorrelation(corr, path, key));
      }
    }
    const list = n.propertyList;
    for (let i = 0; i < list.length; i++) {
      const key = list[i][0];
      if (!Object.hasOwn(data, key)) continue;
      count += this.node(list[i][1], data[key], path === "" ? key : `${path}.${key}`, corr && this.childCorrelation(corr, path, key));
    }
    if (required) {
      for (const key of required) if (!Object.hasOwn(data, key)) this.out.push(openAPIError.required(`${path}.${key}`));
    }
    return count;
  }

  /** A property's pairing; the root's apiVersion and kind never ratchet (both sides are converted alike). */
  private childCorrelation(corr: Correlation | undefined, path: string, key: string): Correlation | undefined {
    if (!corr || (path === "" && (key === "apiVersion" || key === "kind"))) return undefined;
    return corr.key(key);
  }

  private enumCheck(schema: JSONSchemaProps, data: unknown, path: string): void {
    const values = schema.enum;
    if (!values || values.length === 0) return;
    if (data !== null && data !== undefined) {
      for (const e of values) if (enumMatches(data, e)) return;
    }
    this.out.push(openAPIError.enum(path, data ?? null, values));
  }
}

function hasDuplicates(items: readonly unknown[]): boolean {
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (deepEqual(items[i], items[j])) return true;
  }
  return false;
}

/**
 * Runs kube-openapi's validation of `value` against `schema`, the root at path "" as kube validates a whole
 * object. With `correlation` (an update: the new value paired with the old), unchanged values' errors are dropped.
 */
export function validateOpenAPI(schema: JSONSchemaProps, value: unknown, correlation?: Correlation): OpenAPIError[] {
  const out: OpenAPIError[] = [];
  new Validator(out).node(schema, value, "", correlation);
  return out;
}
