// Compares a body with a kind's zod schema as kube's strict decoder compares JSON with Go structs: a key the
// schema does not model is an unknown field (`unknown field "spec.foo"`), and the keys the text repeated
// (found by the Worker) are duplicate fields, reported in the order the decoder meets them.
//
// A z.object knows its shape; a z.looseObject (a structure kept whole rather than modeled field by field)
// knows every key. Wrappers (optional, nullable, default, pipe, lazy...) are looked through; a union or
// intersection knows a key when any member that fits the value knows it. Fields declared z.unknown() with a
// shared definition (ObjectMeta, and the top-level metadata of every kind) are walked with that schema.

import { z } from "zod";
import { joinFieldPath } from "../api/json-duplicates.ts";
import { isPlainObject } from "../api/object.ts";
import { messageSchemaFor, topLevelFieldSchema } from "../resources/object-meta-schema.ts";

type Def = Record<string, unknown> & { type: string };

/** kube's strict decoder stops saving errors after this many. */
const maxErrors = 100;

const wrappers = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** The schema under wrappers, switched to the shared schema its definition names when it has one. */
export function resolveSchema(schema: unknown): Def | undefined {
  let current = schema;
  for (let depth = 0; depth < 64; depth++) {
    const def = defOf(current);
    if (!def) return undefined;
    const definition = z.globalRegistry.get(current as z.ZodType)?.definition;
    const shared = definition ? messageSchemaFor(definition) : undefined;
    if (shared && shared !== current) {
      current = shared;
      continue;
    }
    if (wrappers.has(def.type)) current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else if (def.type === "lazy") current = (def.getter as () => unknown)();
    else return def;
  }
  return undefined;
}

/** Whether a schema can describe a value of this JSON shape (an object, an array, or a scalar). */
function fits(schema: unknown, value: unknown): boolean {
  const def = resolveSchema(schema);
  if (!def) return false;
  switch (def.type) {
    case "unknown":
    case "any":
      return true;
    case "object":
    case "record":
    case "map":
      return isPlainObject(value);
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "union":
      return (def.options as unknown[]).some((option) => fits(option, value));
    case "intersection":
      return fits(def.left, value) || fits(def.right, value);
    default:
      return !isPlainObject(value) && !Array.isArray(value);
  }
}

const isUnder = (path: string, root: string): boolean =>
  root === "" || path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);

export interface FieldWalkOptions {
  /** Paths of the keys the text repeated (jsonDuplicateFields), in document order. */
  duplicates?: readonly string[];
  /** Visit keys in sorted order, as kube meets them in JSON it wrote from a Go map (YAML bodies, patched objects). */
  sortKeys?: boolean;
}

class FieldWalk {
  readonly errors: string[] = [];
  readonly unknown: string[] = [];
  /** Paths one member of a union or intersection does not know but another does. */
  private readonly knownElsewhere = new Set<string>();
  private readonly said = new Set<string>();
  private pending: string[];
  private readonly duplicated: Set<string>;

  constructor(
    duplicates: readonly string[],
    private readonly sortKeys: boolean,
  ) {
    this.pending = [...duplicates];
    this.duplicated = new Set(duplicates);
  }

  private say(message: string): void {
    if (this.said.has(message) || this.said.size >= maxErrors) return;
    this.said.add(message);
    this.errors.push(message);
  }

  private duplicateAt(path: string): void {
    if (!this.duplicated.has(path)) return;
    this.duplicated.delete(path);
    this.pending = this.pending.filter((p) => p !== path);
    this.say(`duplicate field ${JSON.stringify(path)}`);
  }

  /** A known value the schema does not model further: repeats inside it are still repeats. */
  private opaque(path: string): void {
    if (this.pending.length === 0) return;
    const inside = this.pending.filter((p) => p !== path && isUnder(p, path));
    for (const p of inside) this.duplicateAt(p);
  }

  private keysOf(value: Record<string, unknown>): string[] {
    const keys = Object.keys(value);
    return this.sortKeys ? keys.sort() : keys;
  }

  walk(schema: unknown, value: unknown, path: string, root = false): void {
    const def = resolveSchema(schema);
    if (!def) return this.opaque(path);
    switch (def.type) {
      case "object": {
        if (!isPlainObject(value)) return this.opaque(path);
        const shape = def.shape as Record<string, unknown>;
        const catchall = defOf(def.catchall)?.type === "never" ? undefined : def.catchall;
        for (const key of this.keysOf(value)) {
          const at = joinFieldPath(path, key);
          const field = (root ? topLevelFieldSchema(key) : undefined) ?? (Object.hasOwn(shape, key) ? shape[key] : catchall);
          if (field !== undefined || this.knownElsewhere.has(at)) {
            this.duplicateAt(at);
            if (field !== undefined) this.walk(field, value[key], at);
            else this.opaque(at);
          } else {
            this.unknown.push(at);
            this.say(`unknown field ${JSON.stringify(at)}`);
          }
        }
        return;
      }
      case "record":
      case "map":
        if (!isPlainObject(value)) return this.opaque(path);
        for (const key of this.keysOf(value)) {
          const at = joinFieldPath(path, key);
          this.duplicateAt(at);
          this.walk(def.valueType, value[key], at);
        }
        return;
      case "array":
        if (!Array.isArray(value)) return this.opaque(path);
        value.forEach((item, i) => this.walk(def.element, item, joinFieldPath(path, i)));
        return;
      case "tuple":
        if (!Array.isArray(value)) return this.opaque(path);
        value.forEach((item, i) => this.walk((def.items as unknown[])[i] ?? def.rest ?? undefined, item, joinFieldPath(path, i)));
        return;
      case "union":
        return this.members(def.options as unknown[], value, path, root);
      case "intersection":
        return this.members([def.left, def.right], value, path, root);
      default:
        return this.opaque(path);
    }
  }

  /** A key is unknown only if every member fitting the value leaves it unknown; the best-fitting member is walked. */
  private members(options: unknown[], value: unknown, path: string, root: boolean): void {
    if (!isPlainObject(value) && !Array.isArray(value)) return this.opaque(path);
    const fitting = options.filter((option) => fits(option, value));
    if (fitting.length === 0) return this.opaque(path);
    if (fitting.length === 1) return this.walk(fitting[0], value, path, root);
    const unknownBy = fitting.map((option) => {
      const probe = new FieldWalk([], this.sortKeys);
      probe.walk(option, value, path, root);
      return new Set(probe.unknown);
    });
    let best = 0;
    unknownBy.forEach((set, i) => {
      if (set.size < unknownBy[best].size) best = i;
    });
    for (const p of unknownBy[best]) if (unknownBy.some((set) => !set.has(p))) this.knownElsewhere.add(p);
    this.walk(fitting[best], value, path, root);
  }

  /** Repeats the walk never reached (inside a value a later repeat replaced), unless under an unknown field. */
  finish(): string[] {
    for (const p of this.pending) {
      if (!this.unknown.some((u) => isUnder(p, u))) this.say(`duplicate field ${JSON.stringify(p)}`);
    }
    this.pending = [];
    return this.errors;
  }
}

/**
 * kube's strict decoding errors for a value against a schema: `unknown field "spec.foo"` for each key the
 * schema does not model (its contents are not looked into), `duplicate field "spec.paused"` for each repeated
 * key that is not itself unknown, in the order Go's decoder meets them, each once, at most 100.
 * The value is a whole object: its top-level `metadata` is ObjectMeta.
 */
export function strictFieldErrors(schema: z.ZodType, value: unknown, options: FieldWalkOptions = {}): string[] {
  const walk = new FieldWalk(options.duplicates ?? [], options.sortKeys ?? false);
  walk.walk(schema, value, "", true);
  return walk.finish();
}

/** The paths of the fields of a value that a schema does not know, in the order they are met. */
export function unknownFields(schema: z.ZodType, value: unknown, options: Pick<FieldWalkOptions, "sortKeys"> = {}): string[] {
  const walk = new FieldWalk([], options.sortKeys ?? false);
  walk.walk(schema, value, "", true);
  return walk.unknown;
}

/** Removes, in place, the fields a schema does not know (kube's decoder drops them), e.g. from metadata. */
export function dropUnknownFields(schema: unknown, value: unknown): void {
  const def = resolveSchema(schema);
  if (!def) return;
  if (def.type === "array" && Array.isArray(value)) {
    for (const item of value) dropUnknownFields(def.element, item);
  } else if ((def.type === "record" || def.type === "map") && isPlainObject(value)) {
    for (const key of Object.keys(value)) dropUnknownFields(def.valueType, value[key]);
  } else if (def.type === "object" && isPlainObject(value)) {
    const shape = def.shape as Record<string, unknown>;
    const keepAll = def.catchall !== undefined && defOf(def.catchall)?.type !== "never";
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(shape, key)) dropUnknownFields(shape[key], value[key]);
      else if (!keepAll) delete value[key];
    }
  }
}
