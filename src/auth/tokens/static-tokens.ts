// Static bearer tokens from configuration, in kube's --token-auth-file format: one CSV line per token,
// `token,user,uid,"group1,group2"`. Lookups compare against every entry in constant time, so neither a
// token's bytes nor whether it is known can be learnt from how long the answer takes.

import type { UserInfo } from "../identity.ts";

export interface StaticToken {
  /** SHA-256 of the token: only digests are kept, and compared. */
  digest: Uint8Array;
  user: UserInfo;
}

export class StaticTokenError extends Error {}

/** Splits one CSV line (RFC 4180 quoting: "" is a quote inside a quoted field). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  if (quoted) throw new StaticTokenError("unterminated quoted field");
  fields.push(field);
  return fields;
}

/** The entries of a token file; throws StaticTokenError naming the line that is wrong. */
export function parseStaticTokens(text: string): { token: string; user: UserInfo }[] {
  const entries: { token: string; user: UserInfo }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    let fields: string[];
    try {
      fields = splitCsvLine(line).map((f) => f.trim());
    } catch (error) {
      throw new StaticTokenError(`static tokens, line ${i + 1}: ${(error as Error).message}`);
    }
    const [token, name, uid, groups] = fields;
    if (fields.length < 3 || !token || !name) throw new StaticTokenError(`static tokens, line ${i + 1}: need at least token,user,uid`);
    if (seen.has(token)) throw new StaticTokenError(`static tokens, line ${i + 1}: duplicate token`);
    seen.add(token);
    const user: UserInfo = { name, uid: uid || undefined, groups: groups ? groups.split(",").map((g) => g.trim()).filter(Boolean) : [] };
    if (user.uid === undefined) delete user.uid;
    entries.push({ token, user });
  });
  return entries;
}

export async function tokenDigest(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
}

/** The tokens of `text` ready for lookup: only their SHA-256 digests are kept. */
export async function loadStaticTokens(text: string): Promise<StaticToken[]> {
  return Promise.all(parseStaticTokens(text).map(async ({ token, user }) => ({ digest: await tokenDigest(token), user })));
}

/**
 * The user of the entry whose digest equals `digest`. Every entry is compared, whatever matched, byte by
 * byte without an early exit, on fixed-length digests.
 */
export function findStaticToken(digest: ArrayLike<number>, tokens: readonly StaticToken[]): UserInfo | undefined {
  let found: UserInfo | undefined;
  for (const entry of tokens) {
    const same = constantTimeEqual(digest, entry.digest);
    found = same ? entry.user : found;
  }
  return found;
}

/** Whether two byte strings of the same length are equal, in time that depends only on their length. */
export function constantTimeEqual(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}
