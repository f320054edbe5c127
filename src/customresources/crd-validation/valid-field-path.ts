// kube's ValidFieldPath (schema/cel): a JSON path of field accessors (".a.b") and, when allowed, quoted map or
// field keys ("['a.b']") that must name a field the structural schema declares. Used for selectable fields and
// the fieldPath of x-kubernetes-validations; errors are kube's texts.

import type { Structural } from "./structural.ts";

export interface FieldPathResult {
  /** The path as field.Path prints it (".a.b", "a[key]"). */
  path: string;
  /** The first element of the path, as field.Path prints it ("metadata", "[key]"). */
  root: string;
  schema: Structural | undefined;
}

/** bufio.Scanner with kube's split: '.', '[' and ']' alone, single-quoted strings whole, other runs of text. */
function tokens(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === "'") {
      let j = i + 1;
      while (j < s.length && !(s[j] === "'" && s[j - 1] !== "\\")) j++;
      out.push(s.slice(i, Math.min(j + 1, s.length)));
      i = j + 1;
    } else if (s[i] === "." || s[i] === "[" || s[i] === "]") {
      out.push(s[i++]);
    } else {
      let j = i;
      while (j < s.length && !".[]".includes(s[j])) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

const escapes: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "'": "'", "\\": "\\" };

function unescapeSingleQuote(s: string): string {
  let error: string | undefined;
  const out = s.replace(/\\[\s\S]/g, (m) => {
    const replacement = escapes[m[1]];
    if (replacement === undefined) error = `invalid escape char ${m}`;
    return replacement ?? "";
  });
  if (error) throw new Error(error);
  return out;
}

/** ValidFieldPath: the path and the schema it reaches, or kube's error text. */
export function validFieldPath(jsonPath: string, root: Structural, allowArrayNotation = true): FieldPathResult | { error: string } {
  let schema: Structural | undefined = root;
  let path = "";
  let first = "";
  const append = (segment: string): void => {
    path += path ? segment : segment.replace(/^\./, "");
    if (!first) first = segment.replace(/^\./, "");
  };
  const step = (name: string): string | undefined => {
    if (!schema) return "does not refer to a valid field";
    if (schema.properties) {
      append(`.${name}`);
      schema = schema.properties.get(name);
      return schema ? undefined : "does not refer to a valid field";
    }
    if (schema.additionalProperties) {
      append(`[${name}]`);
      schema = schema.additionalProperties.structural;
      return undefined;
    }
    return "does not refer to a valid field";
  };
  const toks = tokens(jsonPath);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok === "[") {
      if (!allowArrayNotation) return { error: "array notation is not allowed" };
      const quoted = toks[++i];
      if (quoted === undefined) return { error: "unexpected end of JSON path" };
      if (quoted.length < 2 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") {
        return { error: `expected single quoted string but got ${quoted}` };
      }
      let name: string;
      try {
        name = unescapeSingleQuote(quoted.slice(1, -1));
      } catch (e) {
        return { error: `invalid string literal: ${(e as Error).message}` };
      }
      const err = step(name);
      if (err) return { error: err };
      const close = toks[++i];
      if (close === undefined) return { error: "unexpected end of JSON path" };
      if (close !== "]") return { error: `expected ] but got ${close}` };
    } else if (tok === ".") {
      const name = toks[++i];
      if (name === undefined) return { error: "unexpected end of JSON path" };
      const err = step(name);
      if (err) return { error: err };
    } else {
      return { error: `expected [ or . but got: ${tok}` };
    }
  }
  return { path, root: first, schema };
}
