import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { OidcAuthenticator, oidcUser, usernamePrefix, type OidcSettings } from "./oidc.ts";

const issuer = "https://idp.example";
const now = new Date("2030-01-01T00:00:00Z");
const base: OidcSettings = { issuer, clientId: "kube", usernameClaim: "sub", algorithms: ["RS256"] };

describe("oidc claim mapping", () => {
  it("prefixes usernames as kube does", () => {
    expect(usernamePrefix(base)).toBe("https://idp.example#");
    expect(usernamePrefix({ ...base, usernameClaim: "email" })).toBe("");
    expect(usernamePrefix({ ...base, usernamePrefix: "-" })).toBe("");
    expect(usernamePrefix({ ...base, usernamePrefix: "oidc:" })).toBe("oidc:");
  });

  it("maps username and groups claims with their prefixes", () => {
    const settings = { ...base, usernamePrefix: "oidc:", groupsClaim: "groups", groupsPrefix: "idp:" };
    expect(oidcUser({ sub: "jane", groups: ["dev", "ops"] }, settings)).toEqual({ ok: true, user: { name: "oidc:jane", groups: ["idp:dev", "idp:ops"] } });
    expect(oidcUser({ sub: "jane", groups: "dev" }, settings)).toEqual({ ok: true, user: { name: "oidc:jane", groups: ["idp:dev"] } });
    expect(oidcUser({ sub: "jane", groups: [1] }, settings).ok).toBe(false);
    expect(oidcUser({}, settings)).toEqual({ ok: false, error: `oidc: parse username claims "sub": claim not present` });
  });

  it("refuses an unverified email", () => {
    const settings = { ...base, usernameClaim: "email" };
    expect(oidcUser({ email: "j@x.io", email_verified: false }, settings)).toEqual({ ok: false, error: "oidc: email not verified" });
    expect(oidcUser({ email: "j@x.io", email_verified: true }, settings)).toEqual({ ok: true, user: { name: "j@x.io", groups: [] } });
  });
});

describe("oidc tokens", () => {
  let sign: (claims: JWTPayload, alg?: string) => Promise<string>;
  let authenticator: OidcAuthenticator;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] });
    authenticator = new OidcAuthenticator({ ...base, groupsClaim: "groups", jwks }, () => Promise.reject(new Error("no network")));
    const t = Math.floor(now.getTime() / 1000);
    sign = (claims) =>
      new SignJWT({ iss: issuer, aud: "kube", sub: "jane", iat: t, exp: t + 600, groups: ["dev"], ...claims }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(privateKey);
  });

  it("verifies against the configured JWKS", async () => {
    expect(await authenticator.verify(await sign({}), now)).toEqual({ ok: true, user: { name: "https://idp.example#jane", groups: ["dev"] } });
  });

  it("refuses another audience, issuer, or an expired token", async () => {
    for (const claims of [{ aud: "other" }, { iss: "https://evil.example" }, { exp: Math.floor(now.getTime() / 1000) - 10 }]) {
      const result = await authenticator.verify(await sign(claims), now);
      expect(result.ok).toBe(false);
    }
  });
});
