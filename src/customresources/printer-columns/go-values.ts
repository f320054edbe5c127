// The values a JSONPath yields, seen as kube (Go) sees them: JSON integers are int64 and other numbers float64
// (apimachinery's unstructured decoding), literals of the path are Go int / float64, and a string's elements are
// its UTF-8 bytes. Also how Go prints them: fmt's %v and encoding/json's Marshal (sorted keys, HTML escaping).

/** A number that is not a JSON value of the object: a path literal (`int`, `float64`) or a string's byte (`uint8`). */
export class GoNumber {
  constructor(
    readonly kind: "int" | "float" | "byte",
    readonly value: number,
  ) {}
}

/** How Go's text/template comparisons classify a value (basicKind); "invalid" cannot be compared. */
export type GoKind = "bool" | "int" | "uint" | "float" | "string" | "invalid";

const int64Limit = 2 ** 63;

/** A JSON number decodes to int64 when it is integral and fits, else to float64. */
export function isJsonInteger(n: number): boolean {
  return Number.isInteger(n) && n >= -int64Limit && n < int64Limit;
}

export function goKind(value: unknown): GoKind {
  if (value instanceof GoNumber) return value.kind === "byte" ? "uint" : value.kind;
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return isJsonInteger(value) ? "int" : "float";
    default:
      return "invalid";
  }
}

/** The number inside a JSON number or a GoNumber. */
export function numberOf(value: unknown): number {
  return value instanceof GoNumber ? value.value : (value as number);
}

/** Orders strings as Go does (bytewise UTF-8, i.e. by code point), not by UTF-16 unit. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP unit in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** fmt's %v of a float64: strconv 'g' with the shortest digits, exponent form below 1e-4 and from 1e6. */
export function formatGoFloat(f: number): string {
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  if (!Number.isFinite(f)) return Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf";
  const [mantissa, exponent] = f.toExponential().split("e");
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(f);
}

/** fmt.Fprint of a scalar result (jsonpath's evalToText); null is "<no value>", as kube prints a JSON null. */
export function formatGoScalar(value: unknown): string {
  if (value === null || value === undefined) return "<no value>";
  if (value instanceof GoNumber) return value.kind === "float" ? formatGoFloat(value.value) : String(value.value);
  if (typeof value === "number") return isJsonInteger(value) ? BigInt(value).toString() : formatGoFloat(value);
  return String(value);
}

/** encoding/json Marshal of decoded JSON: compact, map keys sorted, <, >, &, U+2028 and U+2029 escaped. */
export function marshalGoJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof GoNumber) return value.kind === "float" ? JSON.stringify(value.value) : String(value.value);
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Object.is(value, -0) ? "-0" : isJsonInteger(value) ? BigInt(value).toString() : JSON.stringify(value);
    case "string":
      return quoteGoJson(value);
  }
  if (Array.isArray(value)) return `[${value.map(marshalGoJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareGoStrings);
  return `{${keys.map((k) => `${quoteGoJson(k)}:${marshalGoJson(record[k])}`).join(",")}}`;
}

const shortEscapes: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function quoteGoJson(s: string): string {
  // Lone surrogates cannot come from valid UTF-8: Go's decoder made them U+FFFD, written as is.
  const escaped = s.replace(/[\u0000-\u001f"\\<>&\u2028\u2029]|\p{Cs}/gu, (c) => {
    if (c.length === 1 && c >= "\ud800" && c <= "\udfff") return "\ufffd";
    return shortEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}
