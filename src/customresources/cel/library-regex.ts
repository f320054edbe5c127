// Regular expressions as kube's CEL has them: RE2 syntax and linear-time matching (re2js), for the standard
// `matches` and kube's regex library (`find`, `findAll`). The library's own `string.matches` uses JavaScript
// RegExp (other syntax, and backtracking a hostile value can stall the isolate on), so compiled rules have their
// `.matches(` calls pointed at the RE2 one (compile-expression.ts renames them in the parsed AST, which relies
// on the library's AST shape; the regex tests fail if an upgrade changes it).

import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { RE2JS } from "re2js";
import { charge } from "./cost-meter.ts";

/** The name `x.matches(re)` is compiled to. */
export const re2MatchesName = "__kubernetes_re2_matches__";

const cacheLimit = 256;
const cache = new Map<string, RE2JS>();

/** The compiled pattern, or throws the RE2 syntax error ("error parsing regexp: ..."). */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  re = RE2JS.compile(pattern);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, re);
  return re;
}

/** The RE2 syntax error of a pattern, or undefined when it compiles. */
export function regexError(pattern: string): string | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function regexOrThrow(pattern: string): RE2JS {
  try {
    return compileRegex(pattern);
  } catch (error) {
    throw new EvaluationError({
      code: "invalid_regular_expression",
      message: `Illegal regex: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

function matches(text: string, pattern: string): boolean {
  charge(Math.ceil(text.length / 10) + Math.ceil(pattern.length / 10));
  return regexOrThrow(pattern).matcher(text).find();
}

function findAll(text: string, pattern: string, limit: bigint): string[] {
  charge(Math.ceil(text.length / 4) + Math.ceil(pattern.length / 10));
  const out: string[] = [];
  if (limit === 0n) return out;
  const matcher = regexOrThrow(pattern).matcher(text);
  let last = -1;
  while (matcher.find()) {
    const start = matcher.start();
    const end = matcher.end();
    // Go's FindAllString skips an empty match right after the previous match.
    if (start === end && start === last) continue;
    out.push(matcher.group() ?? "");
    last = end;
    if (limit > 0n && BigInt(out.length) >= limit) break;
  }
  return out;
}

export function registerRegexLibrary(env: Environment): void {
  env.registerFunction(`string.${re2MatchesName}(string): bool`, matches);
  env.registerFunction("matches(string, string): bool", matches);
  env.registerFunction("string.find(string): string", (text: string, pattern: string) => {
    charge(Math.ceil(text.length / 4) + Math.ceil(pattern.length / 10));
    const matcher = regexOrThrow(pattern).matcher(text);
    return matcher.find() ? (matcher.group() ?? "") : "";
  });
  env.registerFunction("string.findAll(string): list<string>", (text: string, pattern: string) => findAll(text, pattern, -1n));
  env.registerFunction("string.findAll(string, int): list<string>", findAll);
}
