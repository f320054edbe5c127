// The parts of cel-go's strings extension (version 2, what kube 1.35 enables) the library lacks: charAt,
// replace, strings.quote and format. indexOf, lastIndexOf, lowerAscii, upperAscii, split, substring, trim and
// join are the library's own.

import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { charge } from "./cost-meter.ts";

function fail(message: string): never {
  throw new EvaluationError({ code: "invalid_argument", message });
}

function charAt(text: string, index: bigint): string {
  const chars = Array.from(text);
  if (index < 0n || index > BigInt(chars.length)) fail(`index out of range: ${index}`);
  return chars[Number(index)] ?? "";
}

function replace(text: string, from: string, to: string, limit: bigint): string {
  charge(Math.ceil(text.length / 10));
  const max = limit < 0n ? Number.POSITIVE_INFINITY : Number(limit);
  let out = "";
  let n = 0;
  if (from === "") {
    // Go's strings.Replace: an empty old string matches before every character and at the end.
    const chars = Array.from(text);
    for (let i = 0; i <= chars.length; i++) {
      if (n < max) {
        out += to;
        n++;
      }
      out += chars[i] ?? "";
    }
    return out;
  }
  let rest = text;
  while (n < max) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
    n++;
  }
  return out + rest;
}

const quoteEscapes: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

function quote(text: string): string {
  return `"${text.replace(/[\x07\b\f\n\r\t\v\\"]/g, (c) => quoteEscapes[c])}"`;
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString().replace(".000Z", "Z");
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${formatValue(k)}: ${formatValue(v)}`).join(", ")}}`;
  return String(value);
}

function formatNumber(value: unknown, verb: string, precision: number | undefined): string {
  const num = typeof value === "bigint" ? value : typeof value === "number" ? value : undefined;
  if (num === undefined) {
    if (verb === "x" || verb === "X") {
      const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : undefined;
      if (!bytes) fail(`error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given ${typeof value}`);
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      return verb === "X" ? hex.toUpperCase() : hex;
    }
    fail(`error during formatting: a number was expected for %${verb}`);
  }
  switch (verb) {
    case "d":
      if (typeof num !== "bigint") fail("error during formatting: decimal clause can only be used on integers, was given double");
      return num.toString();
    case "f":
      return Number(num).toFixed(precision ?? 6);
    case "e": {
      const text = Number(num).toExponential(precision ?? 6);
      return text.replace(/e([+-])(\d)$/, "e$10$2");
    }
    case "b":
    case "o":
    case "x":
    case "X": {
      if (typeof num !== "bigint") fail(`error during formatting: only integers can be formatted as ${verb === "b" ? "binary" : verb === "o" ? "octal" : "hex"}`);
      const radix = verb === "b" ? 2 : verb === "o" ? 8 : 16;
      const text = num < 0n ? `-${(-num).toString(radix)}` : num.toString(radix);
      return verb === "X" ? text.toUpperCase() : text;
    }
    default:
      fail(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
  }
}

function format(template: string, args: unknown[]): string {
  charge(Math.ceil(template.length / 10) + args.length);
  let out = "";
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    if (template[i + 1] === "%") {
      out += "%";
      i++;
      continue;
    }
    let j = i + 1;
    let precision: number | undefined;
    if (template[j] === ".") {
      let digits = "";
      j++;
      while (j < template.length && template[j] >= "0" && template[j] <= "9") digits += template[j++];
      precision = Number(digits || "0");
    }
    const verb = template[j];
    if (verb === undefined) fail("could not parse formatting clause: unexpected end of string");
    if (next >= args.length) fail(`index ${next} out of range`);
    const arg = args[next++];
    out += verb === "s" ? formatValue(arg) : formatNumber(arg, verb, precision);
    i = j;
  }
  return out;
}

class StringsNamespace {}

export function registerStringsLibrary(env: Environment): void {
  env.registerFunction("string.charAt(int): string", charAt);
  env.registerFunction("string.replace(string, string): string", (t: string, a: string, b: string) => replace(t, a, b, -1n));
  env.registerFunction("string.replace(string, string, int): string", replace);
  env.registerFunction("string.format(list<dyn>): string", format);
  env.registerType("StringsNamespace", StringsNamespace);
  env.registerConstant("strings", "StringsNamespace", new StringsNamespace());
  env.registerFunction("StringsNamespace.quote(string): string", (_: StringsNamespace, text: string) => quote(text));
}
