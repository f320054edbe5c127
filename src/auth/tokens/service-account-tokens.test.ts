import { exportPKCS8, exportSPKI, generateKeyPair, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import type { ObjectLookup } from "./object-lookup.ts";
import { boundClaims } from "./service-account-claims.ts";
import { issueBoundToken, issueLegacyToken, signClaims, verifyServiceAccountToken, type VerifyOptions } from "./service-account-tokens.ts";
import { loadKeySet, type KeySet } from "./signing-keys.ts";

const issuer = "https://kubernetes.default.svc.cluster.local";
const now = new Date("2030-01-01T00:00:00Z");
const sa = { name: "builder", uid: "sa-uid" };

function objects(entries: Record<string, KubeObject>): ObjectLookup & { entries: Record<string, KubeObject> } {
  return { entries, get: async (resource, namespace, name) => entries[`${resource}/${namespace}/${name}`] };
}
const object = (name: string, uid: string, extra: Record<string, unknown> = {}): KubeObject => ({ metadata: { name, namespace: "ci", uid }, ...extra }) as KubeObject;

let keys: KeySet;
let rotatedPkcs8: string;
let foreignPkcs8: string;

beforeAll(async () => {
  const signing = await generateKeyPair("ES256", { extractable: true });
  const rotated = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("ES256", { extractable: true });
  keys = await loadKeySet(await exportPKCS8(signing.privateKey), await exportSPKI(rotated.publicKey));
  rotatedPkcs8 = await exportPKCS8(rotated.privateKey);
  foreignPkcs8 = await exportPKCS8(foreign.privateKey);
});

function options(lookup: ObjectLookup, overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return { keys, issuers: [issuer], audiences: [issuer], implicitAudiences: [issuer], lookup, now, ...overrides };
}

function claims(overrides: Partial<Parameters<typeof boundClaims>[0]> = {}): JWTPayload {
  return { ...boundClaims({ issuer, namespace: "ci", serviceAccount: sa, audiences: [issuer], expirationSeconds: 3600, now, jti: "j-1", ...overrides }) };
}

describe("service account tokens", () => {
  it("issues kube's claims and verifies them to the service account's user", async () => {
    const lookup = objects({ "serviceaccounts/ci/builder": object("builder", "sa-uid") });
    const { token, expiresAt } = await issueBoundToken(keys, { issuer, namespace: "ci", serviceAccount: sa, audiences: [issuer], expirationSeconds: 3600, now, jti: "j-1" });
    expect(expiresAt.toISOString()).toBe("2030-01-01T01:00:00.000Z");
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    expect(payload).toEqual({
      iss: issuer,
      sub: "system:serviceaccount:ci:builder",
      aud: [issuer],
      exp: 1893459600,
      iat: 1893456000,
      nbf: 1893456000,
      jti: "j-1",
      "kubernetes.io": { namespace: "ci", serviceaccount: { name: "builder", uid: "sa-uid" } },
    });
    expect(await verifyServiceAccountToken(token, options(lookup))).toEqual({
      ok: true,
      audiences: [issuer],
      user: {
        name: "system:serviceaccount:ci:builder",
        uid: "sa-uid",
        groups: ["system:serviceaccounts", "system:serviceaccounts:ci"],
        extra: { "authentication.kubernetes.io/credential-id": ["JTI=j-1"] },
      },
    });
  });

  it("stops working when the service account is deleted or replaced", async () => {
    const lookup = objects({});
    const token = await signClaims(keys, claims());
    expect(await verifyServiceAccountToken(token, options(lookup))).toEqual({ ok: false, error: "service account ci/builder has been deleted" });
    lookup.entries["serviceaccounts/ci/builder"] = object("builder", "other-uid");
    expect(await verifyServiceAccountToken(token, options(lookup))).toEqual({ ok: false, error: "service account UID (other-uid) does not match claim (sa-uid)" });
  });

  it("stops working when the bound pod or secret is gone", async () => {
    const lookup = objects({ "serviceaccounts/ci/builder": object("builder", "sa-uid"), "pods/ci/p": object("p", "pod-uid") });
    const token = await signClaims(keys, claims({ pod: { name: "p", uid: "pod-uid" } }));
    const ok = await verifyServiceAccountToken(token, options(lookup));
    expect(ok.ok && ok.user.extra).toEqual({
      "authentication.kubernetes.io/pod-name": ["p"],
      "authentication.kubernetes.io/pod-uid": ["pod-uid"],
      "authentication.kubernetes.io/credential-id": ["JTI=j-1"],
    });
    delete lookup.entries["pods/ci/p"];
    expect(await verifyServiceAccountToken(token, options(lookup))).toEqual({ ok: false, error: "pod ci/p has been deleted" });
    const secretToken = await signClaims(keys, claims({ secret: { name: "s", uid: "s-uid" } }));
    expect(await verifyServiceAccountToken(secretToken, options(lookup))).toEqual({ ok: false, error: "secret ci/s has been deleted" });
  });

  describe("refuses", () => {
    const lookup = objects({ "serviceaccounts/ci/builder": object("builder", "sa-uid") });
    const refused = async (token: string, error: string | RegExp, overrides: Partial<VerifyOptions> = {}) => {
      const result = await verifyServiceAccountToken(token, options(lookup, overrides));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(error);
    };

    it("expired tokens (beyond the minute of leeway)", async () => {
      const token = await signClaims(keys, claims({ now: new Date(now.getTime() - 3600_000 - 61_000) }));
      await refused(token, "token is expired (exp)");
    });

    it("tokens not valid yet", async () => {
      await refused(await signClaims(keys, claims({ now: new Date(now.getTime() + 120_000) })), "token not valid yet (nbf)");
    });

    it("tokens for another audience", async () => {
      await refused(await signClaims(keys, claims({ audiences: ["vault"] })), `token audiences ["vault"] is invalid for the target audiences ["${issuer}"]`);
    });

    it("tokens of another issuer", async () => {
      await refused(await signClaims(keys, claims({ issuer: "https://evil.example" })), "invalid issuer (iss)");
    });

    it("unsigned tokens (alg none)", async () => {
      const header = btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "");
      const body = btoa(JSON.stringify(claims())).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
      await refused(`${header}.${body}.`, /./);
    });

    it("tampered payloads and signatures", async () => {
      const token = await signClaims(keys, claims());
      const [h, , s] = token.split(".");
      const forged = btoa(JSON.stringify({ ...claims(), sub: "system:serviceaccount:kube-system:admin" })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
      await refused(`${h}.${forged}.${s}`, "invalid signature");
      const flipped = s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1);
      await refused(`${token.split(".").slice(0, 2).join(".")}.${flipped}`, "invalid signature");
    });

    it("tokens signed by an untrusted key", async () => {
      const foreign = await loadKeySet(foreignPkcs8, undefined);
      await refused(await signClaims(foreign, claims()), "invalid signature");
    });

    it("malformed tokens", async () => {
      await refused("not-a-jwt", "malformed token");
      await refused("a.b.c", "malformed token");
    });

    it("tokens without the kubernetes.io claims", async () => {
      const { "kubernetes.io": _k, ...plain } = claims();
      await refused(await signClaims(keys, plain), "token could not be validated");
    });
  });

  it("accepts tokens of a rotated-out key that is still trusted", async () => {
    const lookup = objects({ "serviceaccounts/ci/builder": object("builder", "sa-uid") });
    const rotated = await loadKeySet(rotatedPkcs8, undefined);
    expect(rotated.signer?.alg).toBe("RS256");
    expect(keys.verifiers.map((k) => k.kid)).toContain(rotated.signer?.kid);
    const result = await verifyServiceAccountToken(await signClaims(rotated, claims()), options(lookup));
    expect(result.ok).toBe(true);
  });

  it("verifies legacy Secret tokens while the Secret holds them", async () => {
    const token = await issueLegacyToken(keys, "ci", sa, "builder-token");
    const secret = object("builder-token", "s-uid", { data: { token: btoa(token) } });
    const lookup = objects({ "serviceaccounts/ci/builder": object("builder", "sa-uid"), "secrets/ci/builder-token": secret });
    const result = await verifyServiceAccountToken(token, options(lookup));
    expect(result).toEqual({ ok: true, audiences: [issuer], user: { name: "system:serviceaccount:ci:builder", uid: "sa-uid", groups: ["system:serviceaccounts", "system:serviceaccounts:ci"] } });
    lookup.entries["secrets/ci/builder-token"] = object("builder-token", "s-uid", { data: { token: btoa("other") } });
    expect((await verifyServiceAccountToken(token, options(lookup))).ok).toBe(false);
    delete lookup.entries["secrets/ci/builder-token"];
    expect(await verifyServiceAccountToken(token, options(lookup))).toEqual({ ok: false, error: "secret ci/builder-token has been deleted" });
  });

  it("names keys as kube does and publishes only public parts", async () => {
    const der = Uint8Array.from(atob((await exportSPKI(keys.verifiers[0].key)).replace(/-----[^-]+-----|\s/g, "")), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
    const kid = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(keys.signer?.kid).toBe(kid);
    const jwk = keys.verifiers[0].jwk;
    expect(Object.keys(jwk).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
    expect(Object.keys(keys.verifiers[1].jwk).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  });
});

