// Authentication: a bearer token becomes a user, or the request is refused with 401.
// For now one identity: the bootstrap admin token (ADMIN_TOKEN), a member of system:masters.

import type { Requester } from "../registry/contract.ts";

export const adminUser: Requester = { name: "admin", groups: ["system:masters", "system:authenticated"] };

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  // WebSocket clients that cannot set headers carry the token in a subprotocol.
  const protocols = request.headers.get("sec-websocket-protocol");
  for (const protocol of protocols?.split(",") ?? []) {
    const prefix = "base64url.bearer.authorization.k8s.io.";
    const p = protocol.trim();
    if (p.startsWith(prefix)) {
      try {
        const b64 = p.slice(prefix.length).replace(/-/g, "+").replace(/_/g, "/");
        return atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares digests in constant time, so a token's bytes cannot be probed by timing. */
async function sameToken(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export async function authenticate(request: Request, adminToken: string | undefined): Promise<Requester | undefined> {
  const token = bearerToken(request);
  if (!token || !adminToken) return undefined;
  return (await sameToken(token, adminToken)) ? adminUser : undefined;
}
