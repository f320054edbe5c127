// cel-go's sets extension (kube 1.29+): sets.contains, sets.equivalent and sets.intersects over lists.

import type { Environment } from "@marcbachmann/cel-js";
import { celEquals } from "./cel-equality.ts";
import { charge } from "./cost-meter.ts";

function contains(list: unknown[], sub: unknown[]): boolean {
  charge(list.length * sub.length);
  return sub.every((item) => list.some((x) => celEquals(x, item)));
}

class SetsNamespace {}

export function registerSetsLibrary(env: Environment): void {
  env.registerType("SetsNamespace", SetsNamespace);
  env.registerConstant("sets", "SetsNamespace", new SetsNamespace());
  env.registerFunction("SetsNamespace.contains(list<A>, list<A>): bool", (_: SetsNamespace, a: unknown[], b: unknown[]) => contains(a, b));
  env.registerFunction(
    "SetsNamespace.equivalent(list<A>, list<A>): bool",
    (_: SetsNamespace, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a),
  );
  env.registerFunction("SetsNamespace.intersects(list<A>, list<A>): bool", (_: SetsNamespace, a: unknown[], b: unknown[]) => {
    charge(a.length * b.length);
    return a.some((x) => b.some((y) => celEquals(x, y)));
  });
}
