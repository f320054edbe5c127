// The string formats kube-apiserver checks in custom resources: kube-openapi's strfmt.Default registry, limited
// to the formats apiextensions supports (any other format, int32, int64, float and double included, is stripped
// from the schema before validation and so never checked). Names are compared with dashes removed, as strfmt does.

import { isDuration } from "./duration-format.ts";
import { isEmail } from "./email-format.ts";
import { netFormats } from "./net-formats.ts";
import { isRequestURI } from "./uri-format.ts";

type Checker = (s: string) => boolean;

const utf8 = new TextEncoder();
const byteLength = (s: string): number => (/^[\x00-\x7f]*$/.test(s) ? s.length : utf8.encode(s).length);

const hostnamePattern =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;

function isHostname(s: string): boolean {
  if (!hostnamePattern.test(s) || byteLength(s) > 255) return false;
  return s.split(".").every((label) => byteLength(label) <= 63);
}

const uuid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const uuid5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;

function isISBN10(s: string): boolean {
  const d = s.replace(/[\t\n\f\r -]+/g, "");
  if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * (d.charCodeAt(i) - 48);
  sum += d[9] === "X" ? 100 : 10 * (d.charCodeAt(9) - 48);
  return sum % 11 === 0;
}

function isISBN13(s: string): boolean {
  const d = s.replace(/[\t\n\f\r -]+/g, "");
  if (!/^[0-9]{13}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * (d.charCodeAt(i) - 48);
  return d.charCodeAt(12) - 48 - ((10 - (sum % 10)) % 10) === 0;
}

const creditCard =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11})$/;

function isCreditCard(s: string): boolean {
  const d = s.replace(/[^0-9]+/gu, "");
  if (!creditCard.test(d)) return false;
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let n = d.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      sum += n >= 10 ? (n % 10) + 1 : n;
    } else sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

const octet = "(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])";
const rgbColor = new RegExp(`^rgb\\([\\t\\n\\f\\r ]*${octet}[\\t\\n\\f\\r ]*,[\\t\\n\\f\\r ]*${octet}[\\t\\n\\f\\r ]*,[\\t\\n\\f\\r ]*${octet}[\\t\\n\\f\\r ]*\\)$`);
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** time.Parse("2006-01-02", s). */
function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, Number(m[1]));
}

const timeOfDay = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;

/** strfmt.IsDateTime: a date, a "t", a time of day; what follows a second "t" is not looked at. */
function isDateTime(s: string): boolean {
  if (byteLength(s) < 4) return false;
  const parts = s.toLowerCase().split("t");
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = timeOfDay.exec(parts[1]);
  return m !== null && m[1] <= "23" && m[2] <= "59" && m[3] <= "59";
}

const shortName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const longName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const checkers: ReadonlyMap<string, Checker> = new Map<string, Checker>([
  ["bsonobjectid", (s) => /^[0-9a-fA-F]{24}$/.test(s)],
  ["uri", isRequestURI],
  ["email", isEmail],
  ["hostname", isHostname],
  ["ipv4", netFormats.isIPv4],
  ["ipv6", netFormats.isIPv6],
  ["cidr", netFormats.isCIDR],
  ["mac", netFormats.isMAC],
  ["uuid", (s) => uuid.test(s)],
  ["uuid3", (s) => uuid3.test(s)],
  ["uuid4", (s) => uuid4.test(s)],
  ["uuid5", (s) => uuid5.test(s)],
  ["isbn", (s) => isISBN10(s) || isISBN13(s)],
  ["isbn10", isISBN10],
  ["isbn13", isISBN13],
  ["creditcard", isCreditCard],
  ["ssn", (s) => s.length === 11 && /^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$/.test(s)],
  ["hexcolor", (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s)],
  ["rgbcolor", (s) => rgbColor.test(s)],
  ["byte", (s) => base64.test(s)],
  ["password", () => true],
  ["date", isDate],
  ["duration", isDuration],
  ["datetime", isDateTime],
  ["k8sshortname", (s) => byteLength(s) <= 63 && shortName.test(s)],
  ["k8slongname", (s) => byteLength(s) <= 253 && longName.test(s)],
]);

/** The check kube applies for `format`, or undefined when kube strips the format and checks nothing. */
export function formatChecker(format: string): Checker | undefined {
  return format === "" ? undefined : checkers.get(format.replaceAll("-", ""));
}
