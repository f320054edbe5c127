// A set of field paths, as structured-merge-diff keeps them and managedFields' FieldsV1 writes them: a tree
// whose edges are path elements ("f:name" a field, "k:{...}" a list item by its keys, "v:..." a set item by its
// value, "i:N" an item by index) and whose nodes say whether the path up to them is itself a member.

import { isPlainObject, type JsonValue } from "../../api/object.ts";

/** One step of a path, written as FieldsV1 writes it. */
export type PathElement = string;
export type FieldPath = readonly PathElement[];

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** A list item by its keys: the key fields sorted by name, as kube sorts them. */
export function keyElement(keys: Record<string, unknown>): PathElement {
  const sorted = Object.keys(keys)
    .sort(compareStrings)
    .map((name) => [name, keys[name]] as const);
  return `k:${JSON.stringify(Object.fromEntries(sorted))}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const typeRank = { f: 0, k: 1, v: 2, i: 3 } as const;

/** structured-merge-diff's total order of values: floats, ints, strings, booleans, lists, maps, null. */
function valueRank(v: unknown): number {
  if (typeof v === "number") return Number.isInteger(v) ? 1 : 0;
  if (typeof v === "string") return 2;
  if (typeof v === "boolean") return 3;
  if (Array.isArray(v)) return 4;
  if (isPlainObject(v)) return 5;
  return 6;
}

function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}

/** The order FieldsV1 lists children in: fields, then keyed items, then set values, then indexes. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ta = typeRank[a[0] as keyof typeof typeRank] ?? 4;
  const tb = typeRank[b[0] as keyof typeof typeRank] ?? 4;
  if (ta !== tb) return ta - tb;
  const ra = a.slice(2);
  const rb = b.slice(2);
  switch (a[0]) {
    case "f":
      return compareStrings(ra, rb);
    case "i":
      return Number(ra) - Number(rb);
    case "v":
      return compareValues(JSON.parse(ra), JSON.parse(rb));
    case "k": {
      const ka = Object.entries(JSON.parse(ra) as Record<string, unknown>);
      const kb = Object.entries(JSON.parse(rb) as Record<string, unknown>);
      for (let i = 0; ; i++) {
        if (i >= ka.length || i >= kb.length) return ka.length - kb.length;
        const byName = compareStrings(ka[i][0], kb[i][0]);
        if (byName) return byName;
        const byValue = compareValues(ka[i][1], kb[i][1]);
        if (byValue) return byValue;
      }
    }
    default:
      return compareStrings(a, b);
  }
}

/** kube's printed form of a value in a path: Go's %q for strings, the JSON text for the rest. */
function printValue(value: unknown): string {
  return JSON.stringify(value);
}

/** A path as kube prints it in conflicts and errors: `.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  let out = "";
  for (const element of path) {
    const rest = element.slice(2);
    switch (element[0]) {
      case "f":
        out += `.${rest}`;
        break;
      case "k": {
        const keys = Object.entries(JSON.parse(rest) as Record<string, unknown>);
        out += `[${keys.map(([name, value]) => `${name}=${printValue(value)}`).join(",")}]`;
        break;
      }
      case "v":
        out += `[=${printValue(JSON.parse(rest))}]`;
        break;
      default:
        out += `[${rest}]`;
    }
  }
  return out;
}

export class FieldSet {
  /** Whether the path leading to this node is in the set (FieldsV1's "."). */
  member = false;
  readonly children = new Map<PathElement, FieldSet>();

  static fromPaths(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Reads FieldsV1; undefined when it is not a tree of objects. */
  static fromFieldsV1(value: unknown): FieldSet | undefined {
    if (!isPlainObject(value)) return undefined;
    const set = new FieldSet();
    for (const [key, child] of Object.entries(value)) {
      if (!isPlainObject(child)) return undefined;
      if (key === ".") {
        set.member = true;
        continue;
      }
      if (!/^[fkvi]:/.test(key)) return undefined;
      const node = FieldSet.fromFieldsV1(child);
      if (!node) return undefined;
      if (Object.keys(child).length === 0) node.member = true;
      set.children.set(key, node);
    }
    return set;
  }

  insert(path: FieldPath): void {
    let node: FieldSet = this;
    for (const element of path) {
      let next = node.children.get(element);
      if (!next) node.children.set(element, (next = new FieldSet()));
      node = next;
    }
    if (path.length) node.member = true;
  }

  child(element: PathElement): FieldSet | undefined {
    return this.children.get(element);
  }

  has(path: FieldPath): boolean {
    let node: FieldSet | undefined = this;
    for (const element of path) node = node?.children.get(element);
    return !!node?.member;
  }

  isEmpty(): boolean {
    if (this.member) return false;
    for (const child of this.children.values()) if (!child.isEmpty()) return false;
    return true;
  }

  /** Whether the set holds this path or anything beneath it. */
  hasPrefix(path: FieldPath): boolean {
    let node: FieldSet | undefined = this;
    for (const element of path) node = node?.children.get(element);
    return !!node && !node.isEmpty();
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [key, child] of this.children) out.children.set(key, child.clone());
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.addAll(other);
    return out;
  }

  private addAll(other: FieldSet): void {
    this.member ||= other.member;
    for (const [key, child] of other.children) {
      const mine = this.children.get(key);
      if (mine) mine.addAll(child);
      else this.children.set(key, child.clone());
    }
  }

  /** Members of this set that are not members of the other. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [key, child] of this.children) {
      const theirs = other.children.get(key);
      const rest = theirs ? child.difference(theirs) : child.clone();
      if (!rest.isEmpty()) out.children.set(key, rest);
    }
    return out;
  }

  /** Members of this set with nothing of the other at or beneath them (kube's RecursiveDifference). */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [key, child] of this.children) {
      const theirs = other.children.get(key);
      if (theirs?.member) continue;
      const rest = theirs ? child.recursiveDifference(theirs) : child.clone();
      if (!rest.isEmpty()) out.children.set(key, rest);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [key, child] of this.children) {
      const theirs = other.children.get(key);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.isEmpty()) out.children.set(key, both);
    }
    return out;
  }

  /** Every member path, in FieldsV1's order (a path before the paths beneath it). */
  paths(prefix: PathElement[] = []): FieldPath[] {
    const out: FieldPath[] = [];
    if (this.member && prefix.length) out.push([...prefix]);
    for (const key of [...this.children.keys()].sort(compareElements)) {
      out.push(...this.children.get(key)!.paths([...prefix, key]));
    }
    return out;
  }

  /** FieldsV1: `{"f:metadata":{"f:labels":{"f:app":{}}}}`, children in kube's order, "." first. */
  toFieldsV1(): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    const keys = [...this.children.keys()].filter((key) => !this.children.get(key)!.isEmpty()).sort(compareElements);
    if (this.member && keys.length) out["."] = {};
    for (const key of keys) out[key] = this.children.get(key)!.toFieldsV1();
    return out;
  }

  equals(other: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(other.toFieldsV1()) && this.member === other.member;
  }
}
