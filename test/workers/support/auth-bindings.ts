// Authentication bindings for the workerd tests, made fresh for each run: a service-account signing key (ES256),
// a rotated-out key (RS256) that still verifies, a key nobody trusts, static tokens, and an OIDC issuer whose
// JWKS is given inline. The private keys of the others are bindings too, so tests can sign with them.
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from "jose";

export const oidcIssuer = "https://oidc.test";
export const oidcClientId = "edge-kube";

export const staticTokens = [
  `static-alice-token,alice,alice-uid,"devs,qa"`,
  `static-bob-token,bob,,`,
].join("\n");

export async function authBindings(): Promise<Record<string, string>> {
  const signing = await generateKeyPair("ES256", { extractable: true });
  const rotated = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("ES256", { extractable: true });
  const oidc = await generateKeyPair("RS256", { extractable: true });
  const oidcJwk = { ...(await exportJWK(oidc.publicKey)), kid: "oidc-1", alg: "RS256", use: "sig" };
  return {
    SERVICE_ACCOUNT_SIGNING_KEY: await exportPKCS8(signing.privateKey),
    SERVICE_ACCOUNT_VERIFICATION_KEYS: await exportSPKI(rotated.publicKey),
    STATIC_TOKENS: staticTokens,
    OIDC_ISSUER_URL: oidcIssuer,
    OIDC_CLIENT_ID: oidcClientId,
    OIDC_USERNAME_CLAIM: "email",
    OIDC_GROUPS_CLAIM: "groups",
    OIDC_GROUPS_PREFIX: "oidc:",
    OIDC_JWKS: JSON.stringify({ keys: [oidcJwk] }),
    TEST_ROTATED_KEY: await exportPKCS8(rotated.privateKey),
    TEST_FOREIGN_KEY: await exportPKCS8(foreign.privateKey),
    TEST_OIDC_KEY: await exportPKCS8(oidc.privateKey),
  };
}
