// How Go prints values in the messages kube-apiserver writes for custom resources: `%q` of a string
// (strconv.Quote), `%v` of a float64 (shortest digits, exponent from 1e+06 up and below 1e-04) and
// json.Marshal of a decoded JSON value (map keys sorted, <, > and & escaped). Wire facts of the messages.

const isPrintable = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** strconv.Quote: Go's `%q`. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x80 || !isPrintable.test(ch)) {
      switch (ch) {
        case "\x07":
          out += "\\a";
          break;
        case "\b":
          out += "\\b";
          break;
        case "\f":
          out += "\\f";
          break;
        case "\n":
          out += "\\n";
          break;
        case "\r":
          out += "\\r";
          break;
        case "\t":
          out += "\\t";
          break;
        case "\v":
          out += "\\v";
          break;
        default:
          if (c < 0x80) out += `\\x${hex(c, 2)}`;
          else if (c >= 0xd800 && c <= 0xdfff) out += "\ufffd"; // a lone surrogate: Go saw U+FFFD
          else if (c <= 0xffff) out += `\\u${hex(c, 4)}`;
          else out += `\\U${hex(c, 8)}`;
      }
    } else out += ch;
  }
  return `${out}"`;
}

/** fmt's `%v` of a float64 (strconv 'g' with the shortest precision). */
function float(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  // toExponential() without digits gives the shortest round-tripping digits, as Go's shortest formatting does.
  const [mantissa, expText] = n.toExponential().split("e");
  const exp = Number(expText);
  if (exp >= -4 && exp < 6) return String(n); // plain digits; JS agrees with Go in this range
  const sign = exp < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) out += `\\u${hex(c, 4)}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else out += "\\ufffd";
    } else out += ch;
  }
  return `${out}"`;
}

/** encoding/json.Marshal of a decoded JSON value. */
function json(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(json).join(",")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    return `{${keys.map((k) => `${jsonString(k)}:${json(obj[k])}`).join(",")}}`;
  }
  return "null";
}

export const goFormat = { quote, float, json };
