// Continue tokens for paginated lists: the revision the list is consistent with and the key to resume after.
// Opaque to clients; the same shape kube uses (base64 of {"v","rv","start"}).

export interface ContinueToken {
  rv: number;
  after: { namespace: string; name: string };
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeContinue(token: ContinueToken): string {
  const start = `${token.after.namespace}/${token.after.name}\u0000`;
  return toBase64(JSON.stringify({ v: "meta.k8s.io/v1", rv: token.rv, start }));
}

/** The token, or undefined when it is not one this server issued. */
export function decodeContinue(text: string): ContinueToken | undefined {
  try {
    const parsed = JSON.parse(fromBase64(text)) as { v?: unknown; rv?: unknown; start?: unknown };
    if (parsed.v !== "meta.k8s.io/v1" || typeof parsed.rv !== "number" || typeof parsed.start !== "string") return undefined;
    if (!Number.isInteger(parsed.rv) || parsed.rv < 1 || !parsed.start.endsWith("\u0000")) return undefined;
    const key = parsed.start.slice(0, -1);
    const slash = key.indexOf("/");
    if (slash < 0) return undefined;
    return { rv: parsed.rv, after: { namespace: key.slice(0, slash), name: key.slice(slash + 1) } };
  } catch {
    return undefined;
  }
}
