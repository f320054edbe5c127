// One cell of a custom resource's Table, from the first value a column's JSONPath found, as kube's tableconvertor
// makes it: string columns print the value as jsonpath does (JSON for maps and lists, "<no value>" for null);
// the other types keep the value only when it has the column's type (cellForJSONValue), dates become an age.

import type { CellValue } from "../../resources/definition.ts";
import { humanDuration } from "../../resources/table-columns.ts";
import { formatGoScalar, GoNumber, isJsonInteger, marshalGoJson } from "./go-values.ts";

export function printerCell(type: string, value: unknown, now: Date): CellValue {
  if (type === "string") {
    return typeof value === "object" && value !== null && !(value instanceof GoNumber) ? marshalGoJson(value) : formatGoScalar(value);
  }
  if (value === null || value === undefined) return null;
  switch (type) {
    case "integer":
      // int64 as is, float64 truncated; a path's int literal is a Go int, which kube does not take.
      if (typeof value === "number") return isJsonInteger(value) ? value : Math.trunc(value);
      return value instanceof GoNumber && value.kind === "float" ? Math.trunc(value.value) : null;
    case "number":
      if (typeof value === "number") return value;
      return value instanceof GoNumber && value.kind === "float" ? value.value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "date":
      return typeof value === "string" ? dateCell(value, now) : null;
    default:
      return null;
  }
}

/** metav1.Time's UnmarshalQueryParameter, then ConvertToHumanReadableDateType. */
export function dateCell(text: string, now: Date): string {
  if (text === "" || text === "null") return "<unknown>";
  const at = parseRfc3339(text);
  if (at === undefined) return "<invalid>";
  if (at.isZero) return "<unknown>";
  return goHumanDuration(now.getTime() - at.ms);
}

// time.Duration saturates at ±(2^63-1) ns, about 292 years.
const maxDurationMs = 9223372036854.775;

/** duration.HumanDuration of a difference in milliseconds, as time.Since gives it. */
export function goHumanDuration(ms: number): string {
  const clamped = Math.max(-maxDurationMs, Math.min(maxDurationMs, ms));
  if (clamped < 0) return Math.trunc(clamped / 1000) < -1 ? "<invalid>" : "0s";
  return humanDuration(clamped);
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const zeroTimeMs = utcMs(1, 1, 1, 0, 0, 0);

/** time.Parse(time.RFC3339, text): the instant in (fractional) milliseconds, or undefined when invalid. */
export function parseRfc3339(text: string): { ms: number; isZero: boolean } | undefined {
  const m = rfc3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8]) {
    const [oh, om] = [Number(m[9]), Number(m[10])];
    if (oh > 24 || om > 60) return undefined;
    offsetMinutes = (m[8] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const nanos = Number((m[7] ?? "").slice(0, 9).padEnd(9, "0"));
  const whole = utcMs(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
  return { ms: whole + nanos / 1e6, isZero: whole === zeroTimeMs && nanos === 0 };
}

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 1, 0, 0, 0) - 86_400_000).getUTCDate();
}
