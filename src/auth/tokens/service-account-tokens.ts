// Service-account JWTs: issued for the TokenRequest API and legacy token Secrets, verified on every request
// that carries one. A token is good only while its service account (and the pod or secret it is bound to)
// exists with the uid the token names.

import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { KubeObject } from "../../api/object.ts";
import { serviceAccountGroups, serviceAccountUsername, type UserInfo } from "../identity.ts";
import { boundClaims, legacyClaims, legacyIssuer, legacyTokenClaims, privateClaims, type ClaimsInput, type ObjectRef } from "./service-account-claims.ts";
import type { KeySet, VerificationKey } from "./signing-keys.ts";
import type { ObjectLookup } from "./object-lookup.ts";
import { constantTimeEqual, tokenDigest } from "./static-tokens.ts";

/** go-jose's default leeway for exp and nbf. */
const leewaySeconds = 60;

export type Verified = { ok: true; user: UserInfo; audiences: string[] } | { ok: false; error: string };

export interface VerifyOptions {
  keys: KeySet;
  /** Issuers accepted (kube's --service-account-issuer, any of them). */
  issuers: string[];
  /** The audiences the token must be meant for (one of them suffices). */
  audiences: string[];
  /** The API server's own audiences: legacy tokens, which name none, are good for these. */
  implicitAudiences: string[];
  lookup: ObjectLookup;
  now: Date;
}

export async function signClaims(keys: KeySet, claims: JWTPayload): Promise<string> {
  if (!keys.signer) throw new Error("no service account signing key is configured");
  const { alg, kid, key } = keys.signer;
  return new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(key);
}

/** A bound token (TokenRequest) and when it expires. */
export async function issueBoundToken(keys: KeySet, input: ClaimsInput): Promise<{ token: string; expiresAt: Date }> {
  const claims = boundClaims(input);
  return { token: await signClaims(keys, { ...claims }), expiresAt: new Date(claims.exp * 1000) };
}

/** A legacy token for a kubernetes.io/service-account-token Secret. */
export function issueLegacyToken(keys: KeySet, namespace: string, serviceAccount: ObjectRef, secretName: string): Promise<string> {
  return signClaims(keys, legacyTokenClaims(namespace, serviceAccount, secretName));
}

/** Verifies the signature with the key the header names, else with each key in turn (as kube does). */
async function verifySignature(token: string, keys: KeySet, now: Date, issuers: string[]): Promise<JWTPayload | string> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return "malformed token";
  }
  const named = keys.verifiers.filter((k) => k.kid === header.kid);
  const candidates: VerificationKey[] = named.length > 0 ? named : keys.verifiers;
  if (candidates.length === 0) return "no verification keys are configured";
  let reason = "unexpected signing algorithm";
  for (const candidate of candidates) {
    if (header.alg !== candidate.alg) continue;
    try {
      const { payload } = await jwtVerify(token, candidate.key, {
        algorithms: [candidate.alg],
        issuer: issuers,
        currentDate: now,
        clockTolerance: leewaySeconds,
      });
      return payload;
    } catch (error) {
      reason = describe(error);
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) return reason;
    }
  }
  return reason;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "token is expired (exp)";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "token not valid yet (nbf)";
    if (error.claim === "iss") return "invalid issuer (iss)";
    return `invalid claim (${error.claim})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "unexpected signing algorithm";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "invalid signature";
  return "malformed token";
}

const intersect = (a: string[], b: string[]) => a.filter((x) => b.includes(x));

async function liveObject(lookup: ObjectLookup, resource: "serviceaccounts" | "pods" | "secrets", namespace: string, ref: ObjectRef, what: string): Promise<KubeObject | string> {
  const obj = await lookup.get(resource, namespace, ref.name);
  if (!obj) return `${what} ${namespace}/${ref.name} has been deleted`;
  if (obj.metadata.uid !== ref.uid) return `${what} UID (${obj.metadata.uid}) does not match claim (${ref.uid})`;
  return obj;
}

/** Verifies a service-account token (bound or legacy) and answers whom it authenticates. */
export async function verifyServiceAccountToken(token: string, options: VerifyOptions): Promise<Verified> {
  const issuers = [...options.issuers, legacyIssuer];
  const payload = await verifySignature(token, options.keys, options.now, issuers);
  if (typeof payload === "string") return { ok: false, error: payload };
  if (payload.iss === legacyIssuer) return verifyLegacy(token, payload, options);

  if (typeof payload.exp !== "number") return { ok: false, error: "token has no expiry (exp)" };
  const aud = typeof payload.aud === "string" ? [payload.aud] : (payload.aud ?? []);
  const audiences = intersect(options.audiences, aud);
  if (audiences.length === 0) {
    return { ok: false, error: `token audiences ${JSON.stringify(aud)} is invalid for the target audiences ${JSON.stringify(options.audiences)}` };
  }
  const parsed = privateClaims.safeParse(payload["kubernetes.io"]);
  if (!parsed.success) return { ok: false, error: "token could not be validated" };
  const claims = parsed.data;
  if (payload.sub !== serviceAccountUsername(claims.namespace, claims.serviceaccount.name)) return { ok: false, error: "token could not be validated" };

  const sa = await liveObject(options.lookup, "serviceaccounts", claims.namespace, claims.serviceaccount, "service account");
  if (typeof sa === "string") return { ok: false, error: sa };
  const extra: Record<string, string[]> = {};
  if (claims.pod) {
    const pod = await liveObject(options.lookup, "pods", claims.namespace, claims.pod, "pod");
    if (typeof pod === "string") return { ok: false, error: pod };
    extra["authentication.kubernetes.io/pod-name"] = [claims.pod.name];
    extra["authentication.kubernetes.io/pod-uid"] = [claims.pod.uid];
  }
  if (claims.secret) {
    const secret = await liveObject(options.lookup, "secrets", claims.namespace, claims.secret, "secret");
    if (typeof secret === "string") return { ok: false, error: secret };
  }
  if (typeof payload.jti === "string" && payload.jti) extra["authentication.kubernetes.io/credential-id"] = [`JTI=${payload.jti}`];
  const user: UserInfo = {
    name: serviceAccountUsername(claims.namespace, claims.serviceaccount.name),
    uid: claims.serviceaccount.uid,
    groups: serviceAccountGroups(claims.namespace),
  };
  if (Object.keys(extra).length > 0) user.extra = extra;
  return { ok: true, user, audiences };
}

/** A legacy token is good while its Secret holds exactly it and its service account is the one it names. */
async function verifyLegacy(token: string, payload: JWTPayload, options: VerifyOptions): Promise<Verified> {
  const audiences = intersect(options.audiences, options.implicitAudiences);
  if (audiences.length === 0) return { ok: false, error: "token audiences is invalid for the target audiences" };
  const parsed = legacyClaims.safeParse(payload);
  if (!parsed.success) return { ok: false, error: "token could not be validated" };
  const c = parsed.data;
  const namespace = c["kubernetes.io/serviceaccount/namespace"];
  const saName = c["kubernetes.io/serviceaccount/service-account.name"];
  const secretName = c["kubernetes.io/serviceaccount/secret.name"];
  if (payload.sub !== serviceAccountUsername(namespace, saName)) return { ok: false, error: "token could not be validated" };
  const secret = await options.lookup.get("secrets", namespace, secretName);
  if (!secret) return { ok: false, error: `secret ${namespace}/${secretName} has been deleted` };
  const stored = (secret as { data?: Record<string, string> }).data?.token;
  const storedText = stored ? new TextDecoder().decode(Uint8Array.from(atob(stored), (ch) => ch.charCodeAt(0))) : "";
  if (!constantTimeEqual(await tokenDigest(storedText), await tokenDigest(token))) {
    return { ok: false, error: `token does not match the data of secret ${namespace}/${secretName}` };
  }
  const sa = await liveObject(options.lookup, "serviceaccounts", namespace, { name: saName, uid: c["kubernetes.io/serviceaccount/service-account.uid"] }, "service account");
  if (typeof sa === "string") return { ok: false, error: sa };
  return { ok: true, user: { name: serviceAccountUsername(namespace, saName), uid: sa.metadata.uid, groups: serviceAccountGroups(namespace) }, audiences };
}
