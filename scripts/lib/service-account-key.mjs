// The service-account token signing key of `npm start`: an EC P-256 key (ES256), generated once and kept as
// PEM files beside the local CA, so tokens stay valid across restarts.

import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const { crypto } = globalThis;

function pem(der, label) {
  const lines = Buffer.from(der).toString("base64").match(/.{1,64}/g);
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** Returns { privateKey, publicKey } (PEM) from `dir`/sa.key and sa.pub, creating them on first use. */
export async function ensureServiceAccountKey(dir) {
  const keyFile = join(dir, "sa.key");
  const pubFile = join(dir, "sa.pub");
  if (!existsSync(keyFile) || !existsSync(pubFile)) {
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    await mkdir(dir, { recursive: true });
    await writeFile(keyFile, pem(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY"), { mode: 0o600 });
    await chmod(keyFile, 0o600);
    await writeFile(pubFile, pem(await crypto.subtle.exportKey("spki", keys.publicKey), "PUBLIC KEY"), { mode: 0o644 });
  }
  const [privateKey, publicKey] = await Promise.all([readFile(keyFile, "utf8"), readFile(pubFile, "utf8")]);
  return { privateKey, publicKey };
}
