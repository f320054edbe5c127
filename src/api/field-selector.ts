// Field selectors (?fieldSelector=): kube's fields.ParseSelector. Terms are "field=value", "field==value" or
// "field!=value", joined by ","; in values "\" escapes "\", "," and "=". Which fields a kind supports is
// decided elsewhere; this only parses and matches.

import { SelectorParseError } from "./label-selector.ts";

export interface FieldRequirement {
  field: string;
  operator: "=" | "!=";
  value: string;
}

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  /** Every requirement holds; a field the object lacks reads as "". */
  matches(get: (field: string) => string | undefined): boolean {
    return this.requirements.every((r) => ((get(r.field) ?? "") === r.value) === (r.operator === "="));
  }

  /** The value `field` must equal, if a requirement pins it (e.g. metadata.name=x allows a direct get). */
  exactValue(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === "=")?.value;
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** kube's String(): terms in parsed order, values escaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(",");
  }
}

/** fields.EscapeValue */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Splits on commas that are not escaped; the escapes stay in the terms. */
function splitTerms(text: string): string[] {
  if (text === "") return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escaped) escaped = false;
    else if (c === "\\") escaped = true;
    else if (c === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

const operators = ["!=", "==", "="] as const;

/** The first operator in the term splits it; the field part has no escaping. */
function splitTerm(term: string): { field: string; op: (typeof operators)[number]; rest: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of operators) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), op, rest: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue, with kube's messages (an unescaped character is shown as its code point number). */
export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = "";
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (c !== "\\" && c !== "," && c !== "=") throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === "\\") escaped = true;
    else if (c === "," || c === "=") throw new SelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (escaped) throw new SelectorParseError("invalid field selector: invalid escape sequence: \\");
  return out;
}

/** fields.ParseSelector. Terms come out sorted (kube sorts them); "" and "=" select everything. */
export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === "") continue;
    const parts = splitTerm(term);
    if (!parts) throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${term}'`);
    const value = unescapeFieldValue(parts.rest);
    // kube drops a term whose field and value are both empty.
    if (parts.field === "" && value === "") continue;
    requirements.push({ field: parts.field, operator: parts.op === "!=" ? "!=" : "=", value });
  }
  return new FieldSelector(requirements);
}
