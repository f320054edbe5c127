// The local certificate authority: a CA and a serving certificate for 127.0.0.1, ::1 and localhost,
// generated once with WebCrypto and kept as PEM files so clients can keep trusting the same CA.

import "reflect-metadata"; // @peculiar/x509 needs a Reflect metadata polyfill (see its README)
import * as x509 from "@peculiar/x509";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const { crypto } = globalThis;
x509.cryptoProvider.set(crypto);

const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" };
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" };
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
const FILES = ["ca.crt", "ca.key", "server.crt", "server.key"];

/** Returns the PEM strings of the CA and serving certificate under `dir`, creating them on first use. */
export async function ensurePki(dir) {
  if (!FILES.every((f) => existsSync(join(dir, f)))) await writePki(dir, await generatePki());
  const [caCert, caKey, serverCert, serverKey] = await Promise.all(FILES.map((f) => readFile(join(dir, f), "utf8")));
  return { caCert, caKey, serverCert, serverKey };
}

async function generatePki() {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + TEN_YEARS_MS);
  const caKeys = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=edge-kube-apiserver local CA",
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=edge-kube-apiserver",
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
        { type: "dns", value: "localhost" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });
  return {
    "ca.crt": ca.toString("pem"),
    "ca.key": await privateKeyPem(caKeys.privateKey),
    "server.crt": server.toString("pem"),
    "server.key": await privateKeyPem(serverKeys.privateKey),
  };
}

async function writePki(dir, files) {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o700);
  for (const [name, pem] of Object.entries(files)) {
    await writeFile(join(dir, name), pem + "\n", { mode: name.endsWith(".key") ? 0o600 : 0o644 });
  }
}

async function privateKeyPem(key) {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** A positive 16-byte serial number in hex (RFC 5280 allows up to 20 octets). */
function randomSerial() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString("hex");
}
