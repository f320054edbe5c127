// spec.conversion: the strategy, and for Webhook its client config (a URL or a service, a CA bundle) and the
// ConversionReview versions it accepts. Paths are kube's internal ones (spec.conversion.webhookClientConfig).

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { dns1035LabelErrors, dns1123SubdomainErrors } from "../../api/validation/names.ts";
import { parseGoUrl } from "./go-url.ts";
import type { InternalConversion, InternalServiceReference } from "./internal-spec.ts";
import { validateEnum } from "./validate-names.ts";

/** The ConversionReview versions this server (and so the API servers before it) understands. */
export const acceptedConversionReviewVersions: readonly string[] = ["v1", "v1beta1"];

const urlForm = "; desired format: https://host[/path]";

/** webhook.ValidateWebhookURL with forceHttps. */
export function validateWebhookUrl(path: string, raw: string): FieldError[] {
  const parsed = parseGoUrl(raw);
  if ("error" in parsed) return [fieldError.required(path, `url must be a valid URL: ${parsed.error}${urlForm}`)];
  const u = parsed.url;
  const errors: FieldError[] = [];
  if (u.scheme !== "https") errors.push(fieldError.invalid(path, u.scheme, `'https' is the only allowed URL scheme${urlForm}`));
  if (!u.host) errors.push(fieldError.invalid(path, u.host, `host must be specified${urlForm}`));
  if (u.user !== undefined) errors.push(fieldError.invalid(path, u.user, "user information is not permitted in the URL"));
  if (u.fragment) errors.push(fieldError.invalid(path, u.fragment, "fragments are not permitted in the URL"));
  if (u.rawQuery) errors.push(fieldError.invalid(path, u.rawQuery, "query parameters are not permitted in the URL"));
  return errors;
}

/** webhook.ValidateWebhookService. */
export function validateWebhookService(path: string, service: InternalServiceReference): FieldError[] {
  const errors: FieldError[] = [];
  if (!service.name) errors.push(fieldError.required(`${path}.name`, ""));
  if (!service.namespace) errors.push(fieldError.required(`${path}.namespace`, ""));
  if (!(Number.isInteger(service.port) && service.port >= 1 && service.port <= 65535)) {
    errors.push(fieldError.invalid(`${path}.port`, service.port, "port is not valid: must be between 1 and 65535, inclusive"));
  }
  const urlPath = service.path;
  if (urlPath === undefined || urlPath === "/" || urlPath === "") return errors;
  if (urlPath === "//") return [...errors, fieldError.invalid(`${path}.path`, urlPath, "segment[0] may not be empty")];
  if (!urlPath.startsWith("/")) errors.push(fieldError.invalid(`${path}.path`, urlPath, "must start with a '/'"));
  let toCheck = urlPath.slice(1);
  if (toCheck.endsWith("/")) toCheck = toCheck.slice(0, -1);
  toCheck.split("/").forEach((step, i) => {
    if (!step) {
      errors.push(fieldError.invalid(`${path}.path`, urlPath, `segment[${i}] may not be empty`));
      return;
    }
    for (const failure of dns1123SubdomainErrors(step)) errors.push(fieldError.invalid(`${path}.path`, urlPath, `segment[${i}]: ${failure}`));
  });
  return errors;
}

const pemBlock = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/g;

/**
 * webhook.ValidateCABundle: the bundle must hold at least one PEM CERTIFICATE block. kube also parses each
 * certificate as X.509; here a block counts when its body is base64 of a DER SEQUENCE.
 */
export function caBundleError(caBundleBase64: string): string | undefined {
  let text: string;
  try {
    text = atob(caBundleBase64);
  } catch {
    return "unable to load root certificates: unable to parse bytes as PEM block";
  }
  const blocks = [...text.matchAll(pemBlock)];
  if (blocks.length === 0) return "unable to load root certificates: unable to parse bytes as PEM block";
  for (const [, type, body] of blocks) {
    if (type !== "CERTIFICATE" || body.includes(":")) continue;
    try {
      if (atob(body.replace(/\s+/g, "")).charCodeAt(0) === 0x30) return undefined;
    } catch {
      // not base64: not a certificate
    }
    return "unable to load root certificates: failed to parse certificate: x509: malformed certificate";
  }
  return "unable to load root certificates: no valid certificate authority data seen";
}

function validateConversionReviewVersions(versions: string[] | undefined, requireRecognized: boolean, path: string): FieldError[] {
  if (!versions || versions.length < 1) return [fieldError.required(path, "")];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let hasAccepted = false;
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errors.push(fieldError.invalid(`${path}[${i}]`, v, "duplicate version"));
      return;
    }
    seen.add(v);
    for (const e of dns1035LabelErrors(v)) errors.push(fieldError.invalid(`${path}[${i}]`, v, e));
    if (acceptedConversionReviewVersions.includes(v)) hasAccepted = true;
  });
  if (requireRecognized && !hasAccepted) {
    errors.push(fieldError.invalid(path, versions, `must include at least one of ${acceptedConversionReviewVersions.join(", ")}`));
  }
  return errors;
}

/** A list of ConversionReview versions that kube's update validation accepts as already valid (or empty). */
export function hasAcceptedConversionReviewVersionOrEmpty(versions: string[] | undefined): boolean {
  return !versions || versions.length === 0 || versions.some((v) => acceptedConversionReviewVersions.includes(v));
}

export interface ConversionOptions {
  requireRecognizedConversionReviewVersion: boolean;
  allowInvalidCABundle: boolean;
}

export function validateConversion(conversion: InternalConversion | undefined, opts: ConversionOptions, path: string): FieldError[] {
  if (!conversion) return [];
  const errors = validateEnum(`${path}.strategy`, conversion.strategy, ["None", "Webhook"], true);
  const ccPath = `${path}.webhookClientConfig`;
  const cc = conversion.webhookClientConfig;
  if (conversion.strategy === "Webhook") {
    if (!cc) errors.push(fieldError.required(ccPath, "required when strategy is set to Webhook"));
    else {
      if ((cc.url === undefined) === (cc.service === undefined)) errors.push(fieldError.required(ccPath, "exactly one of url or service is required"));
      else if (cc.url !== undefined) errors.push(...validateWebhookUrl(`${ccPath}.url`, cc.url));
      else if (cc.service) errors.push(...validateWebhookService(`${ccPath}.service`, cc.service));
      if (cc.caBundle && !opts.allowInvalidCABundle) {
        const message = caBundleError(cc.caBundle);
        if (message) errors.push(fieldError.invalid(`${ccPath}.caBundle`, cc.caBundle, message));
      }
    }
    errors.push(...validateConversionReviewVersions(conversion.conversionReviewVersions, opts.requireRecognizedConversionReviewVersion, `${path}.conversionReviewVersions`));
  } else {
    if (cc) errors.push(fieldError.forbidden(ccPath, "should not be set when strategy is not set to Webhook"));
    if ((conversion.conversionReviewVersions ?? []).length > 0) {
      errors.push(fieldError.forbidden(`${path}.conversionReviewVersions`, "should not be set when strategy is not set to Webhook"));
    }
  }
  return errors;
}

/** allowInvalidCABundle on update: the CRD is not yet Established, or its stored CA bundle is itself invalid. */
export function allowInvalidCABundle(oldEstablished: boolean, oldConversion: InternalConversion | undefined): boolean {
  if (!oldEstablished) return true;
  const ca = oldConversion?.webhookClientConfig?.caBundle;
  if (!ca) return false;
  return caBundleError(ca) !== undefined;
}
