// metav1.Time's JSON decoding and encoding of a timestamp: Go's time.Parse(time.RFC3339, s) (fractional seconds
// accepted, the hour may have one digit) with Go's error text, and the value written back as
// t.UTC().Format(time.RFC3339) (whole seconds, "Z").

import { goFormat } from "./go-format.ts";

const layout = "2006-01-02T15:04:05Z07:00";

type Parsed = { ok: true; time: string } | { ok: false; error: string };

const cannotParse = (value: string, valueElem: string, layoutElem: string): Parsed => ({
  ok: false,
  error: `parsing time ${goFormat.quote(value)} as ${goFormat.quote(layout)}: cannot parse ${goFormat.quote(valueElem)} as ${goFormat.quote(layoutElem)}`,
});

const outOfRange = (value: string, what: string): Parsed => ({ ok: false, error: `parsing time ${goFormat.quote(value)}: ${what} out of range` });

function isDigit(s: string, i: number): boolean {
  return i < s.length && s[i] >= "0" && s[i] <= "9";
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `s` as Go parses RFC3339 and returns it re-encoded, or Go's error. */
export function parseRFC3339(s: string): Parsed {
  let rest = s;
  const fixed = (n: number, elem: string): number | Parsed => {
    for (let i = 0; i < n; i++) if (!isDigit(rest, i)) return cannotParse(s, rest, elem);
    const v = Number(rest.slice(0, n));
    rest = rest.slice(n);
    return v;
  };
  const literal = (lit: string): Parsed | undefined => {
    if (!rest.startsWith(lit)) return cannotParse(s, rest, lit);
    rest = rest.slice(lit.length);
    return undefined;
  };
  const year = fixed(4, "2006");
  if (typeof year !== "number") return year;
  let err = literal("-");
  if (err) return err;
  const month = fixed(2, "01");
  if (typeof month !== "number") return month;
  if (month < 1 || month > 12) return outOfRange(s, "month");
  if ((err = literal("-"))) return err;
  const day = fixed(2, "02");
  if (typeof day !== "number") return day;
  if (day > 31) return outOfRange(s, "day");
  if ((err = literal("T"))) return err;
  // stdHour: one or two digits.
  if (!isDigit(rest, 0)) return cannotParse(s, rest, "15");
  const hourDigits = isDigit(rest, 1) ? 2 : 1;
  const hour = Number(rest.slice(0, hourDigits));
  rest = rest.slice(hourDigits);
  if (hour >= 24) return outOfRange(s, "hour");
  if ((err = literal(":"))) return err;
  const minute = fixed(2, "04");
  if (typeof minute !== "number") return minute;
  if (minute >= 60) return outOfRange(s, "minute");
  if ((err = literal(":"))) return err;
  const second = fixed(2, "05");
  if (typeof second !== "number") return second;
  if (second >= 60) return outOfRange(s, "second");
  if (rest.length >= 2 && (rest[0] === "." || rest[0] === ",") && isDigit(rest, 1)) {
    let i = 1;
    while (isDigit(rest, i)) i++;
    rest = rest.slice(i);
  }
  let offsetMinutes = 0;
  if (rest.startsWith("Z")) rest = rest.slice(1);
  else {
    if (rest.length < 6 || rest[3] !== ":" || (rest[0] !== "+" && rest[0] !== "-") || !isDigit(rest, 1) || !isDigit(rest, 2) || !isDigit(rest, 4) || !isDigit(rest, 5)) {
      return cannotParse(s, rest, "Z07:00");
    }
    const hours = Number(rest.slice(1, 3));
    const minutes = Number(rest.slice(4, 6));
    if (hours > 24) return outOfRange(s, "time zone offset hour");
    if (minutes > 60) return outOfRange(s, "time zone offset minute");
    offsetMinutes = (rest[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
    rest = rest.slice(6);
  }
  if (rest !== "") return { ok: false, error: `parsing time ${goFormat.quote(s)}: extra text: ${goFormat.quote(rest)}` };
  if (day < 1 || day > daysIn(month, year)) return outOfRange(s, "day");
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const iso = date.toISOString();
  return { ok: true, time: `${iso.slice(0, 19)}Z` };
}
