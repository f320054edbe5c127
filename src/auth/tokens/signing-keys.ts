// The service-account token keys: one private key that signs (a PKCS#8 PEM secret), and the public keys that
// verify — the signer's own and any others configured, so tokens signed by a retired key keep working while
// it is rotated out. Key ids are kube's: base64url(SHA-256(the public key's PKIX DER)).

import { exportJWK, importJWK, importPKCS8, importSPKI, type JWK } from "jose";

export type SigningAlgorithm = "ES256" | "ES384" | "RS256";

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  key: CryptoKey;
  /** The public key as the JWKS document publishes it. */
  jwk: JWK;
}

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  key: CryptoKey;
}

export interface KeySet {
  signer?: SigningKey;
  verifiers: VerificationKey[];
}

export class KeyConfigError extends Error {}

const pemBlock = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;
const algorithms: SigningAlgorithm[] = ["ES256", "ES384", "RS256"];

/** Tries each algorithm kube signs with until the key imports as one of them. */
async function importAs<T>(load: (alg: SigningAlgorithm) => Promise<T>): Promise<{ alg: SigningAlgorithm; key: T }> {
  for (const alg of algorithms) {
    try {
      return { alg, key: await load(alg) };
    } catch {
      // not this algorithm
    }
  }
  throw new KeyConfigError("unsupported key: want an EC P-256 or P-384 key or an RSA key");
}

function base64url(bytes: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function verificationKey(alg: SigningAlgorithm, key: CryptoKey): Promise<VerificationKey> {
  const kid = base64url(await crypto.subtle.digest("SHA-256", (await crypto.subtle.exportKey("spki", key)) as ArrayBuffer));
  const { kty, crv, x, y, n, e } = await exportJWK(key);
  const jwk: JWK = Object.fromEntries(Object.entries({ use: "sig", kty, kid, crv, alg, x, y, n, e }).filter(([, v]) => v !== undefined));
  return { kid, alg, key, jwk };
}

/** The public half of a private key, as an extractable CryptoKey. */
async function publicOf(alg: SigningAlgorithm, key: CryptoKey): Promise<CryptoKey> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = await exportJWK(key);
  return (await importJWK({ ...pub, ext: true }, alg, { extractable: true })) as CryptoKey;
}

/** Reads the signing key (PKCS#8 PEM) and extra verification keys (SPKI PEMs, any number, concatenated). */
export async function loadKeySet(signingPem: string | undefined, verificationPems: string | undefined): Promise<KeySet> {
  const verifiers: VerificationKey[] = [];
  let signer: SigningKey | undefined;
  if (signingPem?.trim()) {
    const { alg, key } = await importAs((a) => importPKCS8(signingPem.trim(), a, { extractable: true }));
    const pub = await verificationKey(alg, await publicOf(alg, key));
    signer = { kid: pub.kid, alg, key };
    verifiers.push(pub);
  }
  for (const [pem] of (verificationPems ?? "").matchAll(pemBlock)) {
    const { alg, key } = await importAs((a) => importSPKI(pem, a, { extractable: true }));
    const pub = await verificationKey(alg, key);
    if (!verifiers.some((v) => v.kid === pub.kid)) verifiers.push(pub);
  }
  return { signer, verifiers };
}

/** The JWKS document of /openid/v1/jwks. */
export function jwksDocument(keys: KeySet): { keys: JWK[] } {
  return { keys: keys.verifiers.map((v) => v.jwk) };
}
