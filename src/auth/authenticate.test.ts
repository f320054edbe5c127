import { exportPKCS8, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { parseAnonymousAccess } from "./anonymous.ts";
import type { AuthConfig } from "./auth-config.ts";
import { authenticateToken } from "./authenticate.ts";
import { loadKeySet } from "./tokens/signing-keys.ts";
import { loadStaticTokens } from "./tokens/static-tokens.ts";

const issuer = "https://kubernetes.default.svc.cluster.local";

describe("authenticateToken: no timing oracle", () => {
  it("compares every token with every static token first, whatever it looks like and whichever check fails", async () => {
    const entries = await loadStaticTokens(Array.from({ length: 20 }, (_, i) => `static-token-${i},user${i},u${i},`).join("\n"));
    let reads = 0;
    const tokens = entries.map((entry) => ({
      user: entry.user,
      get digest() {
        reads++;
        return entry.digest;
      },
    }));
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const config: AuthConfig = { tokens, keys: await loadKeySet(await exportPKCS8(privateKey), undefined), issuers: [issuer], apiAudiences: [issuer], anonymous: parseAnonymousAccess(undefined) };
    const lookups: string[] = [];
    const lookup = { get: async (resource: string, namespace: string, name: string) => (lookups.push(`${resource}/${namespace}/${name}`), undefined) };
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, sub: "system:serviceaccount:x:y", aud: [issuer], iat: now, exp: now + 600, "kubernetes.io": { namespace: "x", serviceaccount: { name: "y", uid: "1" } } };
    const signed = await new SignJWT(claims).setProtectedHeader({ alg: "ES256" }).sign(privateKey);
    const [h, p, s] = signed.split(".");
    const probes: Record<string, string> = {
      known: "static-token-19",
      "near miss": "static-token-18X",
      unknown: "a".repeat(64),
      garbage: "%%%",
      "JWT, bad signature": `${h}.${p}.${s.slice(0, -4)}AAAA`,
      "JWT, expired": await new SignJWT({ ...claims, exp: now - 3600 }).setProtectedHeader({ alg: "ES256" }).sign(privateKey),
      "JWT, unknown service account": signed,
    };
    for (const [name, token] of Object.entries(probes)) {
      reads = 0;
      const result = await authenticateToken(token, config, lookup);
      expect({ name, ok: result.ok, reads }).toEqual({ name, ok: name === "known", reads: 20 });
    }
    // Only a token whose signature verifies is looked up: the object it names is no secret to its holder.
    expect(lookups).toEqual(["serviceaccounts/x/y"]);
  });
});
