// Authentication: a bearer token becomes a user, or the request is refused with 401. Tokens are tried as kube's
// union authenticator does: the admin and static tokens (compared in constant time, always, whatever the token
// looks like), then JWTs routed by their unverified issuer: the OIDC issuer's, else service-account tokens.
// A request without a token is anonymous where ANONYMOUS_AUTH allows it (src/auth/anonymous.ts).

import type { Env } from "../env.ts";
import { anonymousAllowed, anonymousUser } from "./anonymous.ts";
import { authConfig, type AuthConfig } from "./auth-config.ts";
import { withAuthenticatedGroup, type UserInfo } from "./identity.ts";
import { bearerToken } from "./tokens/bearer-token.ts";
import { d1Lookup, type ObjectLookup } from "./tokens/object-lookup.ts";
import { verifyServiceAccountToken } from "./tokens/service-account-tokens.ts";
import { findStaticToken, tokenDigest } from "./tokens/static-tokens.ts";

export { adminUser } from "./auth-config.ts";

export type TokenResult = { ok: true; user: UserInfo; audiences: string[] } | { ok: false; error: string };

const invalidToken = "invalid bearer token";
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The `iss` of a JWT's payload, unverified: only to choose who verifies it. */
function unverifiedIssuer(token: string): string | undefined {
  try {
    const b64 = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const payload: unknown = JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
    const iss = (payload as { iss?: unknown } | null)?.iss;
    return typeof iss === "string" ? iss : undefined;
  } catch {
    return undefined;
  }
}

const intersect = (a: string[], b: string[]) => a.filter((x) => b.includes(x));

/**
 * Who `token` authenticates, for the given audiences (the API's own when none are given), as TokenReview and
 * every request ask it.
 */
export async function authenticateToken(
  token: string,
  config: AuthConfig,
  lookup: ObjectLookup,
  options: { audiences?: string[]; now?: Date } = {},
): Promise<TokenResult> {
  const audiences = options.audiences?.length ? options.audiences : config.apiAudiences;
  const now = options.now ?? new Date();
  const known = findStaticToken(await tokenDigest(token), config.tokens);
  if (known) {
    // Static tokens are good for the API's own audiences only (kube's audience-agnostic authenticators).
    const granted = intersect(audiences, config.apiAudiences);
    return granted.length ? { ok: true, user: withAuthenticatedGroup(known), audiences: granted } : { ok: false, error: invalidToken };
  }
  if (!jwtShape.test(token)) return { ok: false, error: invalidToken };
  const issuer = unverifiedIssuer(token);
  if (config.oidc && issuer === config.oidc.settings.issuer) {
    const result = await config.oidc.verify(token, now);
    return result.ok ? { ok: true, user: withAuthenticatedGroup(result.user), audiences } : { ok: false, error: `${invalidToken}, ${result.error}` };
  }
  const verified = await verifyServiceAccountToken(token, {
    keys: config.keys,
    issuers: config.issuers,
    audiences,
    implicitAudiences: config.apiAudiences,
    lookup,
    now,
  });
  return verified.ok ? { ...verified, user: withAuthenticatedGroup(verified.user) } : { ok: false, error: `${invalidToken}, ${verified.error}` };
}

/**
 * The user a request authenticates as: its token's, or system:anonymous when it carries none and anonymous
 * requests are allowed on its path; undefined (a 401) otherwise. A bad token is never taken as anonymous.
 */
export async function authenticate(request: Request, env: Env): Promise<UserInfo | undefined> {
  const config = await authConfig(env);
  const token = bearerToken(request);
  if (token === undefined) return anonymousAllowed(config.anonymous, new URL(request.url).pathname) ? anonymousUser : undefined;
  if (token === "") return undefined;
  const result = await authenticateToken(token, config, d1Lookup(env.DB));
  return result.ok ? result.user : undefined;
}
