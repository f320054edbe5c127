// Anonymous access (ANONYMOUS_AUTH), as kube-apiserver's anonymous authenticator: a request that carries no
// credential is system:anonymous in system:unauthenticated and gets what RBAC grants them (by default
// system:public-info-viewer: the health probes and /version); one whose credential fails is refused with 401.
// The setting's values are kube's three configurations:
//   unset      anonymous for the health and version paths only, as kube's AuthenticationConfiguration
//              `anonymous.conditions` (exact paths) allows it: the default, so probes need no token
//   "true"     anonymous on every path (--anonymous-auth=true)
//   "false"    no anonymous requests at all (--anonymous-auth=false): every request needs a credential
//   "/a,/b"    anonymous on these exact paths only (conditions of your own)

import type { UserInfo } from "./identity.ts";

export const anonymousUser: UserInfo = { name: "system:anonymous", groups: ["system:unauthenticated"] };

/** Where requests without credentials are taken as anonymous: every path, or these exact ones. */
export type AnonymousAccess = "all" | ReadonlySet<string>;

/** The paths kube's system:public-info-viewer lets anyone read. */
export const publicInfoPaths: readonly string[] = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

export class AnonymousSettingError extends Error {}

export function parseAnonymousAccess(setting: string | undefined): AnonymousAccess {
  const value = (setting ?? "").trim();
  if (value === "") return new Set(publicInfoPaths);
  if (value === "true") return "all";
  if (value === "false") return new Set();
  const paths = value.split(",").map((p) => p.trim()).filter(Boolean);
  const bad = paths.find((p) => !p.startsWith("/"));
  if (bad !== undefined) throw new AnonymousSettingError(`ANONYMOUS_AUTH: "${bad}" is not "true", "false" or a path beginning with "/"`);
  return new Set(paths);
}

export function anonymousAllowed(access: AnonymousAccess, path: string): boolean {
  return access === "all" || access.has(path);
}
