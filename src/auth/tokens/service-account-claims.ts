// The claims of a service-account token as kube issues them (pkg/serviceaccount/claims.go): the standard
// ones, and under "kubernetes.io" the namespace, the service account and the object the token is bound to.
// Legacy Secret-based tokens carry flat "kubernetes.io/serviceaccount/..." claims instead.

import { z } from "zod";
import { serviceAccountUsername } from "../identity.ts";

export const legacyIssuer = "kubernetes/serviceaccount";

export interface ObjectRef {
  name: string;
  uid: string;
}

const ref = z.object({ name: z.string().min(1), uid: z.string().min(1) });

export const privateClaims = z.object({
  namespace: z.string().min(1),
  serviceaccount: ref,
  pod: ref.optional(),
  secret: ref.optional(),
  node: ref.optional(),
  warnafter: z.number().optional(),
});

export type PrivateClaims = z.infer<typeof privateClaims>;

export interface BoundClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  "kubernetes.io": PrivateClaims;
}

export interface ClaimsInput {
  issuer: string;
  namespace: string;
  serviceAccount: ObjectRef;
  pod?: ObjectRef;
  secret?: ObjectRef;
  audiences: string[];
  expirationSeconds: number;
  now: Date;
  jti: string;
}

/** kube's token.Claims: issued and valid from now, expiring after expirationSeconds. */
export function boundClaims(input: ClaimsInput): BoundClaims {
  const now = Math.floor(input.now.getTime() / 1000);
  const k8s: PrivateClaims = { namespace: input.namespace, serviceaccount: input.serviceAccount };
  if (input.pod) k8s.pod = input.pod;
  else if (input.secret) k8s.secret = input.secret;
  return {
    iss: input.issuer,
    sub: serviceAccountUsername(input.namespace, input.serviceAccount.name),
    aud: input.audiences,
    exp: now + input.expirationSeconds,
    iat: now,
    nbf: now,
    jti: input.jti,
    "kubernetes.io": k8s,
  };
}

export const legacyClaims = z.object({
  "kubernetes.io/serviceaccount/namespace": z.string().min(1),
  "kubernetes.io/serviceaccount/secret.name": z.string().min(1),
  "kubernetes.io/serviceaccount/service-account.name": z.string().min(1),
  "kubernetes.io/serviceaccount/service-account.uid": z.string().min(1),
});

/** The claims of a legacy token kept in a kubernetes.io/service-account-token Secret (no expiry, no audience). */
export function legacyTokenClaims(namespace: string, serviceAccount: ObjectRef, secretName: string): Record<string, string> {
  return {
    iss: legacyIssuer,
    "kubernetes.io/serviceaccount/namespace": namespace,
    "kubernetes.io/serviceaccount/secret.name": secretName,
    "kubernetes.io/serviceaccount/service-account.name": serviceAccount.name,
    "kubernetes.io/serviceaccount/service-account.uid": serviceAccount.uid,
    sub: serviceAccountUsername(namespace, serviceAccount.name),
  };
}
