// One CEL expression compiled in a rule environment: parsed, its `.matches(` calls pointed at the RE2 function,
// type-checked, constant regular expressions checked as cel-go checks them. The result is a program to run per
// write, or the error in cel-go's words.

import type { Environment, ParseResult } from "@marcbachmann/cel-js";
import { compileErrorText, issueText } from "./cel-errors.ts";
import { knownFunctions } from "./cel-environment.ts";
import type { CelNode } from "./cel-model.ts";
import { re2MatchesName, regexError } from "./library-regex.ts";

export type Program = ParseResult;

export type CompiledExpression =
  | { ok: true; program: Program; type: string; usesOldSelf: boolean; regexError?: string }
  | { ok: false; error: string };

interface Node {
  op: string;
  args: unknown;
  pos?: number;
  start?: number;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).op === "string" && "args" in value;
}

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (isNode(value)) {
    visit(value);
    if (value.op !== "value" && value.op !== "id") walk(value.args, visit);
  }
}

function stringLiteral(node: unknown): { value: string; offset: number } | undefined {
  if (!isNode(node) || node.op !== "value" || typeof node.args !== "string") return undefined;
  return { value: node.args, offset: node.pos ?? node.start ?? 0 };
}

/**
 * The field has(self.a.b) tests that self's type does not declare, as cel-go's checker finds it (the library
 * checks only the identifier): its name and source offset. Chains from other identifiers are not resolved.
 */
function undeclaredHasField(operand: unknown, self: CelNode | undefined, source: string): { name: string; offset: number } | undefined {
  const chain: Node[] = [];
  let node = operand;
  while (isNode(node) && node.op === ".") {
    chain.unshift(node);
    node = (node.args as unknown[])[0];
  }
  if (!self || !isNode(node) || node.op !== "id" || node.args !== "self") return undefined;
  let current: CelNode | undefined = self;
  for (const select of chain) {
    const name = (select.args as unknown[])[1] as string;
    if (current?.kind === "map") current = current.values;
    else if (current?.kind === "object") {
      const field = current.fields.get(name);
      if (!field) return { name, offset: source.lastIndexOf(".", (select.pos ?? select.start ?? 1) - 1) };
      current = field.node;
    } else return undefined;
  }
  return undefined;
}

interface Attempt {
  program: Program;
  usesOldSelf: boolean;
  undeclaredField?: { name: string; offset: number };
  invalidMatches?: number;
  findError?: string;
  /** Source ranges of list literals given to format(), where cel-go allows mixed element types. */
  formatLists: { start: number; end: number }[];
  checked: ReturnType<Program["check"]>;
}

function attempt(env: Environment, source: string, self: CelNode | undefined): Attempt {
  const program = env.parse(source);
  const out: Omit<Attempt, "checked"> = { program, usesOldSelf: false, formatLists: [] };
  walk(program.ast, (node) => {
    if (node.op === "id" && node.args === "oldSelf") out.usesOldSelf = true;
    if (node.op !== "rcall" && node.op !== "call") return;
    const args = node.args as unknown[];
    const name = args[0];
    if (name === "has" && node.op === "call") out.undeclaredField ??= undeclaredHasField((args[1] as unknown[])[0], self, source);
    const callArgs = (node.op === "rcall" ? args[2] : args[1]) as unknown[];
    const pattern = stringLiteral(node.op === "rcall" ? callArgs[0] : callArgs[1]);
    if (name === "matches") {
      if (node.op === "rcall") args[0] = re2MatchesName;
      if (pattern && out.invalidMatches === undefined && regexError(pattern.value) !== undefined) out.invalidMatches = pattern.offset;
    } else if ((name === "find" || name === "findAll") && node.op === "rcall" && pattern && out.findError === undefined) {
      out.findError = regexError(pattern.value);
    } else if (name === "format" && node.op === "rcall" && isNode(callArgs[0]) && callArgs[0].op === "list") {
      const list = callArgs[0] as Node & { end?: number };
      out.formatLists.push({ start: list.start ?? 0, end: list.end ?? source.length });
    }
  });
  return { ...out, checked: program.check() };
}

function mixedFormatList(a: Attempt): boolean {
  const error = a.checked.error as { code?: string; range?: { start: number } } | undefined;
  const at = error?.range?.start;
  return !!error?.code?.startsWith("heterogeneous_") && at !== undefined && a.formatLists.some((r) => at >= r.start && at < r.end);
}

/**
 * Compiles source in the environment env(false) gives; env(true) is the same without homogeneous aggregate
 * literals, used when only a format() argument list mixes types (cel-go exempts those lists from the check).
 * self, the CEL view of `self`, lets has() arguments be checked as cel-go checks them.
 */
export function compileExpression(env: (mixedLiterals: boolean) => Environment, source: string, self?: CelNode): CompiledExpression {
  let result: Attempt;
  try {
    result = attempt(env(false), source, self);
    if (!result.checked.valid && mixedFormatList(result)) result = attempt(env(true), source, self);
  } catch (error) {
    return { ok: false, error: compileErrorText(error, source, knownFunctions()) };
  }
  const { program, checked, usesOldSelf, invalidMatches, findError, undeclaredField } = result;
  if (!checked.valid) {
    const error = compileErrorText(checked.error, source, knownFunctions()).replaceAll(re2MatchesName, "matches");
    return { ok: false, error };
  }
  if (undeclaredField) return { ok: false, error: issueText(source, undeclaredField.offset, `undefined field '${undeclaredField.name}'`) };
  if (invalidMatches !== undefined) {
    return { ok: false, error: issueText(source, invalidMatches, "invalid matches argument") };
  }
  return { ok: true, program, type: checked.type ?? "dyn", usesOldSelf, regexError: findError };
}
