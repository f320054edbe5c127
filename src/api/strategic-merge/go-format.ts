// JSON values printed as Go's fmt prints the interface{} values kube's patch code holds, so that error
// messages read as kube's do: `map[image:nginx ports:[map[containerPort:80]]]`, `[a b]`, `<nil>`.

import { isPlainObject } from "../object.ts";

/** Go's `%v` of a decoded JSON value (map keys sorted, as fmt sorts them). */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goValue(value[k])}`).join(" ")}]`;
  }
  return String(value);
}

/** The Go type a decoded JSON value has, as reflect.Type prints it. */
export function goType(value: unknown): string {
  if (value === null || value === undefined) return "%!s(<nil>)";
  if (Array.isArray(value)) return "[]interface {}";
  if (isPlainObject(value)) return "map[string]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  return "string";
}

/** Go's `%s` of a value: strings as they are, anything else as fmt's `%!s(type=value)`. */
export function goString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "%!s(<nil>)";
  return `%!s(${goType(value)}=${goValue(value)})`;
}
