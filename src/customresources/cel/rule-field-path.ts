// A rule's fieldPath (".spec.replicas", ".labels['app.kubernetes.io/name']") resolved against the schema it
// is declared on, as kube's ValidFieldPath does: field names through properties, keys through
// additionalProperties, nothing through lists. The result is the field path kube appends to the rule's node.

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";

const escapes: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "'": "'", "\\": "\\" };

function tokens(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "." || c === "[" || c === "]") {
      out.push(c);
      i++;
    } else if (c === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== "\\")) j++;
      out.push(path.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== "." && path[j] !== "[" && path[j] !== "]") j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** The normalized field path ("spec.labels[app]"), or an error message when the path is not valid here. */
export function resolveFieldPath(path: string, schema: JSONSchemaProps): { path: string } | { error: string } {
  let current: JSONSchemaProps | undefined = schema;
  let out = "";
  const step = (name: string): string | undefined => {
    if (current?.properties) {
      const next: JSONSchemaProps | undefined = current.properties[name];
      if (!next) return "does not refer to a valid field";
      out += out === "" ? name : `.${name}`;
      current = next;
    } else if (current && typeof current.additionalProperties === "object") {
      out += `[${name}]`;
      current = current.additionalProperties;
    } else {
      return "does not refer to a valid field";
    }
    return undefined;
  };
  const list = tokens(path);
  for (let i = 0; i < list.length; i++) {
    const tok = list[i];
    if (tok === "[") {
      const quoted = list[++i];
      if (quoted === undefined) return { error: "unexpected end of JSON path" };
      if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
        return { error: `expected single quoted string but got ${quoted}` };
      }
      let bad: string | undefined;
      const key = quoted.slice(1, -1).replace(/\\./g, (m) => escapes[m[1]] ?? ((bad = m), ""));
      if (bad) return { error: `invalid string literal: invalid escape char ${bad}` };
      const error = step(key);
      if (error) return { error };
      const close = list[++i];
      if (close === undefined) return { error: "unexpected end of JSON path" };
      if (close !== "]") return { error: `expected ] but got ${close}` };
    } else if (tok === ".") {
      const name = list[++i];
      if (name === undefined) return { error: "unexpected end of JSON path" };
      const error = step(name);
      if (error) return { error };
    } else {
      return { error: `expected [ or . but got: ${tok}` };
    }
  }
  return { path: out };
}
