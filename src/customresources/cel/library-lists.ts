// List functions: kube's lists library (isSorted, sum, min, max, indexOf, lastIndexOf) and cel-go's lists
// extension as kube 1.35 enables it (version 3: slice, flatten, distinct, reverse, sort, lists.range; the
// sortBy macro is missing).

import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { Duration, UnsignedInt } from "@marcbachmann/cel-js/evaluator";
import { celCompare, celEquals } from "./cel-equality.ts";
import { charge } from "./cost-meter.ts";

const comparableTypes = [
  "int",
  "uint",
  "double",
  "bool",
  "google.protobuf.Duration",
  "google.protobuf.Timestamp",
  "string",
  "bytes",
];
const summableTypes = ["int", "uint", "double", "google.protobuf.Duration"];

const maxInt = 2n ** 63n - 1n;
const minInt = -(2n ** 63n);

function fail(message: string, code = "invalid_argument"): never {
  throw new EvaluationError({ code, message });
}

function compare(a: unknown, b: unknown): number {
  const result = celCompare(a, b);
  if (result === undefined) fail("no such overload", "no_such_overload");
  return result;
}

function isSorted(list: unknown[]): boolean {
  charge(list.length);
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return false;
  return true;
}

function extreme(name: "min" | "max") {
  return (list: unknown[]): unknown => {
    charge(list.length);
    if (list.length === 0) fail(`${name} called on empty list`);
    let result = list[0];
    for (const item of list.slice(1)) {
      const cmp = compare(result, item);
      if (name === "min" ? cmp > 0 : cmp < 0) result = item;
    }
    return result;
  };
}

function sum(type: string) {
  return (list: unknown[]): unknown => {
    charge(list.length);
    switch (type) {
      case "int": {
        let total = 0n;
        for (const item of list) {
          total += item as bigint;
          if (total > maxInt || total < minInt) fail("integer overflow", "numeric_overflow");
        }
        return total;
      }
      case "uint":
        return new UnsignedInt(list.reduce<bigint>((total, item) => total + (item as UnsignedInt).valueOf(), 0n));
      case "double":
        return list.reduce<number>((total, item) => total + (item as number), 0);
      default:
        return list.reduce<Duration>((total, item) => total.addDuration(item as Duration), new Duration(0, 0));
    }
  };
}

function indexOf(list: unknown[], item: unknown): bigint {
  charge(list.length);
  return BigInt(list.findIndex((x) => celEquals(x, item)));
}

function lastIndexOf(list: unknown[], item: unknown): bigint {
  charge(list.length);
  for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], item)) return BigInt(i);
  return -1n;
}

function slice(list: unknown[], start: bigint, end: bigint): unknown[] {
  charge(list.length);
  if (start < 0n || end < 0n) fail(`cannot slice(${start}, ${end}), negative indexes not supported`);
  if (start > end) fail(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
  if (end > BigInt(list.length)) fail(`cannot slice(${start}, ${end}), list is length ${list.length}`);
  return list.slice(Number(start), Number(end));
}

function flatten(list: unknown[], depth: bigint): unknown[] {
  if (depth < 0n) fail("level must be non-negative");
  charge(list.length);
  const out: unknown[] = [];
  for (const item of list) {
    if (Array.isArray(item) && depth > 0n) out.push(...flatten(item, depth - 1n));
    else out.push(item);
  }
  return out;
}

function distinct(list: unknown[]): unknown[] {
  charge(list.length * list.length);
  const out: unknown[] = [];
  for (const item of list) if (!out.some((x) => celEquals(x, item))) out.push(item);
  return out;
}

function sort(list: unknown[]): unknown[] {
  charge(list.length * Math.max(1, Math.ceil(Math.log2(list.length + 1))));
  return [...list].sort(compare);
}

function range(n: bigint): bigint[] {
  charge(Number(n > 0n ? n : 0n));
  const out: bigint[] = [];
  for (let i = 0n; i < n; i++) out.push(i);
  return out;
}

class ListsNamespace {}

export function registerListsLibrary(env: Environment): void {
  for (const type of comparableTypes) {
    env.registerFunction(`list<${type}>.isSorted(): bool`, isSorted);
    env.registerFunction(`list<${type}>.min(): ${type}`, extreme("min"));
    env.registerFunction(`list<${type}>.max(): ${type}`, extreme("max"));
    env.registerFunction(`list<${type}>.sort(): list<${type}>`, sort);
  }
  for (const type of summableTypes) env.registerFunction(`list<${type}>.sum(): ${type}`, sum(type));
  env.registerFunction("list<A>.indexOf(A): int", indexOf);
  env.registerFunction("list<A>.lastIndexOf(A): int", lastIndexOf);
  env.registerFunction("list<A>.slice(int, int): list<A>", slice);
  env.registerFunction("list<A>.distinct(): list<A>", distinct);
  env.registerFunction("list<A>.reverse(): list<A>", (list: unknown[]) => {
    charge(list.length);
    return [...list].reverse();
  });
  env.registerFunction("list.flatten(): list", (list: unknown[]) => flatten(list, 1n));
  env.registerFunction("list.flatten(int): list", flatten);
  env.registerType("ListsNamespace", ListsNamespace);
  env.registerConstant("lists", "ListsNamespace", new ListsNamespace());
  env.registerFunction("ListsNamespace.range(int): list<int>", (_: ListsNamespace, n: bigint) => range(n));
}
