import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import { allowInvalidCABundle, caBundleError, validateConversion, validateWebhookService, validateWebhookUrl } from "./validate-conversion.ts";

const strict = { requireRecognizedConversionReviewVersion: true, allowInvalidCABundle: false };
const service = { namespace: "ns", name: "svc", port: 443 };
const b64 = (s: string) => btoa(s);
const pem = (type: string, body: string) => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;

describe("validateConversion", () => {
  it("accepts None and a complete Webhook", () => {
    expect(validateConversion({ strategy: "None" }, strict, "spec.conversion")).toEqual([]);
    expect(
      validateConversion({ strategy: "Webhook", webhookClientConfig: { service }, conversionReviewVersions: ["v1"] }, strict, "spec.conversion"),
    ).toEqual([]);
  });

  it("reports a missing or unknown strategy", () => {
    expect(validateConversion({ strategy: "" }, strict, "spec.conversion").map(text)).toEqual(["spec.conversion.strategy: Required value"]);
    expect(validateConversion({ strategy: "Magic" }, strict, "spec.conversion").map(text)).toEqual([
      `spec.conversion.strategy: Unsupported value: "Magic": supported values: "None", "Webhook"`,
    ]);
  });

  it("requires a client config and review versions for Webhook, at kube's internal paths", () => {
    expect(validateConversion({ strategy: "Webhook" }, strict, "spec.conversion").map(text)).toEqual([
      "spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook",
      "spec.conversion.conversionReviewVersions: Required value",
    ]);
    expect(validateConversion({ strategy: "Webhook", webhookClientConfig: {}, conversionReviewVersions: ["v1"] }, strict, "spec.conversion").map(text)).toEqual([
      "spec.conversion.webhookClientConfig: Required value: exactly one of url or service is required",
    ]);
  });

  it("checks review versions: duplicates, labels, one of v1 and v1beta1", () => {
    const errors = validateConversion({ strategy: "Webhook", webhookClientConfig: { service }, conversionReviewVersions: ["v2", "v2", "V3"] }, strict, "spec.conversion");
    expect(errors.map(text)).toEqual([
      `spec.conversion.conversionReviewVersions[1]: Invalid value: "v2": duplicate version`,
      `spec.conversion.conversionReviewVersions[2]: Invalid value: "V3": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      `spec.conversion.conversionReviewVersions: Invalid value: ["v2","v2","V3"]: must include at least one of v1, v1beta1`,
    ]);
    const relaxed = { ...strict, requireRecognizedConversionReviewVersion: false };
    expect(validateConversion({ strategy: "Webhook", webhookClientConfig: { service }, conversionReviewVersions: ["v2"] }, relaxed, "c")).toEqual([]);
  });

  it("forbids webhook settings without the Webhook strategy", () => {
    expect(validateConversion({ strategy: "None", webhookClientConfig: { service }, conversionReviewVersions: ["v1"] }, strict, "spec.conversion").map(text)).toEqual([
      "spec.conversion.webhookClientConfig: Forbidden: should not be set when strategy is not set to Webhook",
      "spec.conversion.conversionReviewVersions: Forbidden: should not be set when strategy is not set to Webhook",
    ]);
  });

  it("checks the CA bundle only when invalid bundles are not allowed", () => {
    const bad = { strategy: "Webhook", webhookClientConfig: { service, caBundle: b64("junk") }, conversionReviewVersions: ["v1"] };
    expect(validateConversion(bad, strict, "spec.conversion").map(text)).toEqual([
      `spec.conversion.webhookClientConfig.caBundle: Invalid value: "${b64("junk")}": unable to load root certificates: unable to parse bytes as PEM block`,
    ]);
    expect(validateConversion(bad, { ...strict, allowInvalidCABundle: true }, "spec.conversion")).toEqual([]);
  });
});

describe("validateWebhookUrl", () => {
  const form = "; desired format: https://host[/path]";
  it("wants https, a host, and no user, fragment or query", () => {
    expect(validateWebhookUrl("u", "https://example.com/convert")).toEqual([]);
    expect(validateWebhookUrl("u", "http://u@example.com/?q=1#f").map(text)).toEqual([
      `u: Invalid value: "http": 'https' is the only allowed URL scheme${form}`,
      `u: Invalid value: "u": user information is not permitted in the URL`,
      `u: Invalid value: "f": fragments are not permitted in the URL`,
      `u: Invalid value: "q=1": query parameters are not permitted in the URL`,
    ]);
    expect(validateWebhookUrl("u", "https:///path").map(text)).toEqual([`u: Invalid value: "": host must be specified${form}`]);
  });

  it("reports a URL that does not parse as Required, with Go's parse error", () => {
    expect(validateWebhookUrl("u", "https://a:b:c/").map(text)).toEqual([
      `u: Required value: url must be a valid URL: parse "https://a:b:c/": invalid port ":c" after host${form}`,
    ]);
  });
});

describe("validateWebhookService", () => {
  it("requires name and namespace and a valid port", () => {
    expect(validateWebhookService("s", { namespace: "", name: "", port: 0 }).map(text)).toEqual([
      "s.name: Required value",
      "s.namespace: Required value",
      "s.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
    ]);
  });

  it("checks each path segment as a DNS subdomain", () => {
    expect(validateWebhookService("s", { ...service, path: "/" })).toEqual([]);
    expect(validateWebhookService("s", { ...service, path: "/convert/v1/" })).toEqual([]);
    expect(validateWebhookService("s", { ...service, path: "//" }).map(text)).toEqual([`s.path: Invalid value: "//": segment[0] may not be empty`]);
    expect(validateWebhookService("s", { ...service, path: "convert//X" }).map(text)).toEqual([
      `s.path: Invalid value: "convert//X": must start with a '/'`,
      `s.path: Invalid value: "convert//X": segment[1] may not be empty`,
      `s.path: Invalid value: "convert//X": segment[2]: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });
});

describe("caBundleError", () => {
  it("accepts a PEM certificate and explains what else is wrong", () => {
    const der = String.fromCharCode(0x30, 0x82, 0x01, 0x0a);
    expect(caBundleError(b64(pem("CERTIFICATE", btoa(der))))).toBeUndefined();
    expect(caBundleError(b64(pem("PRIVATE KEY", btoa(der))))).toBe("unable to load root certificates: no valid certificate authority data seen");
    expect(caBundleError(b64(pem("CERTIFICATE", btoa("xyz"))))).toBe("unable to load root certificates: failed to parse certificate: x509: malformed certificate");
  });

  it("allows an invalid bundle on update only before Established or when the stored one was invalid", () => {
    const conversion = (caBundle: string) => ({ strategy: "Webhook", webhookClientConfig: { caBundle } });
    expect(allowInvalidCABundle(false, undefined)).toBe(true);
    expect(allowInvalidCABundle(true, undefined)).toBe(false);
    expect(allowInvalidCABundle(true, conversion(b64("junk")))).toBe(true);
    expect(allowInvalidCABundle(true, conversion(b64(pem("CERTIFICATE", btoa("\x30\x01")))))).toBe(false);
  });
});
