// Authentication settings read from the Worker's bindings once per isolate: the admin and static tokens, the
// service-account keys, issuers and audiences, the OIDC issuer if one is configured, and where anonymous
// requests are allowed.

import type { Env } from "../env.ts";
import { parseAnonymousAccess, type AnonymousAccess } from "./anonymous.ts";
import type { UserInfo } from "./identity.ts";
import { OidcAuthenticator, type OidcSettings } from "./tokens/oidc.ts";
import { loadKeySet, type KeySet } from "./tokens/signing-keys.ts";
import { loadStaticTokens, tokenDigest, type StaticToken } from "./tokens/static-tokens.ts";

/** kube's default issuer in most distributions (kind, kubeadm). */
export const defaultIssuer = "https://kubernetes.default.svc.cluster.local";

export const adminUser: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };

export interface AuthConfig {
  /** The admin token first, then the static tokens, by digest. */
  tokens: StaticToken[];
  keys: KeySet;
  /** Accepted service-account issuers; the first one signs. */
  issuers: string[];
  /** The API server's audiences: tokens must be meant for one of them. */
  apiAudiences: string[];
  oidc?: OidcAuthenticator;
  /** Where a request without credentials is system:anonymous (else 401). */
  anonymous: AnonymousAccess;
  /** PEM of the CA clients use to trust the server, put into legacy token Secrets as ca.crt. */
  caCert?: string;
}

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function oidcSettings(env: Env): OidcSettings | undefined {
  if (!env.OIDC_ISSUER_URL) return undefined;
  if (!env.OIDC_CLIENT_ID) throw new Error("OIDC_ISSUER_URL is set but OIDC_CLIENT_ID is not");
  return {
    issuer: env.OIDC_ISSUER_URL,
    clientId: env.OIDC_CLIENT_ID,
    usernameClaim: env.OIDC_USERNAME_CLAIM || "sub",
    usernamePrefix: env.OIDC_USERNAME_PREFIX,
    groupsClaim: env.OIDC_GROUPS_CLAIM || undefined,
    groupsPrefix: env.OIDC_GROUPS_PREFIX,
    algorithms: env.OIDC_SIGNING_ALGS ? list(env.OIDC_SIGNING_ALGS) : ["RS256"],
    jwks: env.OIDC_JWKS || undefined,
    jwksUri: env.OIDC_JWKS_URI || undefined,
  };
}

export async function readAuthConfig(env: Env): Promise<AuthConfig> {
  const tokens: StaticToken[] = [];
  if (env.ADMIN_TOKEN) tokens.push({ digest: await tokenDigest(env.ADMIN_TOKEN), user: adminUser });
  if (env.STATIC_TOKENS) tokens.push(...(await loadStaticTokens(env.STATIC_TOKENS)));
  const issuers = env.SERVICE_ACCOUNT_ISSUER ? list(env.SERVICE_ACCOUNT_ISSUER) : [defaultIssuer];
  const oidc = oidcSettings(env);
  return {
    tokens,
    keys: await loadKeySet(env.SERVICE_ACCOUNT_SIGNING_KEY, env.SERVICE_ACCOUNT_VERIFICATION_KEYS),
    issuers,
    apiAudiences: env.API_AUDIENCES ? list(env.API_AUDIENCES) : [issuers[0]],
    oidc: oidc ? new OidcAuthenticator(oidc) : undefined,
    caCert: env.CLUSTER_CA_CERT || undefined,
    anonymous: parseAnonymousAccess(env.ANONYMOUS_AUTH),
  };
}

const settingNames = [
  "ADMIN_TOKEN",
  "STATIC_TOKENS",
  "SERVICE_ACCOUNT_SIGNING_KEY",
  "SERVICE_ACCOUNT_VERIFICATION_KEYS",
  "SERVICE_ACCOUNT_ISSUER",
  "API_AUDIENCES",
  "CLUSTER_CA_CERT",
  "OIDC_ISSUER_URL",
  "OIDC_CLIENT_ID",
  "OIDC_USERNAME_CLAIM",
  "OIDC_USERNAME_PREFIX",
  "OIDC_GROUPS_CLAIM",
  "OIDC_GROUPS_PREFIX",
  "OIDC_SIGNING_ALGS",
  "OIDC_JWKS",
  "OIDC_JWKS_URI",
  "ANONYMOUS_AUTH",
] as const;

let cached: { key: string; config: Promise<AuthConfig> } | undefined;

/** The settings of `env`, read once per isolate (again only if the bindings change). */
export function authConfig(env: Env): Promise<AuthConfig> {
  const key = JSON.stringify(settingNames.map((name) => env[name] ?? null));
  if (cached?.key !== key) {
    const config = readAuthConfig(env);
    cached = { key, config };
    config.catch(() => {
      if (cached?.config === config) cached = undefined;
    });
  }
  return cached.config;
}
