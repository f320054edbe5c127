// kube's rules for names, label keys and values, in kube's words: each check returns the details of what is
// wrong ("must be no more than 63 characters", ...), empty when the value is valid.

import type { NameRule } from "../../resources/definition.ts";

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
const labelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const labelValueFmt = `(${labelKeyFmt})?`;
const configMapKeyFmt = "[-._a-zA-Z0-9]+";

const whole = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const dns1123Label = whole(dns1123LabelFmt);
const dns1123Subdomain = whole(dns1123SubdomainFmt);
const dns1035Label = whole(dns1035LabelFmt);
const labelKeyName = whole(labelKeyFmt);
const labelValue = whole(labelValueFmt);
const configMapKey = whole(configMapKeyFmt);

const utf8 = new TextEncoder();

/** Go's len(): kube measures strings in bytes. */
function byteLength(value: string): number {
  return utf8.encode(value).length;
}

/**
 * kube's RegexError: the rule, some examples, and the regex itself. Each example is followed by ", " and
 * joined with " or ", hence kube's double space: "(e.g. 'MyName',  or 'my.name', regex used ...".
 */
function regexError(message: string, fmt: string, ...examples: string[]): string {
  const eg = examples.length ? `e.g. ${examples.map((e) => `'${e}', `).join(" or ")}` : "";
  return `${message} (${eg}regex used for validation is '${fmt}')`;
}

// k8s.io/apimachinery/pkg/util/validation counts in characters, the newer validate/content package in bytes;
// kube 1.35 uses the first for object names and the second for label keys and values.
const maxChars = (n: number): string => `must be no more than ${n} characters`;
const maxBytes = (n: number): string => `must be no more than ${n} bytes`;
const nonEmpty = "must be non-empty";

export const dns1123SubdomainMaxLength = 253;
export const dns1123LabelMaxLength = 63;
export const labelValueMaxLength = 63;

const subdomainRegexError = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  dns1123SubdomainFmt,
  "example.com",
);

function subdomainErrors(value: string, tooLong: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errors.push(tooLong);
  if (!dns1123Subdomain.test(value)) errors.push(subdomainRegexError);
  return errors;
}

/** IsDNS1123Subdomain: lowercase RFC 1123 subdomain, at most 253 characters (e.g. object names). */
export function dns1123SubdomainErrors(value: string): string[] {
  return subdomainErrors(value, maxChars(dns1123SubdomainMaxLength));
}

/** IsDNS1123Label: lowercase RFC 1123 label, at most 63 characters (e.g. namespace names). */
export function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > dns1123LabelMaxLength) errors.push(maxChars(dns1123LabelMaxLength));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label can only be wrong for its dots.
    errors.push(
      dns1123Subdomain.test(value)
        ? "must not contain dots"
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            dns1123LabelFmt,
            "my-name",
            "123-abc",
          ),
    );
  }
  return errors;
}

/** IsDNS1035Label: like a label but starting with a letter (Service names). */
export function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > dns1123LabelMaxLength) errors.push(maxChars(dns1123LabelMaxLength));
  if (!dns1035Label.test(value)) {
    errors.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        "my-name",
        "abc-123",
      ),
    );
  }
  return errors;
}

const labelKeyRegexError = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  labelKeyFmt,
  "MyName",
  "my.name",
  "123-abc",
);

/** IsQualifiedName (label keys, annotation keys, finalizers): `[prefix/]name`, the prefix a DNS subdomain. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2) {
    return [`a valid label key ${labelKeyRegexError} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errors: string[] = [];
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === "") errors.push(`prefix part ${nonEmpty}`);
    else errors.push(...subdomainErrors(prefix, maxBytes(dns1123SubdomainMaxLength)).map((e) => `prefix part ${e}`));
  }
  if (name === "") errors.push(`name part ${nonEmpty}`);
  else if (byteLength(name) > 63) errors.push(`name part ${maxBytes(63)}`);
  if (!labelKeyName.test(name)) errors.push(`name part ${labelKeyRegexError}`);
  return errors;
}

/** IsValidLabelValue: empty, or up to 63 alphanumerics, '-', '_', '.', alphanumeric at both ends. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > labelValueMaxLength) errors.push(maxBytes(labelValueMaxLength));
  if (!labelValue.test(value)) {
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        "MyValue",
        "my_value",
        "12345",
      ),
    );
  }
  return errors;
}

/** ValidatePathSegmentName: anything that is safe as one segment of a URL path. */
export function pathSegmentNameErrors(value: string, prefix = false): string[] {
  if (!prefix && (value === "." || value === "..")) return [`may not be '${value}'`];
  const errors: string[] = [];
  for (const bad of ["/", "%"]) {
    if (value.includes(bad)) errors.push(`may not contain '${bad}'`);
  }
  return errors;
}

/** IsConfigMapKey as a predicate: a valid file name of at most 253 characters. */
export function isConfigMapKey(key: string): boolean {
  return configMapKeyErrors(key).length === 0;
}

/** IsConfigMapKey: keys of ConfigMap and Secret data. */
export function configMapKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (byteLength(key) > dns1123SubdomainMaxLength) errors.push(maxChars(dns1123SubdomainMaxLength));
  if (!configMapKey.test(key)) {
    errors.push(
      regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFmt, "key.name", "KEY_NAME", "key-name"),
    );
  }
  if (key === ".") errors.push("must not be '.'");
  else if (key === "..") errors.push("must not be '..'");
  else if (key.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/**
 * kube's name check for a kind. With `prefix` (a generateName, to which a suffix is appended) a trailing '-'
 * is allowed: kube masks the last two characters of such a value with a single 'a' before checking it.
 */
export function nameErrors(rule: NameRule, value: string, opts: { prefix?: boolean } = {}): string[] {
  const prefix = opts.prefix ?? false;
  switch (rule) {
    case "path-segment":
      return pathSegmentNameErrors(value, prefix);
    case "dns1123-label":
      return dns1123LabelErrors(prefix ? maskTrailingDash(value) : value);
    case "dns1123-subdomain":
      return dns1123SubdomainErrors(prefix ? maskTrailingDash(value) : value);
    case "dns1035-label":
      return dns1035LabelErrors(prefix ? maskTrailingDash(value) : value);
  }
}

// kube's maskTrailingDash drops two characters, not one ("ab-" is checked as "aa"); kept for fidelity.
function maskTrailingDash(value: string): string {
  return value.length > 1 && value.endsWith("-") ? `${value.slice(0, -2)}a` : value;
}
