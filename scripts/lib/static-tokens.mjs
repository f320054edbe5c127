// The static tokens file of `npm start` (kube's token file: `token,user,uid,"group1,group2"` per line), where
// `npm run kubeconfig -- --user NAME` adds users. Passed to the Worker as STATIC_TOKENS when it starts.

import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";

/** The file's text, "" when there is none. */
export async function readStaticTokens(path) {
  return existsSync(path) ? readFile(path, "utf8") : "";
}

/** Adds a user with a new random token; returns the token. */
export async function addStaticToken(path, { user, groups = [] }) {
  if (!/^[^,"\n]+$/.test(user) || groups.some((g) => !/^[^,"\n]+$/.test(g))) throw new Error("user and group names may not contain commas, quotes or newlines");
  const token = randomBytes(32).toString("base64url");
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${token},${user},${randomUUID()},"${groups.join(",")}"\n`, { mode: 0o600 });
  return token;
}
