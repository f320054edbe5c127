// The bootstrap admin token: 32 random bytes (base64url), generated once and kept in `.dev.vars`,
// wrangler's local secrets file, so `wrangler dev` and `npm start` accept the same token.

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";

const LINE = /^\s*ADMIN_TOKEN\s*=\s*"?([^"\s]+)"?\s*$/m;

/** Returns the ADMIN_TOKEN from the dotenv file at `path`, adding a new one if it has none. */
export async function ensureAdminToken(path) {
  const text = existsSync(path) ? await readFile(path, "utf8") : "";
  const found = LINE.exec(text);
  if (found) return found[1];
  const token = randomBytes(32).toString("base64url");
  const prefix = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  await writeFile(path, `${prefix}ADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  return token;
}
