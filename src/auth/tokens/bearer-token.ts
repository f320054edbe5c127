// The bearer token of a request: the Authorization header, or for WebSocket clients that cannot set headers,
// the "base64url.bearer.authorization.k8s.io.<token>" subprotocol (as kube reads them). As in kube, an
// Authorization header of another scheme (Basic) or an empty Bearer carries no token: the request is as one
// without credentials (anonymous, where that is allowed); a subprotocol token that does not decode is a bad one.

const subprotocolPrefix = "base64url.bearer.authorization.k8s.io.";

/** The token, "" when a token is given but unreadable, undefined when none is given. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
    if (match) return match[1];
    return /^Bearer\s+\S/i.test(header.trim()) ? "" : undefined;
  }
  const protocols = request.headers.get("sec-websocket-protocol");
  for (const protocol of protocols?.split(",") ?? []) {
    const p = protocol.trim();
    if (!p.startsWith(subprotocolPrefix)) continue;
    try {
      const b64 = p.slice(subprotocolPrefix.length).replace(/-/g, "+").replace(/_/g, "/");
      return atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    } catch {
      return "";
    }
  }
  return undefined;
}
