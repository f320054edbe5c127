// Impersonation (Impersonate-User, -Group, -Uid, -Extra-<key>), as kube's impersonation filter does it: each
// requested identity needs the impersonate verb on users, groups, serviceaccounts, uids or userextras; the
// impersonated user gets system:authenticated (or system:unauthenticated for system:anonymous).

import type { Status } from "../../api/status.ts";
import type { Decision } from "./authorizer.ts";
import { forbiddenStatus } from "./forbidden.ts";
import type { AccessAttributes, UserInfo } from "./policy-rule.ts";

const saPrefix = "system:serviceaccount:";
const extraPrefix = "impersonate-extra-";

export type ImpersonationOutcome =
  | { kind: "none" }
  | { kind: "user"; user: UserInfo }
  | { kind: "refused"; status: Status }
  | { kind: "malformed"; message: string };

/** Header values as Go's Header keeps them: a fetch Headers joins repeated headers with ", ". */
function values(headers: Headers, name: string): string[] {
  const raw = headers.get(name);
  if (raw === null) return [];
  return raw.split(",").map((v) => v.trim());
}

function unescapeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export async function impersonate(
  headers: Headers,
  requester: UserInfo,
  authorize: (attrs: AccessAttributes) => Promise<Decision>,
): Promise<ImpersonationOutcome> {
  const userName = headers.get("impersonate-user");
  const groups = values(headers, "impersonate-group");
  const uid = headers.get("impersonate-uid");
  const extra: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    if (!name.startsWith(extraPrefix)) return;
    const key = unescapeKey(name.slice(extraPrefix.length).toLowerCase());
    extra[key] = value.split(",").map((v) => v.trim());
  });
  const hasExtra = Object.keys(extra).length > 0;
  if (userName === null && groups.length === 0 && uid === null && !hasExtra) return { kind: "none" };
  if (userName === null || userName === "") {
    return { kind: "malformed", message: "requested impersonation of groups, uid or extra without impersonating a user" };
  }

  const checks: AccessAttributes[] = [];
  let outGroups: string[] = [];
  const sa = userName.startsWith(saPrefix) ? userName.slice(saPrefix.length).split(":") : undefined;
  if (sa && sa.length === 2 && sa[0] && sa[1]) {
    checks.push({ verb: "impersonate", resourceRequest: true, apiGroup: "", resource: "serviceaccounts", namespace: sa[0], name: sa[1] });
    if (groups.length === 0) outGroups = ["system:serviceaccounts", `system:serviceaccounts:${sa[0]}`];
  } else {
    checks.push({ verb: "impersonate", resourceRequest: true, apiGroup: "", resource: "users", name: userName });
  }
  for (const group of groups) {
    checks.push({ verb: "impersonate", resourceRequest: true, apiGroup: "", resource: "groups", name: group });
    outGroups.push(group);
  }
  for (const [key, vals] of Object.entries(extra)) {
    for (const value of vals) {
      checks.push({ verb: "impersonate", resourceRequest: true, apiGroup: "authentication.k8s.io", resource: "userextras", subresource: key, name: value });
    }
  }
  if (uid !== null) checks.push({ verb: "impersonate", resourceRequest: true, apiGroup: "authentication.k8s.io", resource: "uids", name: uid });

  for (const attrs of checks) {
    const decision = await authorize(attrs);
    if (!decision.allowed) return { kind: "refused", status: forbiddenStatus(requester, attrs, decision.reason) };
  }

  if (userName !== "system:anonymous") {
    if (!outGroups.includes("system:authenticated") && !outGroups.includes("system:unauthenticated")) outGroups.push("system:authenticated");
  } else if (!outGroups.includes("system:unauthenticated")) {
    outGroups.push("system:unauthenticated");
  }
  const user: UserInfo = { name: userName, groups: outGroups };
  if (uid !== null) user.uid = uid;
  if (hasExtra) user.extra = extra;
  return { kind: "user", user };
}
