// The ETag of an aggregated discovery document, as kube computes it: the uppercase hex SHA-512 of the
// document's JSON, in double quotes. The same document in another encoding shares the tag; the response's
// `Vary: Accept` keeps caches from mixing them up.

export async function discoveryETag(json: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-512", new TextEncoder().encode(json));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return `"${hex.toUpperCase()}"`;
}

/** If-None-Match matches when it lists the tag (or is "*"); weak tags compare by their opaque part. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
