// Turns zod's issues into kube field errors: kube's paths (spec.containers[0].image, data[key]) and kube's
// kinds of error (Required value, Invalid value, Unsupported value, Too long, Too many).

import type { z } from "zod";
import { fieldError, type FieldError } from "./field-errors.ts";

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export interface ZodIssueOptions {
  /**
   * The schema that produced the error. With it, keys of records are printed as map keys (`data[key]`)
   * exactly; without it, a key is a map key when it is not an identifier (`data[a.b]` but `data.x`).
   */
  schema?: z.ZodType;
}

type Def = Record<string, unknown> & { type?: string };

function defOf(schema: unknown): Def | undefined {
  const zod = (schema as { _zod?: { def?: Def } } | undefined)?._zod;
  return zod?.def;
}

/** The definition under optional, nullable, default, pipe, lazy and similar wrappers. */
function unwrapped(schema: unknown): Def | undefined {
  const def = defOf(schema);
  if (!def) return undefined;
  if (def.innerType !== undefined) return unwrapped(def.innerType);
  if (def.type === "pipe") return unwrapped(def.in);
  if (def.type === "lazy") return unwrapped((def.getter as () => unknown)());
  return def;
}

/** Where a path segment leads inside a schema, and whether the segment was a map key there. */
function step(schema: unknown, segment: PropertyKey): { next: unknown; mapKey: boolean } | undefined {
  const def = unwrapped(schema);
  if (!def) return undefined;
  switch (def.type) {
    case "object":
      return { next: (def.shape as Record<string, unknown>)[String(segment)], mapKey: false };
    case "record":
    case "map":
      return { next: def.valueType, mapKey: true };
    case "array":
      return { next: def.element, mapKey: false };
    case "tuple":
      return { next: (def.items as unknown[])[Number(segment)] ?? def.rest, mapKey: false };
    case "intersection":
      return step(def.left, segment) ?? step(def.right, segment);
    case "union":
      for (const option of def.options as unknown[]) {
        const found = step(option, segment);
        if (found?.next) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A zod path in kube's form: "spec.containers[0].image", "data[key]"; `root` goes in front. */
export function kubeFieldPath(path: Path, root = "", schema?: z.ZodType): string {
  let out = root;
  let at: unknown = schema;
  for (const segment of path) {
    const found = at === undefined ? undefined : step(at, segment);
    at = found?.next;
    const mapKey = found ? found.mapKey : !identifier.test(String(segment));
    if (typeof segment === "number") out += `[${segment}]`;
    else if (mapKey) out += `[${String(segment)}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

const typeNames: Record<string, string> = { int: "integer", record: "object", tuple: "array" };
const typeName = (expected: string): string => typeNames[expected] ?? expected;

/** The schema at a path, when the schema is known. */
function schemaAt(schema: unknown, path: Path): unknown {
  let at = schema;
  for (const segment of path) at = at === undefined ? undefined : step(at, segment)?.next;
  return at;
}

/** The JSON type a schema wants, in kube's words ("integer" for an integer number); undefined if unclear. */
function wantedType(schema: unknown): string | undefined {
  const def = unwrapped(schema);
  if (!def) return undefined;
  if (def.type === "number") {
    const formats = [def.format, ...((def.checks as { _zod?: { def?: Def } }[] | undefined) ?? []).map((c) => c._zod?.def?.format)];
    return formats.some((f) => typeof f === "string" && /int/.test(f)) ? "integer" : "number";
  }
  return typeof def.type === "string" ? typeName(def.type) : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The offending value, if known: zod's input (with reportInput), else what the caller knows ([] if nothing). */
function inputOf(issue: Issue, fallback: unknown[]): unknown[] {
  return "input" in issue ? [issue.input] : fallback;
}

/** Sets the error's value, or leaves it out of the message when unknown. */
function withValue(error: FieldError, known: unknown[]): FieldError {
  if (known.length) return { ...error, value: known[0] };
  const { value: _omitted, ...rest } = error;
  return rest;
}

/** zod reports the input only with { reportInput: true }; its default message still says what it received. */
function isMissing(issue: Issue): boolean {
  return "input" in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
}

function bound(issue: { inclusive?: boolean }, inclusiveWord: string, exclusiveWord: string, n: number | bigint): string {
  return issue.inclusive === false ? `must be ${exclusiveWord} ${n}` : `must be ${inclusiveWord} ${n}`;
}

function convert(issue: Issue, base: Path, root: string, opts: ZodIssueOptions, fallback: unknown[]): FieldError[] {
  const path = [...base, ...issue.path];
  const field = kubeFieldPath(path, root, opts.schema);
  const invalid = (detail: string) => withValue(fieldError.invalid(field, undefined, detail), inputOf(issue, fallback));
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "nonoptional" || isMissing(issue)) return [fieldError.required(field)];
      return [invalid(`must be of type ${wantedType(schemaAt(opts.schema, path)) ?? typeName(issue.expected)}`)];
    case "too_small": {
      if ((issue.origin === "string" || issue.origin === "array") && Number(issue.minimum) === 1 && issue.inclusive !== false) {
        return [fieldError.required(field)];
      }
      if (issue.origin === "string") return [invalid(`must be at least ${issue.minimum} characters`)];
      if (issue.origin === "array" || issue.origin === "set") return [invalid(`must have at least ${issue.minimum} items`)];
      return [invalid(bound(issue, "greater than or equal to", "greater than", issue.minimum))];
    }
    case "too_big": {
      if (issue.origin === "string") return [fieldError.tooLong(field, Number(issue.maximum))];
      if (issue.origin === "array" || issue.origin === "set") {
        const max = Number(issue.maximum);
        const tooMany: FieldError = { type: "FieldValueTooMany", field, detail: `must have at most ${max} ${max === 1 ? "item" : "items"}` };
        const input = "input" in issue ? issue.input : undefined;
        if (Array.isArray(input)) tooMany.value = input.length;
        else if (input instanceof Set) tooMany.value = input.size;
        return [tooMany];
      }
      return [invalid(bound(issue, "less than or equal to", "less than", issue.maximum))];
    }
    case "invalid_value":
      return [withValue(fieldError.notSupported(field, undefined, issue.values.map(String)), inputOf(issue, fallback))];
    case "invalid_format":
    case "custom":
      return [invalid(issue.message)];
    case "not_multiple_of":
      return [invalid(`must be a multiple of ${issue.divisor}`)];
    case "unrecognized_keys":
      return issue.keys.map((key) => fieldError.forbidden(kubeFieldPath([...path, key], root, opts.schema), "unknown field"));
    case "invalid_key":
      // The issues are about the key itself: show the key as the value.
      return issue.issues.flatMap((inner) => convert(inner, path, root, opts, [path[path.length - 1]]));
    case "invalid_element":
      return issue.issues.flatMap((inner) => convert(inner, path, root, opts, []));
    case "invalid_union":
      return unionErrors(issue, path, field, root, opts, fallback);
    default:
      return [invalid((issue as { message: string }).message)];
  }
}

function unionErrors(issue: z.core.$ZodIssueInvalidUnion, path: Path, field: string, root: string, opts: ZodIssueOptions, fallback: unknown[]): FieldError[] {
  if ("options" in issue && issue.options?.length) {
    // A discriminated union whose discriminator matched no option; the input is the whole object.
    const known = "input" in issue && isRecord(issue.input) && issue.discriminator ? [issue.input[issue.discriminator]] : fallback;
    return [withValue(fieldError.notSupported(field, undefined, issue.options.map(String)), known)];
  }
  const branches = issue.errors;
  if (branches.length === 0) return [withValue(fieldError.invalid(field, undefined, issue.message), inputOf(issue, fallback))];
  const rootTypeMismatch = (b: Issue[]) => b.length === 1 && b[0].code === "invalid_type" && b[0].path.length === 0;
  if (branches.every(rootTypeMismatch)) {
    // Not one of the allowed types (e.g. int-or-string): name them all.
    const first = branches[0][0];
    if (isMissing(first)) return [fieldError.required(field)];
    const options = unwrapped(schemaAt(opts.schema, path))?.options as unknown[] | undefined;
    const wanted = options?.map(wantedType);
    const names = wanted?.every(Boolean)
      ? [...new Set(wanted)]
      : [...new Set(branches.map((b) => typeName((b[0] as z.core.$ZodIssueInvalidType).expected)))];
    return [withValue(fieldError.invalid(field, undefined, `must be of type ${names.join(" or ")}`), inputOf(first, fallback))];
  }
  // The right type but wrong inside: report the closest branch, the one with the fewest issues.
  const best = branches.filter((b) => !rootTypeMismatch(b)).reduce((a, b) => (b.length < a.length ? b : a));
  return best.flatMap((inner) => convert(inner, path, root, opts, []));
}

/** Field errors for every issue of a failed parse; `root` prefixes each path (e.g. "spec"). */
export function fieldErrorsFromZod(error: z.ZodError, root = "", options: ZodIssueOptions = {}): FieldError[] {
  return error.issues.flatMap((issue) => convert(issue, [], root, options, []));
}
