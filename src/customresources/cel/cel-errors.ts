// The library's errors in cel-go's words, which kube puts in its field errors: compile issues as
// "ERROR: <input>:1:6: undefined field 'foo'" followed by the source line and a caret, evaluation errors as
// "no such key: foo". The wording is cel-go's where the meaning is the same; syntax errors keep the library's
// description after cel-go's "Syntax error: ".

interface LibraryError {
  name?: string;
  code?: string;
  summary?: string;
  message?: string;
  range?: { start: number; end: number };
  node?: { op?: string; pos?: number; start?: number; end?: number; args?: unknown };
}

function asLibraryError(error: unknown): LibraryError {
  return typeof error === "object" && error !== null ? (error as LibraryError) : { message: String(error) };
}

const operatorNames: Record<string, string> = {
  "+": "_+_",
  "-": "_-_",
  "*": "_*_",
  "/": "_/_",
  "%": "_%_",
  "<": "_<_",
  "<=": "_<=_",
  ">": "_>_",
  ">=": "_>=_",
  "==": "_==_",
  "!=": "_!=_",
  in: "@in",
};

/** A library type name in cel-go's notation: list<int> → list(int). */
function celGoType(type: string): string {
  return type.replace(/optional</g, "optional_type(").replace(/</g, "(").replace(/>/g, ")");
}

function celGoTypes(types: string): string {
  return types
    .split(/,\s*(?![^<]*>)/)
    .filter(Boolean)
    .map(celGoType)
    .join(", ");
}

function compileMessage(error: LibraryError, knownFunctions: ReadonlySet<string>): string {
  const summary = error.summary ?? error.message ?? "";
  if (error.name === "ParseError") return `Syntax error: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
  let m: RegExpMatchArray | null;
  switch (error.code) {
    case "unknown_variable":
      if ((m = /^Unknown variable: (.*)$/.exec(summary))) return `undeclared reference to '${m[1]}' (in container '')`;
      break;
    case "no_such_key":
      if ((m = /^No such key: (.*)$/.exec(summary))) return `undefined field '${m[1]}'`;
      break;
    case "no_such_overload":
      if ((m = /^no such overload: (\S+) (\S+) (\S+)$/.exec(summary)) && operatorNames[m[2]]) {
        return `found no matching overload for '${operatorNames[m[2]]}' applied to '(${celGoType(m[1])}, ${celGoType(m[3])})'`;
      }
      if ((m = /^no such overload: ([-!])(\S+)$/.exec(summary))) {
        return `found no matching overload for '${m[1]}_' applied to '(${celGoType(m[2])})'`;
      }
      break;
    case "no_matching_overload":
      if ((m = /^found no matching overload for '(?:(.+)\.)?([\w]+)\((.*)\)'$/s.exec(summary))) {
        const [, receiver, name, args] = m;
        if (!knownFunctions.has(name)) return `undeclared reference to '${name}' (in container '')`;
        return `found no matching overload for '${name}' applied to '${receiver ? `${celGoType(receiver)}.` : ""}(${celGoTypes(args)})'`;
      }
      break;
    case "heterogeneous_list_element":
    case "heterogeneous_map_key":
    case "heterogeneous_map_value":
      return summary.replace(/^.*?, (expected type)/, "$1");
  }
  return summary;
}

function skipSpace(source: string, at: number): number {
  while (at < source.length && /\s/.test(source[at])) at++;
  return at;
}

/** Where cel-go would place the error: the operator, the '.' of a selection, the '(' of a call. */
function errorOffset(error: LibraryError, source: string): number {
  const node = error.node;
  const start = error.range?.start ?? node?.pos ?? node?.start ?? 0;
  if (!node || error.name === "ParseError") return start;
  const args = Array.isArray(node.args) ? node.args : [];
  const left = args[0] as { end?: number } | undefined;
  switch (node.op) {
    case ".":
    case ".?": {
      const dot = source.lastIndexOf(".", (node.pos ?? start) - 1);
      return dot >= 0 ? dot : start;
    }
    case "call": {
      const open = source.indexOf("(", node.start ?? start);
      return open >= 0 ? open : start;
    }
    case "rcall": {
      const receiver = args[1] as { end?: number } | undefined;
      const open = source.indexOf("(", receiver?.end ?? start);
      return open >= 0 ? open : start;
    }
    default:
      if (node.op && operatorNames[node.op] && typeof left?.end === "number") return skipSpace(source, left.end);
      return start;
  }
}

/** cel-go's display of a compile issue: the message, then the source line with a caret under the column. */
export function compileErrorText(error: unknown, source: string, knownFunctions: ReadonlySet<string>): string {
  const lib = asLibraryError(error);
  const message = compileMessage(lib, knownFunctions);
  return issueText(source, Math.min(errorOffset(lib, source), source.length), message);
}

/** "ERROR: <input>:line:col: message" and cel-go's snippet for an offset into the source. */
export function issueText(source: string, offset: number, message: string): string {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const column = Array.from(source.slice(lineStart, offset)).length;
  const lineEnd = source.indexOf("\n", lineStart);
  const snippet = source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd).replace(/\t/g, " ");
  let caret = "";
  const chars = Array.from(snippet);
  for (let i = 0; i < column && i < chars.length; i++) caret += chars[i].length > 1 || chars[i].charCodeAt(0) > 0x7f ? "\uff0e" : ".";
  const at = chars[column];
  caret += at !== undefined && (at.length > 1 || at.charCodeAt(0) > 0x7f) ? "\uff3e" : "^";
  return `ERROR: <input>:${line}:${column + 1}: ${message}\n | ${snippet}\n | ${caret}`;
}

/** An evaluation error in cel-go's words ("no such key: foo", "division by zero", "no such overload"). */
export function evaluationErrorText(error: unknown): string {
  const lib = asLibraryError(error);
  const summary = lib.summary ?? lib.message ?? String(error);
  switch (lib.code) {
    case "no_such_key":
      return summary.replace(/^No such key: /, "no such key: ");
    case "index_out_of_bounds": {
      const m = /index (-?\d+)/.exec(summary);
      return m ? `index out of bounds: ${m[1]}` : summary;
    }
    case "division_by_zero":
      return "division by zero";
    case "modulo_by_zero":
      return "modulus by zero";
    case "numeric_overflow":
      return summary.startsWith("integer overflow") ? "integer overflow" : summary;
    case "no_such_overload":
    case "no_matching_overload":
      return "no such overload";
    case "optional_value_missing":
      return "optional.none() dereference";
    default:
      return summary;
  }
}
