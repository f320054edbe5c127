// The CEL environment of x-kubernetes-validations rules: the library's standard functions and macros, optional
// types, homogeneous aggregate literals, and kube's extension libraries (strings, lists, regex, sets, urls,
// quantity), built once per isolate. Each schema node with rules gets a child environment declaring its object
// types and `self`/`oldSelf` as that node's type (oldSelf optional(T) for optionalOldSelf rules).

import { Environment } from "@marcbachmann/cel-js";
import { celEquals } from "./cel-equality.ts";
import { objectNodes, type CelNode } from "./cel-model.ts";
import { meterInstaller, meterInstallerName } from "./cost-meter.ts";
import { registerListsLibrary } from "./library-lists.ts";
import { registerQuantityLibrary } from "./library-quantity.ts";
import { registerRegexLibrary } from "./library-regex.ts";
import { registerSetsLibrary } from "./library-sets.ts";
import { registerStringsLibrary } from "./library-strings.ts";
import { registerUrlsLibrary } from "./library-urls.ts";

const macroNames = ["has", "all", "exists", "exists_one", "map", "filter", "bind"];

let base: { env: Environment; functions: ReadonlySet<string> } | undefined;

function baseEnvironment(): { env: Environment; functions: ReadonlySet<string> } {
  if (base) return base;
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: true });
  env.registerFunction(`${meterInstallerName}(): bool`, meterInstaller);
  registerStringsLibrary(env);
  registerListsLibrary(env);
  registerRegexLibrary(env);
  registerSetsLibrary(env);
  registerUrlsLibrary(env);
  registerQuantityLibrary(env);
  const functions = new Set([...macroNames, ...env.getDefinitions().functions.map((f) => f.name)]);
  base = { env, functions };
  return base;
}

/** The names of every function and macro rules may call (to tell an undeclared function from a bad call). */
export function knownFunctions(): ReadonlySet<string> {
  return baseEnvironment().functions;
}

/**
 * An environment for the rules of a node whose CEL view is self. mixedLiterals lifts the homogeneous aggregate
 * literal check (for format() argument lists, which cel-go exempts from it).
 */
export function ruleEnvironment(self: CelNode, optionalOldSelf: boolean, mixedLiterals = false): Environment {
  const env = baseEnvironment().env.clone(mixedLiterals ? { homogeneousAggregateLiterals: false } : undefined);
  for (const node of objectNodes(self)) {
    const fields: Record<string, string> = {};
    for (const [name, field] of node.fields) fields[name] = field.node.type;
    env.registerType(node.type, { ctor: node.ctor, fields });
    env.registerOperator(`${node.type} == ${node.type}`, celEquals);
  }
  env.registerVariable("self", self.type);
  env.registerVariable("oldSelf", optionalOldSelf ? `optional<${self.type}>` : self.type);
  env.evaluate(`${meterInstallerName}()`);
  return env;
}
