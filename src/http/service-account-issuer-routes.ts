// The service-account issuer's OIDC discovery (kube's ServiceAccountIssuerDiscovery): the discovery document
// and the public keys, so other systems can verify service-account tokens.

import { Hono } from "hono";
import { authConfig } from "../auth/auth-config.ts";
import { jwksDocument } from "../auth/tokens/signing-keys.ts";
import type { AppEnv } from "./request-context.ts";

export const serviceAccountIssuerRoutes = new Hono<AppEnv>();

const cacheControl = "public, max-age=3600";

serviceAccountIssuerRoutes.get("/.well-known/openid-configuration", async (c) => {
  const config = await authConfig(c.env);
  const algorithms = [...new Set(config.keys.verifiers.map((k) => k.alg))].sort();
  const document = {
    issuer: config.issuers[0],
    jwks_uri: `${new URL(c.req.url).origin}/openid/v1/jwks`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: algorithms,
  };
  return new Response(JSON.stringify(document), { headers: { "Content-Type": "application/json", "Cache-Control": cacheControl } });
});

serviceAccountIssuerRoutes.get("/openid/v1/jwks", async (c) => {
  const config = await authConfig(c.env);
  return new Response(JSON.stringify(jwksDocument(config.keys)), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": cacheControl },
  });
});
