// OpenID Connect ID tokens from one configured issuer (kube's --oidc-* flags): verified against the issuer's
// JWKS, then mapped to a user by the username and groups claims, with their prefixes.

import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { UserInfo } from "../identity.ts";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  usernameClaim: string;
  /** Prepended to the username; undefined means kube's default ("<issuer>#" unless the claim is email). */
  usernamePrefix?: string;
  groupsClaim?: string;
  groupsPrefix?: string;
  algorithms: string[];
  /** The JWKS inline (JSON text); else fetched from jwksUri, else from the issuer's discovery document. */
  jwks?: string;
  jwksUri?: string;
}

export class OidcConfigError extends Error {}

export type OidcResult = { ok: true; user: UserInfo } | { ok: false; error: string };

/** kube's username prefix rules: "-" disables it; unset means "<issuer>#" except for the email claim. */
export function usernamePrefix(settings: OidcSettings): string {
  if (settings.usernamePrefix === "-") return "";
  if (settings.usernamePrefix !== undefined) return settings.usernamePrefix;
  return settings.usernameClaim === "email" ? "" : `${settings.issuer}#`;
}

/** The user an ID token's verified claims stand for, or why they do not make one. */
export function oidcUser(payload: JWTPayload, settings: OidcSettings): OidcResult {
  const username = payload[settings.usernameClaim];
  if (username === undefined) return { ok: false, error: `oidc: parse username claims ${JSON.stringify(settings.usernameClaim)}: claim not present` };
  if (typeof username !== "string" || username === "") return { ok: false, error: `oidc: parse username claims ${JSON.stringify(settings.usernameClaim)}: claim is not a non-empty string` };
  if (settings.usernameClaim === "email" && payload.email_verified !== undefined && payload.email_verified !== true) {
    return { ok: false, error: "oidc: email not verified" };
  }
  const groups: string[] = [];
  if (settings.groupsClaim && payload[settings.groupsClaim] !== undefined) {
    const value = payload[settings.groupsClaim];
    const list = typeof value === "string" ? [value] : value;
    if (!Array.isArray(list) || !list.every((g) => typeof g === "string")) {
      return { ok: false, error: `oidc: parse groups claim ${JSON.stringify(settings.groupsClaim)}: not a string or a list of strings` };
    }
    for (const g of list) groups.push(`${settings.groupsPrefix ?? ""}${g}`);
  }
  return { ok: true, user: { name: `${usernamePrefix(settings)}${username}`, groups } };
}

export class OidcAuthenticator {
  private keySet?: JWTVerifyGetKey;

  constructor(
    readonly settings: OidcSettings,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  private async keys(): Promise<JWTVerifyGetKey> {
    if (this.keySet) return this.keySet;
    const { jwks, jwksUri, issuer } = this.settings;
    if (jwks) {
      try {
        this.keySet = createLocalJWKSet(JSON.parse(jwks));
      } catch (error) {
        throw new OidcConfigError(`oidc: the configured JWKS is not valid: ${(error as Error).message}`);
      }
      return this.keySet;
    }
    let uri = jwksUri;
    if (!uri) {
      const res = await this.fetcher(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
      const doc = (await res.json()) as { jwks_uri?: string; issuer?: string };
      if (!res.ok || typeof doc.jwks_uri !== "string") throw new OidcConfigError(`oidc: no jwks_uri in the discovery document of ${issuer}`);
      uri = doc.jwks_uri;
    }
    this.keySet = createRemoteJWKSet(new URL(uri));
    return this.keySet;
  }

  async verify(token: string, now: Date): Promise<OidcResult> {
    try {
      const { payload } = await jwtVerify(token, await this.keys(), {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        algorithms: this.settings.algorithms,
        currentDate: now,
        requiredClaims: ["exp"],
      });
      return oidcUser(payload, this.settings);
    } catch (error) {
      if (error instanceof OidcConfigError) return { ok: false, error: error.message };
      return { ok: false, error: `oidc: verify token: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
